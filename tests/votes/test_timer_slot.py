"""The timer's slot, fetched again by a live page when another meeting becomes the current one:
the board's current meeting for members (controls for coordinators only) and share links; and
what the slot and the meeting panel show before any script runs."""

import re
import time


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


def _shown_buttons(html: str) -> set[str]:
    """The timer actions whose buttons are not hidden in the slot's HTML."""
    return set(re.findall(r'data-timer-action="(\w+)">', html))


def test_the_slot_says_where_the_timer_stands_before_any_script_runs(board_with_roles, api, web):
    """The state word and the buttons that fit the state are in the page itself, so nothing
    changes on the widget after the first paint (timer.js no longer fills them in)."""
    board, people = board_with_roles["board"], board_with_roles["people"]
    coordinator = api(people["coordinator"])
    meeting = _meeting(coordinator, board, "Overleg")
    timer = f"/boards/{board.id}/meetings/{meeting['id']}/timer"
    page = web(people["coordinator"])
    url = f"/boards/{board.id}/meetings/timer"
    for action, word, buttons in (
        (None, "staat klaar", {"start"}),
        ("start", "loopt", {"pause", "extend", "reset"}),
        ("pause", "gepauzeerd", {"resume", "extend", "reset"}),
    ):
        if action:
            assert coordinator.post(timer, json={"action": action}).status_code == 200
        html = page.get(url).get_data(as_text=True)
        assert f'aria-live="polite">{word}</span>' in html
        assert _shown_buttons(html) == buttons
        assert "bw-timer--done" not in html
    coordinator.post(timer, json={"action": "start", "seconds": 1})
    time.sleep(1.1)
    html = page.get(url).get_data(as_text=True)
    assert 'aria-live="polite">De tijd is om</span>' in html
    assert 'class="bw-timer bw-timer--done"' in html


def test_the_panel_names_the_item_under_discussion_in_the_page(board_with_roles, api, web):
    """A page opened mid-meeting says what is being discussed before any script runs (the side
    panel does not move down a line once meeting.js has run); before the meeting, nothing."""
    board, people = board_with_roles["board"], board_with_roles["people"]
    coordinator = api(people["coordinator"])
    meeting = coordinator.post(
        f"/boards/{board.id}/meetings", json={"title": "Overleg", "starts_at": "2030-01-01T10:00"}
    ).json
    path = f"/boards/{board.id}/meetings/{meeting['id']}"
    coordinator.post(f"{path}/items", json={"title": "Wachtlijst <advies>"})
    page = web(people["partner"])
    before = page.get(f"/boards/{board.id}").get_data(as_text=True)
    assert re.search(r'id="bw-meeting-now" aria-live="polite" hidden', before)
    assert coordinator.post(f"{path}/start").status_code == 200
    during = page.get(f"/boards/{board.id}").get_data(as_text=True)
    now = re.search(r'id="bw-meeting-now"([^>]*)>([^<]*)</p>', during, re.S)
    assert " hidden" not in now.group(1)
    assert now.group(2) == "Nu besproken: Wachtlijst &lt;advies&gt;"
