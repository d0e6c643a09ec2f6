"""The choice per person and board: through the API (default daily, bad input 422 in Dutch,
outsiders refused) and through the "Meldingen" page."""


def test_the_api_reads_and_sets_the_choice(board_with_roles, api):
    people, board = board_with_roles["people"], board_with_roles["board"]
    path = f"/boards/{board.id}/notifications/me"
    viewer = api(people["viewer"])
    assert viewer.get(path).get_json() == {"mode": "daily"}
    assert viewer.put(path, json={"mode": "immediate"}).get_json() == {"mode": "immediate"}
    assert viewer.get(path).get_json() == {"mode": "immediate"}
    assert api(people["partner"]).get(path).get_json() == {"mode": "daily"}  # per person

    bad = viewer.put(path, json={"mode": "weekly"})
    assert bad.status_code == 422
    assert bad.get_json()["error"]["fields"]["mode"] == "Kies een geldige waarde."
    assert viewer.put(path, json={"mode": "off", "extra": 1}).status_code == 422
    assert api(people["outsider"]).get(path).status_code == 403


def test_the_page_shows_and_saves_the_choice(board_with_roles, web):
    people, board = board_with_roles["people"], board_with_roles["board"]
    page = web(people["partner"])
    shown = page.get(f"/boards/{board.id}").get_data(as_text=True)
    assert f'href="/boards/{board.id}/notifications"' in shown  # reachable from the board
    form = page.get(f"/boards/{board.id}/notifications").get_data(as_text=True)
    assert 'value="daily" checked' in form
    saved = page.post(f"/boards/{board.id}/notifications", data={"mode": "off"})
    assert saved.status_code == 302
    assert 'value="off" checked' in page.get(saved.location).get_data(as_text=True)
    refused = page.post(f"/boards/{board.id}/notifications", data={"mode": "<b>x</b>"})
    assert refused.status_code == 422
    assert "Kies een geldige waarde." in refused.get_data(as_text=True)
