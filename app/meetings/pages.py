"""What the canvas shows of meetings: the coming agenda and the one running now."""

from flask import url_for
from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.meetings.services import agenda, follow_data
from app.models import Board, Meeting
from app.models._types import iso, utcnow
from app.permissions import EDIT, allows

VOCAB = {
    "statuses": {"planned": _l("Gepland"), "running": _l("Bezig"), "ended": _l("Afgelopen")},
    "refs": {
        "marker": _l("Markering"),
        "suggestion": _l("Suggestie"),
        "next_step": _l("Vervolgstap"),
        "phase": _l("Fase"),
        "card": _l("Aanbod"),
        "free": _l("Vrij"),
    },
}


def panel_context(board: Board, role: str) -> dict:
    """Give the canvas the running or next meeting with its time slots (not for viewers)."""
    return meeting_panel(board.id, role)


def current_meeting(board_id: int) -> Meeting | None:
    """Return the board's meeting now: the one started last while any runs, else the next."""
    return db.session.execute(
        db.select(Meeting)
        .where(Meeting.board_id == board_id, Meeting.status != "ended")
        .order_by(Meeting.status != "running", Meeting.start_seq.desc(), Meeting.starts_at)
        .limit(1)
    ).scalar_one_or_none()


def timer_context(board: Board, _role: str) -> dict:
    """Give every board page (viewers too) the current meeting's timer and the server's time,
    and where to fetch it again when another meeting becomes the current one."""
    return {
        "meeting_timer": current_timer(board.id),
        "timer_slot_url": url_for("meetings.timer", board_id=board.id),
    }


def current_timer(board_id: int) -> dict | None:
    """Return the timer widget's view of the board's current meeting, or None without one.

    A meeting that has not begun, with its timer standing still, shows none: the canvas keeps its
    room for the cards until the meeting starts (meeting mode always shows the timer)."""
    meeting = current_meeting(board_id)
    if meeting is None:
        return None
    view = timer_view(meeting)
    if meeting.status != "running" and view["timer"]["state"] == "stopped":
        return None
    return view


def timer_view(meeting: Meeting) -> dict:
    """Return what the timer widget shows: the meeting, its timer, and the server's clock."""
    now = utcnow()
    timer = meeting.timer(now)
    return {
        "meeting": meeting,
        "timer": timer,
        # At zero and still running: the page shows "time is up" before timer.js runs.
        "done": timer["state"] == "running" and timer["remaining_seconds"] == 0,
        "server_time": iso(now),
        "url": f"/api/v1/boards/{meeting.board_id}/meetings/{meeting.id}/timer",
    }


def meeting_panel(board_id: int, role: str | None) -> dict:
    """Return the panel's meeting: the one started last while any runs, else the next planned."""
    if not allows(role, EDIT):
        return {"meeting_panel": None}
    meeting = current_meeting(board_id)
    if meeting is None:
        return {"meeting_panel": None}
    # A running meeting's place, for a page opened mid-meeting to land where the others are.
    follow = follow_data(meeting) if meeting.status == "running" else None
    # The item under discussion, named in the panel before meeting.js runs.
    now = follow["current_title"] if follow else None
    panel = {"meeting": meeting, "agenda": agenda(meeting), "follow": follow, "now": now}
    return {"meeting_panel": panel}
