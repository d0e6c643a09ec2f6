"""The Socket.IO contract, with Flask-SocketIO's test client: connect, join, replay, ops."""

import pytest

from app.auth.services import issue_token, revoke_token
from app.extensions import db
from app.models import ApiToken, Event
from app.permissions import Actor
from app.share.services import create_link, revoke_link


@pytest.fixture
def live(roles, sio):
    """The role board with a token per member, and a socket factory by role."""
    tokens = {role: issue_token(user) for role, user in roles["people"].items()}

    def connect(role: str):
        return sio(token=tokens[role])

    return {**roles, "tokens": tokens, "connect": connect}


def _new_card(live, title: str = "Collectieve inkoop") -> dict:
    card = live["card"]
    return {
        "phase_id": card["phase_id"],
        "lane_id": card["lane_id"],
        "organisation_id": card["organisation_id"],
        "title": title,
    }


@pytest.mark.parametrize(
    "auth",
    [None, {}, {"token": "not-a-token"}, {"token": 42}, {"share": "not-a-share-token"}, "token"],
)
def test_connect_refused_without_valid_auth(app, sio, auth):
    assert not sio(auth=auth).is_connected()


def test_connect_refused_with_revoked_api_token(app, sio, create_user):
    user = create_user()
    token = issue_token(user)
    token_id = db.session.execute(db.select(ApiToken.id).filter_by(user_id=user.id)).scalar_one()
    revoke_token(user, token_id)
    assert not sio(token=token).is_connected()


def test_revoked_share_token_is_refused_and_cut_off(live, sio):
    coordinator = Actor(user=live["people"]["coordinator"])
    link, token = create_link(coordinator, live["board_id"], label="Wethouder")
    viewer = sio(share=token)
    assert viewer.is_connected()
    ack = viewer.join(live["board_id"])
    assert ack == {"ok": True, "seq": ack["seq"], "role": "viewer"}
    assert viewer.op(live["board_id"], "card.create", **_new_card(live))["ok"] is False

    revoke_link(coordinator, live["board_id"], link.id)
    assert not viewer.is_connected()
    assert not sio(share=token).is_connected()


def test_share_link_cannot_join_another_board(live, sio, create_board):
    coordinator = live["people"]["coordinator"]
    other = create_board(owner=coordinator, name="Tweede bord")
    _link, token = create_link(Actor(user=coordinator), live["board_id"])
    viewer = sio(share=token)
    assert viewer.join(other.id)["ok"] is False


@pytest.mark.parametrize("role", ["coordinator", "partner", "viewer"])
def test_join_ack(live, role):
    client = live["connect"](role)
    seq = live["clients"][role].get(f"/boards/{live['board_id']}").get_json()["seq"]
    assert client.join(live["board_id"]) == {"ok": True, "seq": seq, "role": role}


@pytest.mark.parametrize(
    "payload", [{"board_id": "1"}, {"board_id": True}, {}, "1", None, {"board_id": 10**20}]
)
def test_join_with_a_bad_board_id_is_refused(live, payload):
    client = live["connect"]("partner")
    ack = client.emit("join", payload, callback=True)
    assert ack["ok"] is False and ack["error"]["code"]
    assert client.is_connected()


def test_outsider_cannot_join(live):
    client = live["connect"]("outsider")
    ack = client.join(live["board_id"])
    assert ack["ok"] is False and ack["error"]["code"] == "forbidden"
    live["clients"]["partner"].post(f"/boards/{live['board_id']}/cards", json=_new_card(live))
    assert client.received_events() == []


def test_unknown_board_cannot_be_joined(live):
    assert live["connect"]("coordinator").join(999999)["ok"] is False


def test_api_change_arrives_as_board_event(live):
    viewer = live["connect"]("viewer")
    ack = viewer.join(live["board_id"])
    viewer.get_received()
    response = live["clients"]["partner"].post(
        f"/boards/{live['board_id']}/cards", json=_new_card(live)
    )
    [event] = viewer.received_events()
    assert event["board_id"] == live["board_id"]
    assert event["seq"] == ack["seq"] + 1
    assert event["type"] == "card.created"
    assert event["data"] == response.get_json()
    assert event["actor"] == {"id": live["people"]["partner"].id, "name": "Partner"}
    assert "html" not in event  # the JSON audience gets the entity only


def test_page_audience_gets_rendered_html(live):
    page, editor = live["connect"]("viewer"), live["connect"]("partner")
    for client in (page, editor):
        client.join(live["board_id"], html=True)
        client.get_received()
    live["clients"]["partner"].post(
        f"/boards/{live['board_id']}/cards", json=_new_card(live, "<b>Vet</b> & zo")
    )
    [event] = page.received_events()
    assert event["type"] == "card.created"
    assert isinstance(event["html"], str)
    assert "&lt;b&gt;Vet&lt;/b&gt;" in event["html"] and "<b>Vet</b>" not in event["html"]
    # One fragment for both audiences, without controls: an editor's page adds its own.
    [pushed] = editor.received_events()
    assert pushed["html"] == event["html"]
    assert "data-move" not in event["html"] and "data-action" not in event["html"]


