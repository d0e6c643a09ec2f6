"""The meeting's shared timer over the API: states computed from the server's clock."""

from datetime import datetime

import pytest


@pytest.fixture
def meeting(sample_board, api):
    """A planned meeting whose first agenda item has a 20-minute slot."""
    board, people = sample_board["board"], sample_board["people"]
    coordinator = api(people["coordinator"])
    created = coordinator.post(
        f"/boards/{board.id}/meetings", json={"title": "Regie", "starts_at": "2026-12-01T19:30"}
    ).json
    path = f"/boards/{board.id}/meetings/{created['id']}"
    coordinator.post(f"{path}/items", json={"title": "Gaten", "duration_minutes": 20})
    return {**sample_board, "path": path, "coordinator": coordinator}


def _press(meeting, action, **extra):
    return meeting["coordinator"].post(f"{meeting['path']}/timer", json={"action": action, **extra})


def test_the_timer_starts_from_the_items_slot_pauses_resumes_extends_and_resets(meeting):
    assert meeting["coordinator"].get(meeting["path"]).json["timer"] == {
        "state": "stopped",
        "remaining_seconds": 1200,
    }
    running = _press(meeting, "start").json["timer"]
    assert running["state"] == "running" and 1198 <= running["remaining_seconds"] <= 1200
    assert datetime.fromisoformat(running["ends_at"]).tzinfo is not None
    paused = _press(meeting, "pause").json["timer"]
    assert paused["state"] == "paused" and 1198 <= paused["remaining_seconds"] <= 1200
    assert "ends_at" not in paused
    extended = _press(meeting, "extend").json["timer"]
    assert extended["remaining_seconds"] == paused["remaining_seconds"] + 120
    resumed = _press(meeting, "resume").json["timer"]
    assert resumed["state"] == "running"
    assert extended["remaining_seconds"] - 2 <= resumed["remaining_seconds"]
    assert _press(meeting, "extend", seconds=60).json["timer"]["remaining_seconds"] >= (
        resumed["remaining_seconds"] + 58
    )
    assert _press(meeting, "reset").json["timer"] == {"state": "stopped", "remaining_seconds": 1200}
    assert _press(meeting, "start", seconds=90).json["timer"]["remaining_seconds"] in (89, 90)


def test_only_coordinators_run_the_timer_and_bad_presses_are_refused(meeting, api, snapshot):
    partner = api(meeting["people"]["partner"])
    before = snapshot()
    assert partner.post(f"{meeting['path']}/timer", json={"action": "start"}).status_code == 403
    assert _press(meeting, "pause").status_code == 422  # not running
    assert _press(meeting, "resume").status_code == 422  # not paused
    assert _press(meeting, "explode").status_code == 422
    assert _press(meeting, "start", seconds=0).status_code == 422
    assert snapshot() == before


def test_every_screen_learns_the_timer_with_the_servers_time(meeting, sio):
    viewer = sio(meeting["people"]["viewer"])
    assert viewer.join(meeting["board"].id)["ok"]
    _press(meeting, "start", seconds=300)
    (event,) = [e for e in viewer.received_events() if e["type"] == "meeting.timer"]
    assert event["data"]["timer"]["state"] == "running"
    ends = datetime.fromisoformat(event["data"]["timer"]["ends_at"])
    now = datetime.fromisoformat(event["data"]["server_time"])
    assert 299 <= (ends - now).total_seconds() <= 300
