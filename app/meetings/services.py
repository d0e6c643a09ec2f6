"""Meeting operations: plan, build the agenda, step through it, decide, and write minutes.

Only coordinators manage meetings; partners read them (the coming agenda, the minutes). Every
change records a `meeting.*` event whose data says only where the meeting is (status, current
item and the place on the canvas it is about), so that every canvas can follow, without sending
agenda texts to read-only viewers.
"""

from datetime import timedelta

from flask_babel import gettext as _

from app import events
from app.errors import ValidationFailed
from app.extensions import db
from app.lookup import check_version, get_entity
from app.models import Board, Card, Decision, Marker, Meeting, MeetingItem, NextStep, Phase
from app.models._types import iso, utcnow
from app.models.meeting import DEFAULT_ITEM_MINUTES
from app.permissions import EDIT, MANAGE, Actor, board_for
from app.reading.services import next_steps
from app.transaction import write

# Where an agenda item points, by its ref_type; a suggestion is placed by its phase's id.
REF_MODELS = {
    "marker": Marker,
    "next_step": NextStep,
    "phase": Phase,
    "suggestion": Phase,
    "card": Card,
}


def list_meetings(actor: Actor, board_id: int) -> list[Meeting]:
    """Return the board's meetings, the coming ones first, for its partners."""
    board_for(actor, board_id, EDIT)
    return list(
        db.session.execute(
            db.select(Meeting)
            .filter_by(board_id=board_id)
            .order_by(Meeting.status == "ended", Meeting.starts_at)
        ).scalars()
    )


def get_meeting(actor: Actor, board_id: int, meeting_id: int, need: str = EDIT) -> Meeting:
    """Load a meeting of the board the actor may see (or manage), or raise."""
    board_for(actor, board_id, need)
    return get_entity(Meeting, board_id, meeting_id, _("Dit overleg bestaat niet."))


def _item(meeting: Meeting, item_id: int | None, field: str = "item_id") -> MeetingItem:
    item = next((i for i in meeting.items if i.id == item_id), None)
    if item is None:
        raise ValidationFailed(
            _("Dit agendapunt hoort niet bij dit overleg."),
            fields={field: _("Kies een agendapunt van dit overleg.")},
        )
    return item


def focus_of(board_id: int, ref_type: str | None, ref_id: int | None) -> dict:
    """Return the place on the canvas a reference is about: phase, lane, cards ({}: nowhere)."""
    if ref_type not in REF_MODELS or ref_id is None:
        return {}
    entity = db.session.get(REF_MODELS[ref_type], ref_id)
    if entity is None or entity.board_id != board_id:
        return {}
    if isinstance(entity, Phase):
        return {"phase_id": entity.id, "lane_id": None, "card_ids": []}
    if isinstance(entity, Card):
        return {"phase_id": entity.phase_id, "lane_id": entity.lane_id, "card_ids": [entity.id]}
    if isinstance(entity, NextStep):
        # A next step is about the markers it addresses: follow the first one on the canvas.
        placed = [m for m in entity.markers if m.phase_id or m.cards]
        return focus_of(board_id, "marker", placed[0].id) if placed else {}
    cards = sorted(entity.cards, key=lambda c: c.id)
    return {
        "phase_id": entity.phase_id or (cards[0].phase_id if cards else None),
        "lane_id": entity.lane_id,
        "card_ids": [c.id for c in cards],
    }


def follow_data(meeting: Meeting) -> dict:
    """Return the event data of a meeting: where it is, for every canvas to follow."""
    item = next((i for i in meeting.items if i.id == meeting.current_item_id), None)
    return {
        "id": meeting.id,
        "status": meeting.status,
        "version": meeting.version,
        "current_item_id": meeting.current_item_id,
        "current_title": item.title if item else None,
        "ref_type": item.ref_type if item else None,
        "ref_id": item.ref_id if item else None,
        "focus": focus_of(meeting.board_id, item.ref_type, item.ref_id) if item else {},
    }


def _record(meeting: Meeting, actor: Actor, action: str = "updated") -> None:
    db.session.flush()
    db.session.refresh(meeting, ["items"])
    events.record(meeting.board_id, f"meeting.{action}", meeting, actor, data=follow_data(meeting))


@write
def create_meeting(
    actor: Actor, board_id: int, title: str, starts_at, participants: str = ""
) -> Meeting:
    """Plan a meeting."""
    board_for(actor, board_id, MANAGE)
    meeting = Meeting(
        board_id=board_id, title=title, starts_at=starts_at, participants=participants
    )
    db.session.add(meeting)
    _record(meeting, actor, "created")
    return meeting


@write
def update_meeting(
    actor: Actor, board_id: int, meeting_id: int, fields: dict, version: int | None = None
) -> Meeting:
    """Change a meeting's title, time or participants."""
    meeting = get_meeting(actor, board_id, meeting_id, MANAGE)
    check_version(meeting, version)
    for key, value in fields.items():
        if value is not None:
            setattr(meeting, key, value)
    meeting.version += 1
    _record(meeting, actor)
    return meeting


