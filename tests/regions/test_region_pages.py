"""The region pages: the list and its form, the boards side by side, a board's regions."""

from tests.regions.conftest import SECRET


def test_the_region_page_shows_boards_side_by_side_without_closed_texts(region, web):
    page = web(region["people"]["lead"]).get(f"/regions/{region['id']}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Open" in html and "Dicht" in html and "2026-Q2" in html
    assert SECRET["Open"] in html
    assert SECRET["Dicht"] not in html
    # The lead is a member of Open only: a link to that board, none to Dicht.
    assert f'/boards/{region["boards"]["Open"]["id"]}"' in html
    assert f'/boards/{region["boards"]["Dicht"]["id"]}"' not in html
    # The page joins no board's live channel: no socket client, no board id for live.js to join.
    assert "socket.io" not in html and "data-board-id=" not in html


def test_the_page_is_refused_to_others(region, web):
    for who in ("partner", "outsider"):
        assert web(region["people"][who]).get(f"/regions/{region['id']}").status_code == 403


def test_create_a_region_from_the_list(region, web):
    client = web(region["people"]["outsider"])
    assert client.post("/regions", data={"name": ""}).status_code == 422
    response = client.post("/regions", data={"name": "Provincie"})
    assert response.status_code in (302, 303)
    listing = client.get("/regions").get_data(as_text=True)
    assert "Provincie" in listing


def test_a_coordinator_joins_shares_and_leaves_from_the_board_settings(region, web):
    new = region["clients"]["outsider"].post("/regions", json={"name": "Tweede"}).get_json()
    board = region["boards"]["Dicht"]["id"]
    client = web(region["people"]["dicht"])
    wrong = client.post(f"/boards/{board}/regions", data={"region_id": "999999"})
    assert wrong.status_code == 404 and "Deze regio bestaat niet." in wrong.get_data(as_text=True)
    bad = client.post(f"/boards/{board}/regions", data={"region_id": "twee"})
    assert bad.status_code == 422
    joined = client.post(f"/boards/{board}/regions", data={"region_id": new["id"]})
    assert joined.status_code in (302, 303)
    again = client.post(f"/boards/{board}/regions", data={"region_id": new["id"]})
    assert again.status_code == 409
    page = client.get(f"/boards/{board}/regions").get_data(as_text=True)
    assert "Tweede" in page and "ziet alleen cijfers en brug" in page
    client.post(f"/boards/{board}/regions/{new['id']}", data={"share_texts": "yes"})
    overview = region["clients"]["outsider"].get(f"/regions/{new['id']}/overview")
    assert SECRET["Dicht"] in overview.get_data(as_text=True)
    client.post(f"/regions/{new['id']}/boards/{board}/leave", data={"back": "board"})
    assert (
        region["clients"]["outsider"].get(f"/regions/{new['id']}/overview").get_json()["boards"]
        == []
    )
    assert web(region["people"]["partner"]).get(f"/boards/{board}/regions").status_code == 403
