"""schema.org JSON-LD of the offer, for the read-only view: search engines and municipal sites
read each card as a `Service` with its `provider` and the area it serves."""

from app.boards.queries import BoardState
from app.reading.offers import counts
from app.vocab import ORGANISATION_KINDS


def area_served(state: BoardState) -> dict:
    """Return the area the board serves: its municipality (the organisation of kind gemeente)
    when it has one, else the board itself, which is usually named after the place."""
    municipality = next((o.name for o in state.organisations if o.kind == "gemeente"), None)
    return {"@type": "AdministrativeArea", "name": municipality or state.board.name}


def offer(state: BoardState) -> dict:
    """Return the board's live offers as a schema.org ItemList of Services (the template writes
    it with `tojson`, which escapes <, > and & so no title can close the script element)."""
    organisations = {o.id: o for o in state.organisations}
    phases = {p.id: p.name for p in state.phases}
    lanes = {lane.id: lane.name for lane in state.lanes}
    area = area_served(state)
    services = []
    for cell in state.cells().values():
        for card in cell:
            if not counts(card):  # a stopped offer is no longer offered
                continue
            organisation = organisations[card.organisation_id]
            service = {
                "@type": "Service",
                "name": card.title,
                "serviceType": phases.get(card.phase_id, ""),
                "provider": {
                    "@type": "Organization",
                    "name": organisation.name,
                    "description": str(ORGANISATION_KINDS.get(organisation.kind, "")),
                },
                "areaServed": area,
            }
            if card.description:
                service["description"] = card.description
            if card.lane_id in lanes:
                service["category"] = lanes[card.lane_id]
            services.append(service)
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": state.board.name,
        "numberOfItems": len(services),
        "itemListElement": [
            {"@type": "ListItem", "position": n, "item": service}
            for n, service in enumerate(services, start=1)
        ],
    }
