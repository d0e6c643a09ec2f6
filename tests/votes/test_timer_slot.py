"""The timer's slot, fetched again by a live page when another meeting becomes the current one:
the board's current meeting for members (controls for coordinators only) and share links."""


def _meeting(coordinator, board, title: str) -> dict:
    meeting = coordinator.post(
        f"/boards/{board.id}/meetings", json={"title": title, "starts_at": "2030-01-01T10:00"}
    ).json
    assert coordinator.post(f"/boards/{board.id}/meetings/{meeting['id']}/start").status_code == 200
    return meeting


def test_the_slot_shows_the_meeting_started_last(board_with_roles, api, web):
    board, people = board_with_roles["board"], board_with_roles["people"]
    coordinator = api(people["coordinator"])
    url = f"/boards/{board.id}/meetings/timer"
    assert 'id="bw-timer"' not in web(people["viewer"]).get(url).get_data(as_text=True)
    _meeting(coordinator, board, "Eerste overleg")
    second = _meeting(coordinator, board, "Tweede <overleg>")
    link = coordinator.post(f"/boards/{board.id}/share-links", json={}).json
    for client, path, controls in (
        (web(people["coordinator"]), url, True),
        (web(people["viewer"]), url, False),
        (web(), f"/s/{link['token']}/timer", False),
    ):
        answer = client.get(path)
        html = answer.get_data(as_text=True)
        assert answer.status_code == 200
        assert f'data-meeting-id="{second["id"]}"' in html
        assert 'data-meeting-status="running"' in html
        assert "Tweede &lt;overleg&gt;" in html
        assert ('data-timer-action="start"' in html) is controls
    assert web(people["outsider"]).get(url).status_code in (403, 404)