@write
def delete_meeting(actor: Actor, board_id: int, meeting_id: int) -> None:
    """Delete a meeting with its agenda and decisions (agreed next steps stay)."""
    meeting = get_meeting(actor, board_id, meeting_id, MANAGE)
    db.session.delete(meeting)
    events.record(board_id, "meeting.deleted", actor=actor, data={"id": meeting_id})


def _check_ref(board_id: int, ref_type: str | None, ref_id: int | None) -> None:
    if ref_type in (None, "free"):
        if ref_id is not None:
            raise ValidationFailed(
                _("Een vrij agendapunt verwijst nergens naar."),
                fields={"ref_id": _("Laat dit leeg.")},
            )
        return
    entity = db.session.get(REF_MODELS[ref_type], ref_id) if ref_id is not None else None
    if entity is None or entity.board_id != board_id or getattr(entity, "deleted_at", None):
        raise ValidationFailed(
            _("Dit agendapunt verwijst naar iets wat niet op het bord staat."),
            fields={"ref_id": _("Kies iets van dit bord.")},
        )


def _place(meeting: Meeting, item: MeetingItem, position: int | None) -> None:
    """Put an item at a position (None: last) and number the agenda 0, 1, 2, ..."""
    others = [i for i in meeting.items if i is not item]
    index = len(others) if position is None else min(position, len(others))
    others.insert(index, item)
    for number, each in enumerate(others):
        each.position = number


@write
def add_item(
    actor: Actor,
    board_id: int,
    meeting_id: int,
    title: str,
    ref_type: str | None = None,
    ref_id: int | None = None,
    minutes: str = "",
    position: int | None = None,
    duration_minutes: int | None = None,
) -> MeetingItem:
    """Add an agenda item: free, or about a marker, suggestion, next step, phase or card."""
    meeting = get_meeting(actor, board_id, meeting_id, MANAGE)
    _check_ref(board_id, ref_type, ref_id)
    item = MeetingItem(
        title=title,
        ref_type=ref_type,
        ref_id=ref_id,
        minutes=minutes,
        duration_minutes=duration_minutes,
    )
    _place(meeting, item, position)
    meeting.items.append(item)
    _record(meeting, actor)
    return item


@write
def update_item(
    actor: Actor,
    board_id: int,
    meeting_id: int,
    item_id: int,
    fields: dict,
    version: int | None = None,
) -> MeetingItem:
    """Edit an agenda item (title, minutes, duration, reference) or move it to `position`."""
    meeting = get_meeting(actor, board_id, meeting_id, MANAGE)
    item = _item(meeting, item_id, "id")
    check_version(item, version)
    if "ref_type" in fields or "ref_id" in fields:
        ref_type = fields.get("ref_type", item.ref_type)
        ref_id = fields.get("ref_id", item.ref_id if ref_type == item.ref_type else None)
        _check_ref(board_id, ref_type, ref_id)
        item.ref_type, item.ref_id = ref_type, ref_id
    if "position" in fields and fields["position"] is not None:
        _place(meeting, item, fields["position"])
    for key in ("title", "minutes", "duration_minutes"):
        if key in fields and (fields[key] is not None or key == "duration_minutes"):
            setattr(item, key, fields[key])
    item.version += 1
    _record(meeting, actor)
    return item


@write
def delete_item(actor: Actor, board_id: int, meeting_id: int, item_id: int) -> None:
    """Take an item off the agenda."""
    meeting = get_meeting(actor, board_id, meeting_id, MANAGE)
    item = _item(meeting, item_id, "id")
    meeting.items.remove(item)
    if meeting.current_item_id == item.id:
        meeting.current_item_id = None
    for number, each in enumerate(meeting.items):
        each.position = number
    _record(meeting, actor)


def board_seq(board_id: int) -> int:
    """Return the board's last event number."""
    return db.session.execute(db.select(Board.seq).filter_by(id=board_id)).scalar_one()


def _meeting_in(actor: Actor, board_id: int, meeting_id: int, status: str, refusal: str) -> Meeting:
    """Load a meeting to manage that must be in a status (planned, running), or refuse."""
    meeting = get_meeting(actor, board_id, meeting_id, MANAGE)
    if meeting.status != status:
        raise ValidationFailed(refusal, code="bad_status")
    return meeting


@write
def start_meeting(actor: Actor, board_id: int, meeting_id: int) -> Meeting:
    """Start the meeting at its first item; the minutes count board changes from now."""
    meeting = _meeting_in(
        actor, board_id, meeting_id, "planned", _("Dit overleg is al begonnen of afgelopen.")
    )
    meeting.status = "running"
    meeting.start_seq = board_seq(board_id)
    meeting.current_item_id = meeting.items[0].id if meeting.items else None
    meeting.version += 1
    _record(meeting, actor)
    return meeting