def test_pages_get_the_pushed_card_in_their_own_language(live):
    # The partner reads Dutch (the default), the viewer chose English: each page's push shows
    # the card's status in its reader's language, whoever made the change.
    live["people"]["viewer"].locale = "en"
    db.session.commit()
    dutch, english = live["connect"]("partner"), live["connect"]("viewer")
    for client in (dutch, english):
        client.join(live["board_id"], html=True)
        client.get_received()
    live["clients"]["partner"].post(
        f"/boards/{live['board_id']}/cards", json={**_new_card(live), "status": "planned"}
    )
    [nl_event], [en_event] = dutch.received_events(), english.received_events()
    assert ">Gepland</span>" in nl_event["html"] and ">Planned</span>" in en_event["html"]
    assert nl_event["data"] == en_event["data"]


def test_a_page_push_carries_the_feed_line_in_its_readers_language(live):
    # The feed line comes with the event (a page no longer fetches the feed after each one).
    live["people"]["viewer"].locale = "en"
    db.session.commit()
    dutch, english, api = (
        live["connect"]("partner"),
        live["connect"]("viewer"),
        live["connect"]("viewer"),
    )
    for client in (dutch, english):
        client.join(live["board_id"], html=True)
    api.join(live["board_id"])
    for client in (dutch, english, api):
        client.get_received()
    live["clients"]["partner"].post(
        f"/boards/{live['board_id']}/cards", json=_new_card(live, "Feedregel")
    )
    [nl_event], [en_event] = dutch.received_events(), english.received_events()
    assert "Partner maakte kaart ‘Feedregel’" in nl_event["feed"]
    assert "Partner created card ‘Feedregel’" in en_event["feed"]
    assert f'data-seq="{nl_event["seq"]}"' in nl_event["feed"]
    [json_event] = api.received_events()
    assert "feed" not in json_event  # the JSON audience gets the entity only


def test_replay_after_seq_sends_exactly_the_missed_events(live):
    board_id, card = live["board_id"], live["card"]
    partner = live["clients"]["partner"]
    k = partner.get(f"/boards/{board_id}").get_json()["seq"]
    for version, title in enumerate(("Een", "Twee", "Drie"), start=1):
        partner.patch(
            f"/boards/{board_id}/cards/{card['id']}", json={"version": version, "title": title}
        )
    partner.post(
        f"/boards/{board_id}/cards/{card['id']}/move",
        json={"phase_id": live["state"]["phases"][1]["id"], "lane_id": card["lane_id"]},
    )
    client = live["connect"]("viewer")
    ack = client.join(board_id, after=k)
    assert ack["ok"] and ack["seq"] == k + 4
    events = client.received_events()
    assert [e["seq"] for e in events] == [k + 1, k + 2, k + 3, k + 4]
    assert [e["type"] for e in events] == ["card.updated"] * 3 + ["card.moved"]
    assert [e["data"]["title"] for e in events] == ["Een", "Twee", "Drie", "Drie"]
    logged = partner.get(f"/boards/{board_id}/events?after={k}").get_json()["events"]
    assert [(e["seq"], e["data"]) for e in events] == [(e["seq"], e["data"]) for e in logged]

    up_to_date = live["connect"]("viewer")
    assert up_to_date.join(board_id, after=k + 4)["ok"]
    assert up_to_date.received_events() == []
    assert up_to_date.received_events("resync") == []


def test_resync_when_the_log_no_longer_reaches_back(live):
    board_id = live["board_id"]
    seq = live["clients"]["viewer"].get(f"/boards/{board_id}").get_json()["seq"]
    db.session.execute(db.delete(Event).where(Event.board_id == board_id, Event.seq <= 2))
    db.session.commit()
    client = live["connect"]("viewer")
    assert client.join(board_id, after=0)["ok"]
    received = client.get_received()
    assert [m["name"] for m in received if m["name"] != "presence"] == ["resync"]
    [resync] = [m["args"][0] for m in received if m["name"] == "resync"]
    assert resync == {"board_id": board_id, "seq": seq}


def test_resync_when_the_client_is_ahead_of_the_log(live):
    board_id = live["board_id"]
    seq = live["clients"]["viewer"].get(f"/boards/{board_id}").get_json()["seq"]
    client = live["connect"]("viewer")
    assert client.join(board_id, after=seq + 5)["ok"]
    assert client.received_events("resync") == [{"board_id": board_id, "seq": seq}]


