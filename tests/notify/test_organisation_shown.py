"""A member linked to an organisation is shown with it: in the presence list ("Partner —
Energieloket" in the payload) and in the minutes (who was there, who changed what)."""

from app.auth.services import issue_token
from tests.notify.helpers import add_card, link_to_organisation


def test_presence_carries_the_members_organisation(board_with_roles, sio):
    people, board = board_with_roles["people"], board_with_roles["board"]
    link_to_organisation(board_with_roles, people["partner"])
    partner = sio(token=issue_token(people["partner"]))
    viewer = sio(token=issue_token(people["viewer"]))
    partner.join(board.id)
    viewer.join(board.id)
    users = {u["name"]: u for u in viewer.received_events("presence")[-1]["users"]}
    assert users["Partner"]["organisation"] == "Energieloket"
    assert users["Viewer"]["organisation"] is None


def test_the_minutes_name_the_organisation_of_who_was_there_and_who_changed_what(
    board_with_roles, api, web
):
    people, board = board_with_roles["people"], board_with_roles["board"]
    link_to_organisation(board_with_roles, people["partner"])
    coordinator = api(people["coordinator"])
    meeting = coordinator.post(
        f"/boards/{board.id}/meetings",
        json={"title": "Regio-overleg", "starts_at": "2030-01-01T10:00"},
    ).get_json()
    path = f"/boards/{board.id}/meetings/{meeting['id']}"
    assert coordinator.post(f"{path}/start").status_code == 200
    add_card(api, people["partner"], board_with_roles, "Buurtactie isoleren")
    assert coordinator.post(f"{path}/end").status_code == 200

    minutes = coordinator.get(f"{path}/minutes").get_json()
    assert {"name": "Partner", "organisation": "Energieloket"} in minutes["attendees"]
    assert {"name": "Coordinator", "organisation": None} in minutes["attendees"]
    (change,) = minutes["changes"]
    assert change["text"] == "Partner (Energieloket) maakte kaart ‘Buurtactie isoleren’"
    assert change["organisation"] == "Energieloket"

    markdown = coordinator.get(f"{path}/minutes.md").get_data(as_text=True)
    assert "Partner — Energieloket" in markdown
    page = web(people["coordinator"]).get(f"{path}/minutes").get_data(as_text=True)
    assert "Partner — Energieloket" in page
