"""What a notify mail tells one person about one board: the changes since the last mail (in the
activity feed's words, without the person's own) and the reminders not sent before."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from flask_babel import format_date, format_datetime, to_user_timezone

from app.boards.activity import describe, names
from app.extensions import db
from app.models import Event, Lane, Meeting, NextStep, Phase, SentReminder

# Next steps due within this many days (or overdue) are reminded.
DUE_SOON = timedelta(days=7)
# A mail lists at most this many changes; the rest is "and N more" (the board has them all).
MOST_CHANGES = 50
OPEN_STEPS = ("proposed", "agreed", "in_progress")


@dataclass
class Reminder:
    """A reminder to send: what it is about, and the key that marks it sent."""

    kind: str  # next_step | meeting
    ref_id: int
    due_on: date
    title: str
    when: str = ""
    overdue: bool = False
    items: list[str] = field(default_factory=list)


def changes(board_id: int, after: int, user_id: int) -> tuple[list[str], int]:
    """Return the sentences of the board's changes after a seq by others (a sentence repeated
    in a row, e.g. a meeting stepping through its items, once), and the last seq looked at."""
    events = (
        db.session.execute(
            db.select(Event)
            .where(Event.board_id == board_id, Event.seq > after)
            .order_by(Event.seq)
        )
        .scalars()
        .all()
    )
    if not events:
        return [], after
    phases, lanes = names(Phase, board_id), names(Lane, board_id)
    lines: list[str] = []
    for event in events:
        if event.actor_id == user_id:
            continue
        line = describe(event, phases, lanes)
        if not lines or lines[-1] != line:
            lines.append(line)
    return lines, events[-1].seq


def seq_before(board_id: int, moment: datetime) -> int:
    """Return the last seq recorded before a moment (where a new person's first mail starts)."""
    return (
        db.session.execute(
            db.select(db.func.max(Event.seq)).where(
                Event.board_id == board_id, Event.created_at < moment
            )
        ).scalar()
        or 0
    )


def reminders(board_id: int, user_id: int, organisation_id: int | None, now: datetime) -> list:
    """Return the reminders for a person not sent before: their organisation's open next steps
    due within a week or overdue, and tomorrow's meetings with their agenda."""
    today = to_user_timezone(now).date()
    found = _due_steps(board_id, organisation_id, today) + _tomorrows_meetings(board_id, now)
    if not found:
        return []
    sent = set(
        db.session.execute(
            db.select(SentReminder.kind, SentReminder.ref_id, SentReminder.due_on).where(
                SentReminder.user_id == user_id,
                SentReminder.ref_id.in_([r.ref_id for r in found]),
            )
        ).all()
    )
    return [r for r in found if (r.kind, r.ref_id, r.due_on) not in sent]


def _due_steps(board_id: int, organisation_id: int | None, today: date) -> list[Reminder]:
    if organisation_id is None:
        return []
    steps = db.session.execute(
        db.select(NextStep)
        .where(
            NextStep.board_id == board_id,
            NextStep.owner_organisation_id == organisation_id,
            NextStep.status.in_(OPEN_STEPS),
            NextStep.due_date.is_not(None),
            NextStep.due_date <= today + DUE_SOON,
        )
        .order_by(NextStep.due_date, NextStep.id)
    ).scalars()
    return [
        Reminder(
            "next_step",
            step.id,
            step.due_date,
            step.title,
            when=format_date(step.due_date, "long"),
            overdue=step.due_date < today,
        )
        for step in steps
    ]


def _tomorrows_meetings(board_id: int, now: datetime) -> list[Reminder]:
    # Tomorrow where the board's people live; the query takes a wider window in UTC.
    tomorrow = to_user_timezone(now).date() + timedelta(days=1)
    meetings = db.session.execute(
        db.select(Meeting)
        .where(
            Meeting.board_id == board_id,
            Meeting.status == "planned",
            Meeting.starts_at > now,
            Meeting.starts_at < now + timedelta(days=2),
        )
        .order_by(Meeting.starts_at)
    ).scalars()
    return [
        Reminder(
            "meeting",
            meeting.id,
            tomorrow,
            meeting.title,
            when=format_datetime(meeting.starts_at, "EEEE d MMMM HH:mm"),
            items=[item.title for item in meeting.items],
        )
        for meeting in meetings
        if to_user_timezone(meeting.starts_at).date() == tomorrow
    ]