def test_presence_lists_people_and_what_they_edit(live):
    board_id, card = live["board_id"], live["card"]
    partner, viewer = live["connect"]("partner"), live["connect"]("viewer")
    partner.join(board_id)
    viewer.join(board_id)
    presence = viewer.received_events("presence")[-1]
    assert presence["board_id"] == board_id
    assert sorted(u["name"] for u in presence["users"]) == ["Partner", "Viewer"]
    assert all(u["editing"] is None for u in presence["users"])

    assert partner.emit(
        "editing", {"board_id": board_id, "card_id": card["id"]}, callback=True
    ) == {"ok": True}
    users = {u["name"]: u for u in viewer.received_events("presence")[-1]["users"]}
    assert users["Partner"]["editing"] == card["id"]
    assert users["Partner"]["id"] == live["people"]["partner"].id
    assert users["Viewer"]["editing"] is None

    partner.emit("editing", {"board_id": board_id, "card_id": None}, callback=True)
    users = {u["name"]: u for u in viewer.received_events("presence")[-1]["users"]}
    assert users["Partner"]["editing"] is None

    partner.disconnect()
    names = [u["name"] for u in viewer.received_events("presence")[-1]["users"]]
    assert names == ["Viewer"]


def test_viewer_cannot_write_over_the_socket(live, snapshot):
    board_id, card = live["board_id"], live["card"]
    viewer = live["connect"]("viewer")
    viewer.join(board_id)
    before = snapshot()
    attempts = [
        ("card.create", _new_card(live)),
        ("card.update", {"card_id": card["id"], "version": card["version"], "title": "Weg"}),
        (
            "card.move",
            {
                "card_id": card["id"],
                "phase_id": live["state"]["phases"][2]["id"],
                "lane_id": card["lane_id"],
            },
        ),
        ("card.delete", {"card_id": card["id"]}),
    ]
    for op, data in attempts:
        ack = viewer.op(board_id, op, **data)
        assert ack["ok"] is False and ack["error"]["code"] == "forbidden", (op, ack)
    editing = viewer.emit("editing", {"board_id": board_id, "card_id": card["id"]}, callback=True)
    assert editing["ok"] is False
    assert snapshot() == before
    assert viewer.received_events() == []


def test_partner_op_writes_and_broadcasts(live):
    board_id, card = live["board_id"], live["card"]
    partner, viewer = live["connect"]("partner"), live["connect"]("viewer")
    partner.join(board_id)
    viewer.join(board_id)
    viewer.get_received()
    target = live["state"]["phases"][3]["id"]
    ack = partner.op(
        board_id, "card.move", card_id=card["id"], phase_id=target, lane_id=card["lane_id"]
    )
    assert ack["ok"] is True and ack["data"]["phase_id"] == target
    [event] = viewer.received_events()
    assert event["type"] == "card.moved" and event["seq"] == ack["seq"]
    assert event["data"] == ack["data"]


@pytest.mark.parametrize(
    "payload",
    [
        {"op": "card.explode", "data": {}},
        {"op": "card.update", "data": {"card_id": "1", "version": 1}},
        {"op": "card.update", "data": {"version": 1}},
        {"op": "card.update", "data": {"card_id": 10**20, "version": 1}},
        {"op": "card.create", "data": {"title": "x" * 201}},
        {"op": "card.create", "data": ["not", "an", "object"]},
        {"op": None, "data": {}},
    ],
)
def test_bad_ops_are_refused_without_writing(live, snapshot, payload):
    board_id = live["board_id"]
    partner = live["connect"]("partner")
    partner.join(board_id)
    before = snapshot()
    ack = partner.emit("op", {"board_id": board_id, **payload}, callback=True)
    assert ack["ok"] is False and ack["error"]["code"]
    assert snapshot() == before
    assert partner.is_connected()


def test_stale_op_gets_the_current_card(live):
    board_id, card = live["board_id"], live["card"]
    partner = live["connect"]("partner")
    partner.join(board_id)
    first = partner.op(board_id, "card.update", card_id=card["id"], version=1, title="Eerst")
    stale = partner.op(board_id, "card.update", card_id=card["id"], version=1, title="Later")
    assert first["ok"] and first["data"]["version"] == 2
    assert stale["ok"] is False and stale["error"]["code"] == "stale_version"
    assert stale["current"] == first["data"]


def test_removing_a_member_disconnects_their_socket(live):
    board_id = live["board_id"]
    partner, viewer = live["connect"]("partner"), live["connect"]("viewer")
    partner.join(board_id)
    viewer.join(board_id)
    response = live["clients"]["coordinator"].delete(
        f"/boards/{board_id}/members/{live['people']['partner'].id}"
    )
    assert response.status_code == 204
    assert not partner.is_connected()
    assert viewer.is_connected()
    names = [u["name"] for u in viewer.received_events("presence")[-1]["users"]]
    assert names == ["Viewer"]
    again = live["connect"]("partner")
    assert again.join(board_id)["ok"] is False
