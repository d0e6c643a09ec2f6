"""The JSON API (docs/contract.md §4): tokens, boards, structure, cards, events, OpenAPI."""

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from app.auth.services import TOKEN_USE_RESOLUTION, create_user
from app.extensions import db
from app.models import ApiToken, Event
from app.vocab import DEFAULT_PHASES
from tests.plugin import new_card

PASSWORD = "lange-zin-als-wachtwoord"

BOARD_KEYS = {
    "id",
    "name",
    "seq",
    "phases",
    "lanes",
    "organisations",
    "cards",
    "markers",
    "handovers",
    "next_steps",
}
CARD_KEYS = {
    "id",
    "phase_id",
    "lane_id",
    "organisation_id",
    "title",
    "description",
    "capacity_per_year",
    "position",
    "version",
}
PHASE_KEYS = {"id", "name", "position", "demand_per_year"}


def test_token_for_good_credentials(app, api):
    user = create_user("anna@voorbeeld.nl", "Anna", PASSWORD)
    response = api().post("/tokens", json={"email": "Anna@voorbeeld.nl", "password": PASSWORD})
    assert response.status_code == 201
    token = response.get_json()["token"]
    assert len(token) >= 32
    boards = api(token=token).get("/boards")
    assert boards.status_code == 200 and boards.get_json()["boards"] == []
    created = api(token=token).post("/boards", json={"name": "Van Anna"}).get_json()
    members = api(token=token).get(f"/boards/{created['id']}/members").get_json()["members"]
    assert [m["user_id"] for m in members] == [user.id]


def test_a_token_shows_when_it_was_last_used_without_a_write_per_call(app, api):
    create_user("anna@voorbeeld.nl", "Anna", PASSWORD)
    token = (
        api()
        .post("/tokens", json={"email": "anna@voorbeeld.nl", "password": PASSWORD})
        .get_json()["token"]
    )

    def last_used() -> str | None:
        db.session.remove()  # a fresh look at the database, as the next request has
        return api(token=token).get("/tokens").get_json()["tokens"][0]["last_used_at"]

    assert api(token=token).get("/boards").status_code == 200
    first = last_used()
    assert first is not None
    assert last_used() == first  # used again within TOKEN_USE_RESOLUTION: not written again
    earlier = datetime.now(UTC) - TOKEN_USE_RESOLUTION - timedelta(seconds=1)
    db.session.execute(update(ApiToken).values(last_used_at=earlier))
    db.session.commit()
    assert last_used() > earlier.isoformat()


def test_bad_credentials_get_one_answer(app, api):
    create_user("anna@voorbeeld.nl", "Anna", PASSWORD)
    wrong_password = api().post(
        "/tokens", json={"email": "anna@voorbeeld.nl", "password": "not-the-password"}
    )
    unknown_email = api().post(
        "/tokens", json={"email": "nobody@voorbeeld.nl", "password": PASSWORD}
    )
    assert wrong_password.status_code == unknown_email.status_code == 401
    assert wrong_password.get_json() == unknown_email.get_json()
    assert wrong_password.get_json()["error"]["code"] == "unauthorized"


def test_invalid_token_is_401(api):
    response = api(token="not-a-token").get("/boards")
    assert response.status_code == 401
    assert set(response.get_json()["error"]) >= {"code", "message"}


def test_create_board_with_default_phases(api, create_user):
    client = api(create_user())
    response = client.post("/boards", json={"name": "Gemeente Leusden"})
    assert response.status_code == 201
    board = response.get_json()
    assert [p["name"] for p in board["phases"]] == list(DEFAULT_PHASES) and len(DEFAULT_PHASES) == 7
    assert board["lanes"] == [] and board["cards"] == []
    listed = client.get("/boards").get_json()["boards"]
    assert [(b["id"], b["name"], b["role"]) for b in listed] == [
        (board["id"], "Gemeente Leusden", "coordinator")
    ]


def test_create_board_with_custom_phases_and_lanes(api, create_user):
    response = api(create_user()).post(
        "/boards",
        json={"name": "Weert", "phases": ["Eén", "Twee", "Drie"], "lanes": ["VvE's", "Huurders"]},
    )
    assert response.status_code == 201
    board = response.get_json()
    assert [p["name"] for p in board["phases"]] == ["Eén", "Twee", "Drie"]
    assert [lane["name"] for lane in board["lanes"]] == ["VvE's", "Huurders"]
    positions = [p["position"] for p in board["phases"]]
    assert positions == sorted(positions)


