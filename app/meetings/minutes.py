"""Minutes (verslag) of a meeting: decisions, actions, notes per item, and the board's changes."""

from flask import render_template

from app.boards.activity import describe, names
from app.comments.queries import during
from app.exports.report import render_pdf
from app.extensions import db
from app.meetings.services import agenda, board_seq
from app.models import Comment, Event, Lane, Meeting, Membership, NextStep, Organisation, Phase
from app.models._types import iso
from app.votes.results import meeting_results


def _represented(board_id: int) -> dict[int, str]:
    """Return, per member, the organisation they represent on the board (when linked)."""
    return dict(
        db.session.execute(
            db.select(Membership.user_id, Organisation.name)
            .join(Organisation, Organisation.id == Membership.organisation_id)
            .where(Membership.board_id == board_id)
        ).all()
    )


def _during(meeting: Meeting) -> list[Event]:
    """Return the board's events between the meeting's start and end (or now)."""
    if meeting.start_seq is None:
        return []
    last = meeting.end_seq if meeting.end_seq is not None else board_seq(meeting.board_id)
    return list(
        db.session.execute(
            db.select(Event)
            .where(
                Event.board_id == meeting.board_id,
                Event.seq > meeting.start_seq,
                Event.seq <= last,
            )
            .order_by(Event.seq)
        ).scalars()
    )


def _attendees(found: list[Event], represented: dict[int, str]) -> list[dict]:
    """The people who acted on the board during the meeting, with their organisation."""
    seen: dict[int, dict] = {}
    for e in found:
        if e.actor_id is not None and e.actor_id not in seen:
            seen[e.actor_id] = {"name": e.actor_name, "organisation": represented.get(e.actor_id)}
    return list(seen.values())


def _changes(meeting: Meeting, found: list[Event], represented: dict[int, str]) -> list[dict]:
    """Tell the board's changes during the meeting in words; who made one is named with the
    organisation they represent: "Anna (Energieloket) maakte kaart …"."""
    phases, lanes = names(Phase, meeting.board_id), names(Lane, meeting.board_id)
    changes = []
    for e in found:
        if e.type.startswith("meeting."):
            continue
        text = describe(e, phases, lanes)
        organisation = represented.get(e.actor_id)
        if organisation and text.startswith(e.actor_name):
            text = f"{e.actor_name} ({organisation}){text[len(e.actor_name) :]}"
        changes.append(
            {
                "seq": e.seq,
                "type": e.type,
                "actor": e.actor_name,
                "organisation": organisation,
                "at": iso(e.created_at),
                "text": text,
            }
        )
    return changes


def _comment(comment: Comment, about: str) -> dict:
    """One comment as the minutes tell it: who, on what, when, and the text as written."""
    return {
        "id": comment.id,
        "author": comment.author.name if comment.author else None,
        "ref_type": comment.ref_type,
        "ref_id": comment.ref_id,
        "about": about,
        "at": iso(comment.created_at),
        "body": comment.body,
    }


def minutes_of(meeting: Meeting) -> dict:
    """Return the minutes as data: what the JSON, Markdown and PDF versions all show."""
    decisions_by_item: dict = {}
    for decision in meeting.decisions:
        decisions_by_item.setdefault(decision.item_id, []).append(decision.to_json())
    step_ids = [d.next_step_id for d in meeting.decisions if d.next_step_id]
    steps = (
        {
            s.id: s
            for s in db.session.execute(
                db.select(NextStep).where(NextStep.id.in_(step_ids))
            ).scalars()
        }
        if step_ids
        else {}
    )
    owners = dict(
        db.session.execute(
            db.select(Organisation.id, Organisation.name).filter_by(board_id=meeting.board_id)
        ).all()
    )
    items = [
        {
            **item.to_json(),
            "starts_at": iso(start),
            "ends_at": iso(end),
            "decisions": decisions_by_item.get(item.id, []),
        }
        for item, start, end in agenda(meeting)
    ]
    actions = [
        {
            "decision_id": d.id,
            "next_step_id": step.id,
            "title": step.title,
            "owner": owners.get(step.owner_organisation_id),
            "due_date": step.due_date.isoformat() if step.due_date else None,
            "status": step.status,
        }
        for d in meeting.decisions
        if (step := steps.get(d.next_step_id))
    ]
    meeting_json = {key: value for key, value in meeting.to_json().items() if key != "items"}
    found, represented = _during(meeting), _represented(meeting.board_id)
    return {
        "meeting": meeting_json,
        "items": items,
        "decisions": [d.to_json() for d in meeting.decisions],
        "other_decisions": decisions_by_item.get(None, []),
        "actions": actions,
        "attendees": _attendees(found, represented),
        "votes": meeting_results(meeting.id),
        "changes": _changes(meeting, found, represented),
        "comments": [_comment(c, about) for c, about in during(meeting)],
    }


def to_markdown(meeting: Meeting) -> str:
    """Return the minutes as Markdown."""
    return render_template("meetings/minutes.md", meeting=meeting, minutes=minutes_of(meeting))


def to_pdf(meeting: Meeting) -> bytes:
    """Return the minutes as PDF."""
    return render_pdf(
        "meetings/minutes_print.html", {"meeting": meeting, "minutes": minutes_of(meeting)}
    )
