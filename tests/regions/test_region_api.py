"""The region through the API: create, join, choose what is shared, leave, the overview."""

import json

from tests.regions.conftest import SECRET


def _overview(region, who: str = "lead"):
    return region["clients"][who].get(f"/regions/{region['id']}/overview")


def test_anyone_signed_in_creates_a_region_and_leads_it(region, api):
    outsider = region["clients"]["outsider"]
    response = outsider.post("/regions", json={"name": "Provincie Utrecht"})
    assert response.status_code == 201
    created = response.get_json()
    assert created["name"] == "Provincie Utrecht"
    assert outsider.get(f"/regions/{created['id']}/overview").get_json()["boards"] == []
    listed = outsider.get("/regions").get_json()["regions"]
    assert [r["name"] for r in listed] == ["Provincie Utrecht"]
    assert api().post("/regions", json={"name": "X"}).status_code == 401


def test_bad_input_is_refused_in_dutch(region):
    lead = region["clients"]["lead"]
    response = lead.post("/regions", json={"name": ""})
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"]["name"] == "Dit veld is verplicht."
    response = lead.post("/regions", json={"name": "x" * 101})
    assert response.status_code == 422
    coordinator = region["clients"]["open"]
    board = region["boards"]["Open"]["id"]
    response = coordinator.patch(
        f"/regions/{region['id']}/boards/{board}", json={"share_texts": "ja"}
    )
    assert response.status_code == 422
    assert "ja of nee" in response.get_json()["error"]["fields"]["share_texts"]
    response = coordinator.post(f"/regions/{region['id']}/boards", json={"board_id": "een"})
    assert response.status_code == 422


def test_only_the_boards_coordinator_adds_it_once(region):
    new = region["clients"]["outsider"].post("/regions", json={"name": "Tweede"}).get_json()
    board = region["boards"]["Dicht"]["id"]
    path = f"/regions/{new['id']}/boards"
    for who in ("lead", "partner", "outsider"):  # the region's lead is no coordinator of Dicht
        assert region["clients"][who].post(path, json={"board_id": board}).status_code == 403
    response = region["clients"]["dicht"].post(path, json={"board_id": board})
    assert response.status_code == 201
    assert response.get_json()["share_texts"] is False
    again = region["clients"]["dicht"].post(path, json={"board_id": board})
    assert again.status_code == 409
    assert again.get_json()["error"]["code"] == "already_in_region"
    assert (
        region["clients"]["dicht"]
        .post("/regions/999999/boards", json={"board_id": board})
        .status_code
        == 404
    )


def test_the_overview_is_for_the_lead_and_the_boards_coordinators(region, api):
    for who in ("lead", "open", "dicht"):
        assert _overview(region, who).status_code == 200
    for who in ("partner", "outsider"):
        assert _overview(region, who).status_code == 403
    assert api().get(f"/regions/{region['id']}/overview").status_code == 401
    assert region["clients"]["lead"].get("/regions/999999/overview").status_code == 404


def test_the_overview_shows_the_latest_quarter_side_by_side(region):
    result = _overview(region).get_json()
    assert result["name"] == "RES Voorbeeld" and result["lead"] is True
    boards = {b["name"]: b for b in result["boards"]}
    assert list(boards) == ["Dicht", "Open"]
    dicht = boards["Dicht"]
    assert dicht["period"] == "2026-Q2"
    first, second = dicht["phases"][0], dicht["phases"][1]
    assert (first["reached"], first["moved_on"], first["conversion"]) == (800, 200, 0.25)
    assert (second["reached"], second["moved_on"], second["conversion"]) == (200, 100, 0.5)
    # The entry phase's 800 of the latest quarter among 4,000 households: 200 per 1,000.
    assert dicht["target_groups"][0]["per_1000"] == 200.0
    assert dicht["per_1000"] == 200.0
    assert boards["Open"]["per_1000"] == 100.0
    assert dicht["open_gaps"] == 1
    assert set(dicht["bridge"]) == {"solid", "cracked", "missing"}
    assert sum(dicht["bridge"].values()) == len(dicht["phases"])
    # The lead is a member of Open only: only that one can be opened.
    assert boards["Open"]["member"] is True and dicht["member"] is False