def test_get_board_shape(roles):
    client = roles["clients"]["viewer"]
    board = client.get(f"/boards/{roles['board_id']}").get_json()
    assert set(board) >= BOARD_KEYS
    assert board["id"] == roles["board_id"] and board["seq"] >= 1
    assert set(board["phases"][0]) >= PHASE_KEYS
    [card] = board["cards"]
    assert set(card) >= CARD_KEYS
    assert card == roles["card"]
    assert card["version"] == 1 and card["title"] == "Keukentafelgesprek"
    assert card["organisation_id"] == roles["organisation"].id
    assert {o["id"] for o in board["organisations"]} == {roles["organisation"].id}


def test_board_state_query_count_does_not_grow_with_the_board(roles, count_queries):
    board_id, client, card = roles["board_id"], roles["clients"]["coordinator"], roles["card"]
    client.get(f"/boards/{board_id}")  # the first use of the token is recorded: not counted
    with count_queries() as few:
        assert client.get(f"/boards/{board_id}").status_code == 200
    for phase in range(3):
        organisation = client.post(
            f"/boards/{board_id}/organisations", json={"name": f"Partij {phase}"}
        ).get_json()
        for lane in range(2):
            fields = new_card(roles["state"], organisation, f"Aanbod {phase}-{lane}", phase, lane)
            made = client.post(f"/boards/{board_id}/cards", json=fields)
            assert made.status_code == 201, made.get_json()
    assert client.post(f"/boards/{board_id}/phases", json={"name": "Nazorg"}).status_code == 201
    with count_queries() as many:
        state = client.get(f"/boards/{board_id}").get_json()
    assert len(state["cards"]) == 7 and card["id"] in {c["id"] for c in state["cards"]}
    assert few and len(many) == len(few), many


def test_unknown_board_is_404(roles):
    response = roles["clients"]["coordinator"].get("/boards/999999")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_add_member_gives_access(roles, api, create_user):
    newcomer = create_user(email="coach@voorbeeld.nl")
    client = api(newcomer)
    board_id = roles["board_id"]
    assert client.get(f"/boards/{board_id}").status_code == 403
    response = roles["clients"]["coordinator"].post(
        f"/boards/{board_id}/members", json={"email": "coach@voorbeeld.nl", "role": "partner"}
    )
    assert response.status_code == 201
    assert response.get_json()["role"] == "partner"
    assert client.get(f"/boards/{board_id}").status_code == 200
    members = roles["clients"]["viewer"].get(f"/boards/{board_id}/members").get_json()["members"]
    assert ("coach@voorbeeld.nl", "partner") in {(m["email"], m["role"]) for m in members}


def test_add_member_with_unknown_email_is_422(roles):
    response = roles["clients"]["coordinator"].post(
        f"/boards/{roles['board_id']}/members", json={"email": "x@y.nl", "role": "partner"}
    )
    assert response.status_code == 422 and "email" in response.get_json()["error"]["fields"]


def test_phase_create_patch_delete(roles):
    client, board_id = roles["clients"]["partner"], roles["board_id"]
    created = client.post(
        f"/boards/{board_id}/phases", json={"name": "Monitoring", "demand_per_year": 120}
    )
    assert created.status_code == 201
    phase = created.get_json()
    assert phase["name"] == "Monitoring" and phase["demand_per_year"] == 120
    phases = client.get(f"/boards/{board_id}").get_json()["phases"]
    assert phases[-1]["id"] == phase["id"]  # new phases go last

    first = phases[0]["id"]
    patched = client.patch(
        f"/boards/{board_id}/phases/{phase['id']}", json={"name": "Nazorg", "after_id": None}
    )
    assert patched.status_code == 200 and patched.get_json()["name"] == "Nazorg"
    phases = client.get(f"/boards/{board_id}").get_json()["phases"]
    assert phases[0]["id"] == phase["id"] and phases[1]["id"] == first  # moved to the front

    assert client.delete(f"/boards/{board_id}/phases/{phase['id']}").status_code == 204
    phases = client.get(f"/boards/{board_id}").get_json()["phases"]
    assert phase["id"] not in {p["id"] for p in phases}


