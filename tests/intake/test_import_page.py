"""The import page: upload, correct the mapping, see the problems, import."""

from sqlalchemy import select

from app.extensions import db
from app.models import Card
from tests.intake.files import CLEAN, HEADER, upload, xlsx

HX = {"HX-Request": "true"}


def _post(client, path: str, data: bytes, **fields):
    return client.post(
        path, data=upload(data, **fields), content_type="multipart/form-data", headers=HX
    )


def test_the_board_links_to_the_page_for_editors_only(board_with_roles, web):
    board, people = board_with_roles["board"], board_with_roles["people"]
    assert "Inventaris importeren" in web(people["partner"]).get(f"/boards/{board.id}").text
    assert "Inventaris importeren" not in web(people["viewer"]).get(f"/boards/{board.id}").text


def test_check_shows_the_guessed_mapping_counts_and_problems_with_html_as_text(
    board_with_roles, web
):
    board = board_with_roles["board"]
    client = web(board_with_roles["people"]["partner"])
    rows = [*CLEAN, ["<script>x</script>", "", "Advies", "Kleine klussen", "Fout", "", ""]]
    response = _post(client, f"/boards/{board.id}/inventory-import/check", xlsx(rows))
    assert response.status_code == 200
    page = response.text
    assert '<option value="phase" selected>' in page
    assert "5 rijen gelezen, 4 zonder problemen." in page
    assert "4 nieuwe kaarten" in page and "Huurders" in page
    assert "&#39;Advies&#39; bestaat niet — bedoel je &#39;Advies &amp; plan&#39;?" in page
    assert "<script>x</script>" not in page
    assert "Importeren</button>" not in page  # nothing to import while there are problems


def test_mapping_an_unknown_phase_and_importing_creates_the_cards(board_with_roles, web):
    board = board_with_roles["board"]
    client = web(board_with_roles["people"]["partner"])
    rows = [HEADER[:5], ["Energieloket", "", "Advies", "Kleine klussen", "Maatwerkadvies"]]
    advice = board.phases[2].id
    form = {
        **{
            f"column-{i}": key
            for i, key in enumerate(["organisation", "", "phase", "lane", "title"])
        },
        "phase-value-0": "Advies",
        "phase-target-0": str(advice),
    }
    checked = _post(client, f"/boards/{board.id}/inventory-import/check", xlsx(rows), **form)
    assert "1 rijen gelezen, 1 zonder problemen." in checked.text
    assert f'<option value="{advice}" selected>' in checked.text
    done = _post(client, f"/boards/{board.id}/inventory-import", xlsx(rows), **form)
    assert "1 nieuwe kaart" in done.text
    card = db.session.scalars(select(Card).where(Card.board_id == board.id)).one()
    assert card.phase_id == advice and card.title == "Maatwerkadvies"


def test_a_too_large_file_is_explained_on_the_page(board_with_roles, web):
    board = board_with_roles["board"]
    client = web(board_with_roles["people"]["partner"])
    data = b"Organisatie,Fase,Titel\n" + b"x" * (5 * 1024 * 1024 + 10)
    response = _post(client, f"/boards/{board.id}/inventory-import/check", data, name="a.csv")
    assert response.status_code == 200 and "groter dan 5 MB" in response.text