def test_card_texts_only_of_the_board_that_allows_it(region):
    text = _overview(region).get_data(as_text=True)
    assert SECRET["Dicht"] not in text
    boards = {b["name"]: b for b in json.loads(text)["boards"]}
    assert "cards" not in boards["Dicht"]
    assert [c["title"] for c in boards["Open"]["cards"]] == [SECRET["Open"]]
    # Dicht's coordinator changes their mind: now the region sees the texts, until withdrawn.
    dicht = region["boards"]["Dicht"]["id"]
    path = f"/regions/{region['id']}/boards/{dicht}"
    assert region["clients"]["partner"].patch(path, json={"share_texts": True}).status_code == 403
    assert region["clients"]["lead"].patch(path, json={"share_texts": True}).status_code == 403
    response = region["clients"]["dicht"].patch(path, json={"share_texts": True})
    assert response.status_code == 200 and response.get_json()["share_texts"] is True
    assert SECRET["Dicht"] in _overview(region).get_data(as_text=True)
    region["clients"]["dicht"].patch(path, json={"share_texts": False})
    assert SECRET["Dicht"] not in _overview(region).get_data(as_text=True)


def test_the_coordinator_or_the_lead_takes_a_board_out(region):
    rid = region["id"]
    open_, dicht = region["boards"]["Open"]["id"], region["boards"]["Dicht"]["id"]
    for who in ("partner", "outsider", "open"):  # Open's coordinator has no say over Dicht
        assert region["clients"][who].delete(f"/regions/{rid}/boards/{dicht}").status_code == 403
    assert region["clients"]["lead"].delete(f"/regions/{rid}/boards/{dicht}").status_code == 204
    assert region["clients"]["open"].delete(f"/regions/{rid}/boards/{open_}").status_code == 204
    assert region["clients"]["open"].delete(f"/regions/{rid}/boards/{open_}").status_code == 404
    assert _overview(region).get_json()["boards"] == []
    # Dicht's coordinator is no longer part of the region: no overview for them.
    assert _overview(region, "dicht").status_code == 403


def test_a_board_without_figures_shows_no_quarter(region, create_board, web):
    board = create_board(owner=region["people"]["outsider"], name="Leeg")
    outsider = region["clients"]["outsider"]
    assert (
        outsider.post(f"/regions/{region['id']}/boards", json={"board_id": board.id}).status_code
        == 201
    )
    boards = {b["name"]: b for b in _overview(region).get_json()["boards"]}
    assert boards["Leeg"]["period"] is None and boards["Leeg"]["per_1000"] is None
    assert all(p["reached"] is None and p["conversion"] is None for p in boards["Leeg"]["phases"])
    page = web(region["people"]["lead"]).get(f"/regions/{region['id']}")
    assert page.status_code == 200 and "Nog geen cijfers" in page.get_data(as_text=True)


def test_the_bridge_counts_agree_with_the_bridge_page(region, app):
    from app.extensions import db  # noqa: PLC0415
    from app.models import Board  # noqa: PLC0415
    from app.reading import bridge  # noqa: PLC0415
    from app.reading.analysis import figures  # noqa: PLC0415
    from app.reading.facts import load_facts  # noqa: PLC0415

    boards = {b["board_id"]: b["bridge"] for b in _overview(region).get_json()["boards"]}
    with app.test_request_context():
        for board_id, counts in boards.items():
            state = load_facts(db.session.get(Board, board_id))
            assert bridge.picture(state, figures(state))["counts"] == counts


def test_the_batched_monitors_agree_with_each_boards_monitor(region, app):
    from app.monitor.figures import load_monitor, load_monitors  # noqa: PLC0415

    ids = [board["id"] for board in region["boards"].values()]
    with app.test_request_context():
        batched = load_monitors(ids)
        for board_id in ids:
            assert batched[board_id].to_json() == load_monitor(board_id).to_json()