def test_delete_phase_with_cards_asks_where_they_go(roles, snapshot):
    client, board_id = roles["clients"]["coordinator"], roles["board_id"]
    card = roles["card"]
    before = snapshot()
    refused = client.delete(f"/boards/{board_id}/phases/{card['phase_id']}")
    assert refused.status_code == 422
    assert refused.get_json()["error"]["code"] == "has_cards"
    assert snapshot() == before

    target = roles["state"]["phases"][2]["id"]
    moved = client.delete(f"/boards/{board_id}/phases/{card['phase_id']}?move_cards_to={target}")
    assert moved.status_code == 204
    board = client.get(f"/boards/{board_id}").get_json()
    assert card["phase_id"] not in {p["id"] for p in board["phases"]}
    [after] = board["cards"]
    assert after["id"] == card["id"] and after["phase_id"] == target
    assert after["lane_id"] == card["lane_id"]


def test_lane_create_patch_delete_moves_cards(roles):
    client, board_id = roles["clients"]["partner"], roles["board_id"]
    lane = client.post(f"/boards/{board_id}/lanes", json={"name": "Huurders"})
    assert lane.status_code == 201
    lane_id = lane.get_json()["id"]
    renamed = client.patch(f"/boards/{board_id}/lanes/{lane_id}", json={"name": "Verhuurders"})
    assert renamed.status_code == 200 and renamed.get_json()["name"] == "Verhuurders"
    card = roles["card"]
    refused = client.delete(f"/boards/{board_id}/lanes/{card['lane_id']}")
    assert refused.status_code == 422 and refused.get_json()["error"]["code"] == "has_cards"
    assert (
        client.delete(
            f"/boards/{board_id}/lanes/{card['lane_id']}", json={"move_cards_to": lane_id}
        ).status_code
        == 204
    )
    board = client.get(f"/boards/{board_id}").get_json()
    assert board["cards"][0]["lane_id"] == lane_id
    assert card["lane_id"] not in {lane["id"] for lane in board["lanes"]}


def test_organisation_create_patch_delete(roles):
    client, board_id = roles["clients"]["partner"], roles["board_id"]
    created = client.post(
        f"/boards/{board_id}/organisations",
        json={"name": "Coöperatie Zon", "kind": "energiecooperatie", "color": "#AA3300"},
    )
    assert created.status_code == 201
    organisation = created.get_json()
    assert organisation["kind"] == "energiecooperatie" and organisation["color"] == "#aa3300"
    patched = client.patch(
        f"/boards/{board_id}/organisations/{organisation['id']}",
        json={"name": "Coöperatie Wind", "version": organisation["version"]},
    )
    assert patched.status_code == 200 and patched.get_json()["name"] == "Coöperatie Wind"
    stale = client.patch(
        f"/boards/{board_id}/organisations/{organisation['id']}",
        json={"name": "Oud", "version": organisation["version"]},
    )
    assert stale.status_code == 409 and stale.get_json()["current"]["name"] == "Coöperatie Wind"
    in_use = client.delete(f"/boards/{board_id}/organisations/{roles['organisation'].id}")
    assert in_use.status_code == 422 and in_use.get_json()["error"]["code"] == "has_cards"
    assert (
        client.delete(f"/boards/{board_id}/organisations/{organisation['id']}").status_code == 204
    )
    names = {o["name"] for o in client.get(f"/boards/{board_id}").get_json()["organisations"]}
    assert names == {"Energieloket"}


