"""The read-only view carries schema.org JSON-LD: a Service per offer, escaped as data."""

import json
import re

from app.cards.services import create_card
from app.permissions import Actor
from app.share.services import create_link
from app.structure.services import create_organisation

TITLE = "Isolatie</script><script>alert(1)</script> & meer"


def _json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def test_the_view_describes_each_offer_as_a_service(sample_board, web, in_request):
    board, people = sample_board["board"], sample_board["people"]
    actor = Actor(user=people["coordinator"])
    with in_request():
        gemeente = create_organisation(actor, board.id, "Gemeente Leusden", "gemeente")
        create_card(
            actor,
            board.id,
            board.phases[0].id,
            gemeente.id,
            TITLE,
            lane_id=board.lanes[0].id,
            description="Avond in het buurthuis",
        )
        _link, token = create_link(actor, board.id)
    html = web().get(f"/s/{token}").get_data(as_text=True)
    # The title cannot close the element: its < and > are written as \u003c and \u003e.
    assert "</script><script>alert(1)" not in html
    (data,) = _json_ld(html)
    assert data["@context"] == "https://schema.org" and data["@type"] == "ItemList"
    services = {entry["item"]["name"]: entry["item"] for entry in data["itemListElement"]}
    assert TITLE in services  # decoded, the title is intact
    service = services[TITLE]
    assert service["@type"] == "Service"
    assert service["provider"] == {
        "@type": "Organization",
        "name": "Gemeente Leusden",
        "description": "Gemeente",
    }
    assert service["areaServed"] == {"@type": "AdministrativeArea", "name": "Gemeente Leusden"}
    assert service["description"] == "Avond in het buurthuis"
    assert service["serviceType"] == board.phases[0].name
    assert services["Keukentafelgesprek"]["provider"]["name"] == "Energieloket"
    assert len(services) == 4 == data["numberOfItems"]
