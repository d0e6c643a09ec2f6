"""What the canvas shows of meetings: the coming agenda and the one running now."""

from flask_babel import lazy_gettext as _l

from app.boards.queries import BoardState
from app.extensions import db
from app.meetings.services import agenda
from app.models import Meeting
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


def panel_context(state: BoardState, role: str) -> dict:
    """Give the canvas the running or next meeting with its time slots (not for viewers)."""
    if not allows(role, EDIT):
        return {"meeting_panel": None}
    meeting = db.session.execute(
        db.select(Meeting)
        .where(Meeting.board_id == state.board.id, Meeting.status != "ended")
        .order_by(Meeting.status != "running", Meeting.starts_at)
        .limit(1)
    ).scalar_one_or_none()
    return {"meeting_panel": {"meeting": meeting, "agenda": agenda(meeting)} if meeting else None}
