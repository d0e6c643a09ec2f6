"""What a read-through of the house found, fixed: each as a person would notice it."""

from app.cards.services import create_card, delete_card
from app.extensions import db
from app.models import User
from app.permissions import Actor


def _card(board_with_roles):
    board, people = board_with_roles["board"], board_with_roles["people"]
    actor = Actor(user=people["partner"])
    card = create_card(
        actor,
        board.id,
        phase_id=board.phases[0].id,
        lane_id=board.lanes[0].id,
        organisation_id=board_with_roles["organisation"].id,
        title="Warmtescan",
    )
    return board, people, card


def test_a_restored_card_is_told_as_restored_not_as_created(board_with_roles, api, web, sio):
    board, people, card = _card(board_with_roles)
    delete_card(Actor(user=people["partner"]), board.id, card.id)
    watcher = sio(people["viewer"])
    assert watcher.join(board.id)["ok"]

    restored = api(people["partner"]).post(f"/boards/{board.id}/cards/{card.id}/restore")

    assert restored.status_code == 200 and restored.json["title"] == "Warmtescan"
    pushed = [e["type"] for e in watcher.received_events() if e["data"].get("id") == card.id]
    assert pushed == ["card.restored"]
    events = api(people["viewer"]).get(f"/boards/{board.id}/events?after=0").json["events"]
    assert [e["type"] for e in events if e["data"].get("id") == card.id][-1] == "card.restored"
    feed = web(people["coordinator"]).get(f"/boards/{board.id}/activity").get_data(as_text=True)
    assert "herstelde kaart ‘Warmtescan’" in feed


def test_the_chosen_language_is_kept_for_the_person_and_unknown_ones_are_ignored(
    board_with_roles, web
):
    person = board_with_roles["people"]["partner"]
    page = web(person)
    page.post("/locale", data={"locale": "en", "next": "/"})
    db.session.expire_all()
    assert db.session.get(User, person.id).locale == "en"
    page.post("/locale", data={"locale": "xx", "next": "/"})
    db.session.expire_all()
    assert db.session.get(User, person.id).locale == "en"
    assert "My boards" in page.get("/").get_data(as_text=True)


def test_the_coordinator_plans_meetings_and_a_partner_sees_no_planning_form(board_with_roles, web):
    board, people = board_with_roles["board"], board_with_roles["people"]
    coordinator = web(people["coordinator"]).get(f"/boards/{board.id}/meetings")
    partner = web(people["partner"]).get(f"/boards/{board.id}/meetings")
    planning = f'action="/boards/{board.id}/meetings"'
    assert coordinator.status_code == partner.status_code == 200
    assert planning in coordinator.get_data(as_text=True)
    assert planning not in partner.get_data(as_text=True)


def test_removing_a_member_cuts_their_live_channel_through_the_signal(board_with_roles, api, sio):
    board, people = board_with_roles["board"], board_with_roles["people"]
    partner = sio(people["partner"])
    assert partner.join(board.id)["ok"] and partner.is_connected()

    removed = api(people["coordinator"]).delete(
        f"/boards/{board.id}/members/{people['partner'].id}"
    )

    assert removed.status_code == 204
    assert not partner.is_connected()
