"""API: meetings, agenda items, meeting mode (start/step/end), decisions and minutes."""

from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from app.api.base import actor, body, bp
from app.api.spec import doc
from app.extensions import db
from app.meetings import minutes, services
from app.meetings.schemas import (
    CurrentItem,
    DecisionCreate,
    ItemCreate,
    ItemUpdate,
    MeetingCreate,
    MeetingUpdate,
    TimerAction,
)
from app.models import Board
from app.validation import changed_fields, parse
from app.views import download, file_name, meeting_day

MEETING = "/boards/<int:board_id>/meetings/<int:meeting_id>"


def _meeting(meeting) -> dict:
    return {**meeting.to_json(), "decisions": [d.to_json() for d in meeting.decisions]}


@bp.get("/boards/<int:board_id>/meetings")
@doc("List meetings (coordinators and partners)", tag="meetings")
def list_meetings(board_id: int) -> ResponseReturnValue:
    """List the board's meetings."""
    return {"meetings": [m.to_json() for m in services.list_meetings(actor(), board_id)]}


@bp.post("/boards/<int:board_id>/meetings")
@doc("Plan a meeting", body=MeetingCreate, status=201, tag="meetings")
def create_meeting(board_id: int) -> ResponseReturnValue:
    """Plan a meeting."""
    data = parse(MeetingCreate, body())
    return _meeting(services.create_meeting(actor(), board_id, **data.model_dump())), 201


@bp.get(MEETING)
@doc("Get a meeting with its agenda and decisions", tag="meetings")
def get_meeting(board_id: int, meeting_id: int) -> ResponseReturnValue:
    """Return a meeting."""
    return _meeting(services.get_meeting(actor(), board_id, meeting_id))


@bp.patch(MEETING)
@doc("Change a meeting's title, time or participants", body=MeetingUpdate, tag="meetings")
def update_meeting(board_id: int, meeting_id: int) -> ResponseReturnValue:
    """Change a meeting."""
    data = parse(MeetingUpdate, body())
    fields = changed_fields(data)
    return _meeting(services.update_meeting(actor(), board_id, meeting_id, fields, data.version))


@bp.delete(MEETING)
@doc("Delete a meeting", status=204, tag="meetings")
def delete_meeting(board_id: int, meeting_id: int) -> ResponseReturnValue:
    """Delete a meeting."""
    services.delete_meeting(actor(), board_id, meeting_id)
    return "", 204


@bp.post(f"{MEETING}/items")
@doc(
    "Add an agenda item (free, or about a marker, suggestion, next step, phase or card)",
    body=ItemCreate,
    status=201,
    tag="meetings",
)
def create_item(board_id: int, meeting_id: int) -> ResponseReturnValue:
    """Add an agenda item."""
    data = parse(ItemCreate, body())
    return services.add_item(actor(), board_id, meeting_id, **data.model_dump()).to_json(), 201


@bp.patch(f"{MEETING}/items/<int:item_id>")
@doc(
    "Edit an agenda item, record its minutes, or move it to `position`",
    body=ItemUpdate,
    tag="meetings",
)
def update_item(board_id: int, meeting_id: int, item_id: int) -> ResponseReturnValue:
    """Edit an agenda item."""
    data = parse(ItemUpdate, body())
    fields = changed_fields(data)
    return services.update_item(
        actor(), board_id, meeting_id, item_id, fields, data.version
    ).to_json()


@bp.delete(f"{MEETING}/items/<int:item_id>")
@doc("Take an item off the agenda", status=204, tag="meetings")
def delete_item(board_id: int, meeting_id: int, item_id: int) -> ResponseReturnValue:
    """Delete an agenda item."""
    services.delete_item(actor(), board_id, meeting_id, item_id)
    return "", 204


@bp.post(f"{MEETING}/start")
@doc("Start the meeting at its first item", tag="meetings")
def start_meeting(board_id: int, meeting_id: int) -> ResponseReturnValue:
    """Start a meeting."""
    return _meeting(services.start_meeting(actor(), board_id, meeting_id))


@bp.post(f"{MEETING}/current")
@doc(
    "Step to an agenda item; following canvases bring it into view",
    body=CurrentItem,
    tag="meetings",
)
def set_current(board_id: int, meeting_id: int) -> ResponseReturnValue:
    """Step to an item."""
    data = parse(CurrentItem, body())
    return _meeting(services.set_current(actor(), board_id, meeting_id, data.item_id))


@bp.post(f"{MEETING}/end")
@doc("End the meeting", tag="meetings")
def end_meeting(board_id: int, meeting_id: int) -> ResponseReturnValue:
    """End a meeting."""
    return _meeting(services.end_meeting(actor(), board_id, meeting_id))


@bp.post(f"{MEETING}/timer")
@doc(
    "Run the shared timer: start (`seconds`, default the current item's slot), pause, resume, "
    "extend (`seconds`, default 120) or reset (coordinators)",
    body=TimerAction,
    tag="meetings",
)
def run_timer(board_id: int, meeting_id: int) -> ResponseReturnValue:
    """Run the meeting's timer."""
    data = parse(TimerAction, body())
    return _meeting(services.run_timer(actor(), board_id, meeting_id, data.action, data.seconds))


@bp.post(f"{MEETING}/decisions")
@doc(
    "Record a decision; `next_step_id` or `next_step` {title, owner_organisation_id, "
    "due_date} agrees a next step",
    body=DecisionCreate,
    status=201,
    tag="meetings",
)
def create_decision(board_id: int, meeting_id: int) -> ResponseReturnValue:
    """Record a decision."""
    data = parse(DecisionCreate, body())
    fields = data.model_dump(exclude={"next_step"})
    step = data.next_step.model_dump() if data.next_step else None
    return services.add_decision(
        actor(), board_id, meeting_id, next_step=step, **fields
    ).to_json(), 201


@bp.get(f"{MEETING}/minutes")
@doc("Minutes: decisions, actions, notes per item and the board's changes", tag="meetings")
def get_minutes(board_id: int, meeting_id: int) -> ResponseReturnValue:
    """Return the minutes as JSON."""
    return minutes.minutes_of(services.get_meeting(actor(), board_id, meeting_id))


@bp.get(f"{MEETING}/minutes.md")
@doc("Minutes as Markdown", tag="meetings")
def get_minutes_markdown(board_id: int, meeting_id: int) -> ResponseReturnValue:
    """Return the minutes as Markdown."""
    meeting = services.get_meeting(actor(), board_id, meeting_id)
    return download(
        minutes.to_markdown(meeting).encode(),
        "text/markdown; charset=utf-8",
        _minutes_name(board_id, meeting, "md"),
    )


@bp.get(f"{MEETING}/minutes.pdf")
@doc("Minutes as PDF", tag="meetings")
def get_minutes_pdf(board_id: int, meeting_id: int) -> ResponseReturnValue:
    """Return the minutes as PDF."""
    meeting = services.get_meeting(actor(), board_id, meeting_id)
    return download(
        minutes.to_pdf(meeting), "application/pdf", _minutes_name(board_id, meeting, "pdf")
    )


def _minutes_name(board_id: int, meeting, extension: str) -> str:
    """Name the minutes after the board and the day of the meeting."""
    board = db.session.get(Board, board_id)
    return file_name(board, _("verslag"), extension, meeting_day(meeting))