def test_card_lifecycle(roles):
    client, board_id = roles["clients"]["partner"], roles["board_id"]
    state, first = roles["state"], roles["card"]
    fields = new_card(state, first["organisation_id"], "Offertecheck", capacity_per_year=300)
    fields["description"] = "Een adviseur leest mee."
    created = client.post(f"/boards/{board_id}/cards", json=fields)
    assert created.status_code == 201
    card = created.get_json()
    assert card["version"] == 1 and card["capacity_per_year"] == 300
    assert card["position"] > first["position"]  # new cards go last in their cell

    patched = client.patch(
        f"/boards/{board_id}/cards/{card['id']}", json={"version": 1, "title": "Offertecheck plus"}
    )
    assert patched.status_code == 200
    assert patched.get_json()["version"] == 2 and patched.get_json()["title"] == "Offertecheck plus"
    assert patched.get_json()["description"] == "Een adviseur leest mee."  # untouched fields stay

    on_top = client.post(
        f"/boards/{board_id}/cards/{card['id']}/move",
        json={"phase_id": first["phase_id"], "lane_id": first["lane_id"]},
    )
    assert on_top.status_code == 200
    cell = client.get(f"/boards/{board_id}").get_json()["cards"]
    assert [c["id"] for c in cell] == [card["id"], first["id"]]

    target_phase, target_lane = state["phases"][3]["id"], state["lanes"][1]["id"]
    moved = client.post(
        f"/boards/{board_id}/cards/{card['id']}/move",
        json={"phase_id": target_phase, "lane_id": target_lane},
    )
    assert moved.status_code == 200
    assert (moved.get_json()["phase_id"], moved.get_json()["lane_id"]) == (
        target_phase,
        target_lane,
    )
    after = client.post(
        f"/boards/{board_id}/cards/{first['id']}/move",
        json={"phase_id": target_phase, "lane_id": target_lane, "after_card_id": card["id"]},
    )
    assert after.status_code == 200
    cards = client.get(f"/boards/{board_id}").get_json()["cards"]
    assert [c["id"] for c in cards] == [card["id"], first["id"]]

    assert client.delete(f"/boards/{board_id}/cards/{card['id']}").status_code == 204
    assert client.get(f"/boards/{board_id}/cards/{card['id']}").status_code == 404
    ids = [c["id"] for c in client.get(f"/boards/{board_id}").get_json()["cards"]]
    assert ids == [first["id"]]

    restored = client.post(f"/boards/{board_id}/cards/{card['id']}/restore")
    assert restored.status_code == 200
    assert restored.get_json()["title"] == "Offertecheck plus"
    ids = [c["id"] for c in client.get(f"/boards/{board_id}").get_json()["cards"]]
    assert sorted(ids) == sorted([first["id"], card["id"]])


def test_events_after_seq_in_order(roles):
    client, board_id = roles["clients"]["viewer"], roles["board_id"]
    partner = roles["clients"]["partner"]
    start = client.get(f"/boards/{board_id}").get_json()["seq"]
    card = roles["card"]
    for version, title in enumerate(("Een", "Twee", "Drie"), start=1):
        assert (
            partner.patch(
                f"/boards/{board_id}/cards/{card['id']}", json={"version": version, "title": title}
            ).status_code
            == 200
        )
    response = client.get(f"/boards/{board_id}/events?after={start}")
    assert response.status_code == 200
    body = response.get_json()
    assert body["seq"] == start + 3
    assert [e["seq"] for e in body["events"]] == [start + 1, start + 2, start + 3]
    assert [e["type"] for e in body["events"]] == ["card.updated"] * 3
    assert [e["data"]["title"] for e in body["events"]] == ["Een", "Twee", "Drie"]
    assert body["events"][0]["actor"]["name"] == "Partner"
    everything = client.get(f"/boards/{board_id}/events?after=0").get_json()["events"]
    assert [e["seq"] for e in everything] == list(range(1, start + 4))
    assert client.get(f"/boards/{board_id}/events?after={start + 3}").get_json()["events"] == []
    # A seq the log never reached (say the database was restored from a backup) is not
    # "up to date": the client must reload.
    assert client.get(f"/boards/{board_id}/events?after={start + 4}").status_code == 410


def test_events_gone_when_log_no_longer_reaches_back(roles):
    client, board_id = roles["clients"]["viewer"], roles["board_id"]
    seq = client.get(f"/boards/{board_id}").get_json()["seq"]
    assert seq >= 3
    db.session.execute(db.delete(Event).where(Event.board_id == board_id, Event.seq <= 2))
    db.session.commit()
    response = client.get(f"/boards/{board_id}/events?after=0")
    assert response.status_code == 410
    assert response.get_json()["error"]["code"] == "resync"
    recent = client.get(f"/boards/{board_id}/events?after=2")
    assert recent.status_code == 200
    assert [e["seq"] for e in recent.get_json()["events"]] == list(range(3, seq + 1))


def test_events_after_must_be_a_number(roles):
    response = roles["clients"]["viewer"].get(f"/boards/{roles['board_id']}/events?after=-1")
    assert response.status_code == 422


def test_openapi_lists_every_api_route(app, api):
    response = api().get("/openapi.json")
    assert response.status_code == 200
    spec = response.get_json()
    assert spec["openapi"].startswith("3.")
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1") and not rule.rule.endswith("/openapi.json"):
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
            routes |= {(path, m.lower()) for m in rule.methods - {"HEAD", "OPTIONS"}}
    documented = {(path, method) for path, ops in spec["paths"].items() for method in ops}
    assert routes, "no API routes found"
    assert routes - documented == set()
    card_post = spec["paths"]["/api/v1/boards/{board_id}/cards"]["post"]
    ref = card_post["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    schema = spec["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert {"phase_id", "organisation_id", "title"} <= set(schema["required"])
