"""The boards page's new-board form: templates, saved templates and copies as radio cards."""

import re

from app.board_templates.services import save_template
from app.extensions import db
from app.models import Board
from app.permissions import Actor


def _newest_board() -> Board:
    return db.session.execute(db.select(Board).order_by(Board.id.desc())).scalars().first()


def test_the_form_offers_every_start(sample_board, web, in_request):
    people, board = sample_board["people"], sample_board["board"]
    with in_request():
        save_template(Actor(user=people["coordinator"]), board.id, "Aanpak Leusden")
    page = web(people["viewer"]).get("/").get_data(as_text=True)
    values = re.findall(r'name="template" value="([^"]+)"', page)
    assert values[:2] == ["default", "lokale_aanpak_isolatie"]
    assert values[-2:] == ["copy", "empty"]
    assert any(v.startswith("saved-") for v in values)
    assert "Aanpak Leusden" in page and "Sjabloon van" in page
    assert f'<option value="{board.id}"' in page  # the board to copy


def test_the_form_starts_an_isolation_board(web, create_user):
    client = web(create_user())
    response = client.post(
        "/boards", data={"name": "Isolatie", "template": "lokale_aanpak_isolatie"}
    )
    assert response.status_code == 302
    board = _newest_board()
    assert [lane.name for lane in board.lanes][:2] == ["Vloer/bodem", "Gevel/spouw"]
    assert len(board.phases) == 7


def test_the_form_copies_a_board_with_its_cards(sample_board, web):
    board = sample_board["board"]
    client = web(sample_board["people"]["partner"])
    response = client.post(
        "/boards",
        data={"name": "Kopie", "template": "copy", "copy_from": board.id, "copy": "cards"},
    )
    assert response.status_code == 302
    copy = _newest_board()
    page = client.get(f"/boards/{copy.id}").get_data(as_text=True)
    assert "Keukentafelgesprek" in page and "Energiecoach aan huis" in page


def test_the_journey_keeps_its_lane_choice(web, create_user):
    client = web(create_user())
    client.post("/boards", data={"name": "Reis", "template": "default", "lanes": "target_group"})
    assert [lane.name for lane in _newest_board().lanes][0] == "Eigenaar-bewoners"


def test_copying_a_board_you_cannot_read_shows_the_form_again(sample_board, web, create_board):
    # E.g. the person was taken off the board after the page was loaded.
    board, outsider = sample_board["board"], sample_board["people"]["outsider"]
    create_board(owner=outsider, name="Eigen bord")
    client = web(outsider)
    response = client.post(
        "/boards", data={"name": "Stiekem", "template": "copy", "copy_from": board.id}
    )
    assert response.status_code == 404
    assert "Dit bord bestaat niet." in response.get_data(as_text=True)


def test_a_coordinator_saves_the_structure_from_the_settings_page(board_with_roles, web):
    board, people = board_with_roles["board"], board_with_roles["people"]
    client = web(people["coordinator"])
    response = client.post(f"/boards/{board.id}/template", data={"name": "Onze aanpak"})
    assert response.status_code == 302 and "saved=board" in response.headers["Location"]
    assert "Opgeslagen." in client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Onze aanpak" in web(people["viewer"]).get("/").get_data(as_text=True)
    empty = client.post(f"/boards/{board.id}/template", data={"name": ""})
    assert empty.status_code == 422
    assert (
        web(people["partner"]).post(f"/boards/{board.id}/template", data={"name": "X"}).status_code
        == 403
    )