@write
def set_current(actor: Actor, board_id: int, meeting_id: int, item_id: int | None) -> Meeting:
    """Step to an agenda item: every canvas that follows brings its place into view."""
    meeting = _meeting_in(actor, board_id, meeting_id, "running", _("Start het overleg eerst."))
    meeting.current_item_id = _item(meeting, item_id).id if item_id is not None else None
    meeting.version += 1
    _record(meeting, actor)
    return meeting


@write
def end_meeting(actor: Actor, board_id: int, meeting_id: int) -> Meeting:
    """End the meeting; its minutes are complete from now."""
    meeting = _meeting_in(actor, board_id, meeting_id, "running", _("Dit overleg loopt niet."))
    meeting.status = "ended"
    meeting.current_item_id = None
    meeting.version += 1
    _record(meeting, actor)
    meeting.end_seq = board_seq(board_id)
    return meeting


@write
def add_decision(
    actor: Actor,
    board_id: int,
    meeting_id: int,
    text: str,
    item_id: int | None = None,
    next_step_id: int | None = None,
    next_step: dict | None = None,
) -> Decision:
    """Record a decision; it may agree a next step (new, or an existing one) with owner and date."""

    meeting = get_meeting(actor, board_id, meeting_id, MANAGE)
    item = _item(meeting, item_id) if item_id is not None else None
    step = None
    if next_step_id is not None:
        step = next_steps.get_next_step(board_id, next_step_id)
        fields = {key: value for key, value in (next_step or {}).items() if value is not None}
        if step.status == "proposed":
            fields["status"] = "agreed"
        if fields:
            step = next_steps.update_next_step(actor, board_id, step.id, step.version, fields)
    elif next_step is not None:
        # Agreed on a marker's item: the step addresses that marker.
        markers = [item.ref_id] if item and item.ref_type == "marker" else []
        step = next_steps.create_next_step(
            actor, board_id, marker_ids=markers, status="agreed", **next_step
        )
    decision = Decision(
        meeting_id=meeting.id, item_id=item_id, text=text, next_step_id=step.id if step else None
    )
    meeting.decisions.append(decision)
    _record(meeting, actor)
    return decision


# What each timer action needs the timer to be doing first (None: any state).
TIMER_FROM = {
    "start": None,
    "pause": "running",
    "resume": "paused",
    "extend": ("running", "paused"),
    "reset": None,
}
EXTEND_SECONDS = 120


def timer_data(meeting: Meeting) -> dict:
    """Return a timer event's data: the timer and the server's clock, to correct for skew."""
    now = utcnow()
    return {"id": meeting.id, "timer": meeting.timer(now), "server_time": iso(now)}


@write
def run_timer(
    actor: Actor, board_id: int, meeting_id: int, action: str, seconds: int | None = None
) -> Meeting:
    """Start, pause, resume, extend or reset the meeting's shared countdown (coordinators)."""
    meeting = get_meeting(actor, board_id, meeting_id, MANAGE)
    allowed = TIMER_FROM[action]
    if allowed is not None and meeting.timer_state not in allowed:
        raise ValidationFailed(
            _("De timer loopt niet of staat niet stil; dat kan nu niet."),
            fields={"action": _("Kan niet bij de huidige stand van de timer.")},
            code="bad_status",
        )
    now = utcnow()
    if action == "start":
        meeting.timer_state = "running"
        meeting.timer_ends_at = now + timedelta(seconds=seconds or meeting.time_box())
        meeting.timer_remaining = None
    elif action == "pause":
        meeting.timer_remaining = meeting.timer(now)["remaining_seconds"]
        meeting.timer_state, meeting.timer_ends_at = "paused", None
    elif action == "resume":
        meeting.timer_state = "running"
        meeting.timer_ends_at = now + timedelta(seconds=meeting.timer_remaining or 0)
        meeting.timer_remaining = None
    elif action == "extend" and meeting.timer_state == "running":
        # An extension after zero counts from now: the time box is over, two more minutes.
        meeting.timer_ends_at = max(meeting.timer_ends_at, now) + timedelta(
            seconds=seconds or EXTEND_SECONDS
        )
    elif action == "extend":
        meeting.timer_remaining = (meeting.timer_remaining or 0) + (seconds or EXTEND_SECONDS)
    else:
        meeting.timer_state, meeting.timer_ends_at, meeting.timer_remaining = "stopped", None, None
    events.record(board_id, "meeting.timer", meeting, actor, data=timer_data(meeting))
    return meeting


def agenda(meeting: Meeting) -> list[tuple[MeetingItem, object, object]]:
    """Return the items with their time slots: start time plus the durations before them."""
    slots, start = [], meeting.starts_at
    for item in meeting.items:
        end = start + timedelta(minutes=item.duration_minutes or DEFAULT_ITEM_MINUTES)
        slots.append((item, start, end))
        start = end
    return slots
