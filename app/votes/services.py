"""Vote operations: start a vote, cast (or move) dots, reveal, close, adopt the ranking.

Secrecy is the rule here: a vote's events carry only how many people voted and where the vote
stands, never a ballot, and a ballot's event names nobody (the system acts), so that the live
channel and the event log never tell who voted what. A person sees their own ballot; everybody
else sees the ranking once revealed or closed (viewers: once closed), and who spent which dots
only for a named vote.
"""

from flask_babel import gettext as _

from app import events
from app.errors import ValidationFailed
from app.extensions import db
from app.lookup import get_entity
from app.meetings import services as meetings
from app.models import Ballot, Meeting, Vote
from app.models._types import iso, utcnow
from app.permissions import EDIT, MANAGE, READ, Actor, allows, board_for, role_on
from app.reading.services import next_steps
from app.transaction import write
from app.votes.results import OPTION_MODELS, is_open, tally, titles, voter_count


def event_data(vote: Vote) -> dict:
    """Return what a vote's event may say to everyone: where it stands, never a ballot."""
    return {
        "id": vote.id,
        "status": "open" if is_open(vote) else "closed",
        "revealed": vote.revealed,
        "voters": voter_count(vote),
        "meeting_id": vote.meeting_id,
    }


def _record(vote: Vote, action: str, actor: Actor) -> None:
    db.session.flush()
    events.record(vote.board_id, f"vote.{action}", vote, actor, data=event_data(vote))


def list_votes(actor: Actor, board_id: int) -> list[Vote]:
    """Return the board's votes, newest first."""
    board_for(actor, board_id, READ)
    return list(
        db.session.execute(
            db.select(Vote).filter_by(board_id=board_id).order_by(Vote.id.desc())
        ).scalars()
    )


def get_vote(actor: Actor, board_id: int, vote_id: int, need: str = READ) -> Vote:
    """Load a vote of a board the actor may use at the needed level, or raise."""
    board_for(actor, board_id, need)
    return get_entity(Vote, board_id, vote_id, _("Deze stemming bestaat niet."))


def own_ballot(vote: Vote, user_id: int | None) -> Ballot | None:
    """Return this person's ballot on the vote, if any."""
    return next((b for b in vote.ballots if b.user_id == user_id), None) if user_id else None


def vote_json(vote: Vote, actor: Actor) -> dict:
    """Return a vote as this person may see it (contract: results once closed or revealed)."""
    role = role_on(actor, vote.board_id)
    is_closed = not is_open(vote)
    data = {
        "id": vote.id,
        "question": vote.question,
        "ref_type": vote.ref_type,
        "options": vote.options,
        "budget": vote.budget,
        "max_per_option": vote.max_per_option,
        "anonymous": vote.anonymous,
        "closes_at": iso(vote.closes_at),
        "meeting_id": vote.meeting_id,
        "status": "closed" if is_closed else "open",
        "revealed": vote.revealed,
        "voters": voter_count(vote),
    }
    if allows(role, EDIT):
        ballot = own_ballot(vote, actor.id)
        data["my_allocations"] = {
            str(k): v for k, v in (ballot.allocations if ballot else {}).items()
        }
    # Viewers (read-only links) wait for the close; members see a revealed vote too.
    if is_closed or (vote.revealed and allows(role, EDIT)):
        data["results"] = tally(vote)
        if not vote.anonymous and allows(role, EDIT):
            data["ballots"] = [
                {"name": b.user.name, "allocations": b.allocations}
                for b in sorted(vote.ballots, key=lambda b: b.user.name)
            ]
    return data


def _check_options(board_id: int, ref_type: str, ref_ids: list[int]) -> list[int]:
    ids = list(dict.fromkeys(ref_ids))
    model = OPTION_MODELS[ref_type]
    found = db.session.execute(
        db.select(model).where(model.id.in_(ids), model.board_id == board_id)
    ).scalars()
    alive = {e.id for e in found if getattr(e, "deleted_at", None) is None}
    if len(ids) < 2 or alive != set(ids):
        raise ValidationFailed(
            _("Een stemming heeft minstens twee keuzes van dit bord."),
            fields={"ref_ids": _("Kies minstens twee bestaande onderdelen van dit bord.")},
        )
    return ids


def _meeting_for(board_id: int, meeting_id: int | None) -> int | None:
    """Return the meeting a vote belongs to: the one asked for, else the one running now."""
    if meeting_id is not None:
        return get_entity(Meeting, board_id, meeting_id, _("Dit overleg bestaat niet.")).id
    return db.session.execute(
        db.select(Meeting.id)
        .filter_by(board_id=board_id, status="running")
        .order_by(Meeting.start_seq.desc())
        .limit(1)
    ).scalar_one_or_none()


@write
def create_vote(
    actor: Actor,
    board_id: int,
    question: str,
    ref_type: str,
    ref_ids: list[int],
    budget: int = 3,
    max_per_option: int | None = None,
    anonymous: bool = False,
    closes_at=None,
    meeting_id: int | None = None,
) -> Vote:
    """Start a vote on markers, next steps or cards of the board (coordinators)."""
    board_for(actor, board_id, MANAGE)
    if closes_at is not None and closes_at <= utcnow():
        raise ValidationFailed(
            _("De eindtijd ligt in het verleden."),
            fields={"closes_at": _("Kies een moment in de toekomst.")},
        )
    vote = Vote(
        board_id=board_id,
        meeting_id=_meeting_for(board_id, meeting_id),
        question=question,
        ref_type=ref_type,
        options=_check_options(board_id, ref_type, ref_ids),
        budget=budget,
        max_per_option=min(max_per_option or budget, budget),
        anonymous=anonymous,
        closes_at=closes_at,
    )
    db.session.add(vote)
    _record(vote, "created", actor)
    return vote


def _refuse(message: str, field: str = "allocations") -> ValidationFailed:
    return ValidationFailed(message, fields={field: message})


def _check_ballot(vote: Vote, allocations: dict[int, int]) -> None:
    if not is_open(vote):
        raise ValidationFailed(_("Deze stemming is gesloten."), code="vote_closed")
    if any(ref_id not in vote.options for ref_id in allocations):
        raise _refuse(_("Je kunt alleen stemmen op de keuzes van deze stemming."))
    if any(dots > vote.max_per_option for dots in allocations.values()):
        raise _refuse(_("Hoogstens %(n)s stippen per keuze.", n=vote.max_per_option))
    if sum(allocations.values()) > vote.budget:
        raise _refuse(_("Je hebt %(n)s stippen te verdelen.", n=vote.budget))


def _cast(actor: Actor, vote: Vote, allocations: dict[int, int]) -> Vote:
    _check_ballot(vote, allocations)
    spent = {str(ref_id): dots for ref_id, dots in allocations.items() if dots > 0}
    # The board row is locked (PostgreSQL: FOR UPDATE; SQLite: BEGIN IMMEDIATE), so two tabs of
    # one person take turns here: the second finds the first's ballot and replaces it. The
    # unique (vote, person) constraint stands behind that.
    ballot = own_ballot(vote, actor.id)
    if ballot is not None and not spent:
        db.session.delete(ballot)
        vote.ballots.remove(ballot)
    elif ballot is not None:
        ballot.allocations = spent
    elif spent:
        vote.ballots.append(Ballot(user_id=actor.id, allocations=spent))
    # The system, not the voter, acts in this event: it must not tell who voted.
    _record(vote, "updated", Actor())
    return vote


@write
def cast_ballot(actor: Actor, board_id: int, vote_id: int, allocations: dict[int, int]) -> Vote:
    """Replace this person's dots on a vote (members with edit rights; no dots: withdraw)."""
    vote = get_vote(actor, board_id, vote_id, EDIT)
    return _cast(actor, vote, allocations)


@write
def move_dot(actor: Actor, board_id: int, vote_id: int, ref_id: int, delta: int) -> Vote:
    """Put one dot more (+1) or less (−1) on an option of this person's ballot."""
    vote = get_vote(actor, board_id, vote_id, EDIT)
    ballot = own_ballot(vote, actor.id)
    allocations = {int(k): v for k, v in (ballot.allocations if ballot else {}).items()}
    if delta < 0 and not allocations.get(ref_id) and ref_id in vote.options and is_open(vote):
        # Nothing to take off: a no-op, so no event (and no redraw on every screen).
        return vote
    allocations[ref_id] = max(0, allocations.get(ref_id, 0) + delta)
    return _cast(actor, vote, allocations)


@write
def reveal_vote(actor: Actor, board_id: int, vote_id: int) -> Vote:
    """Show the ranking to the members while the vote stays open (coordinators)."""
    vote = get_vote(actor, board_id, vote_id, MANAGE)
    vote.revealed = True
    _record(vote, "updated", actor)
    return vote


@write
def close_vote(actor: Actor, board_id: int, vote_id: int) -> Vote:
    """Close the vote: no more ballots, the ranking for everyone (coordinators)."""
    vote = get_vote(actor, board_id, vote_id, MANAGE)
    if vote.status == "closed":
        raise ValidationFailed(_("Deze stemming is al gesloten."), code="vote_closed")
    vote.status = "closed"
    _record(vote, "closed", actor)
    return vote


def _ranked(vote: Vote, top: int | None) -> list[int]:
    if is_open(vote) and not vote.revealed:
        raise ValidationFailed(
            _("Sluit de stemming of maak de uitslag eerst zichtbaar."), code="vote_open"
        )
    chosen = [row["ref_id"] for row in tally(vote) if row["dots"] > 0]
    return chosen[:top] if top else chosen


@write
def adopt_results(
    actor: Actor,
    board_id: int,
    vote_id: int,
    into: str,
    meeting_id: int | None = None,
    top: int | None = None,
) -> list[int]:
    """Turn the ranking into agreed next steps, or into the order of a meeting's agenda."""
    vote = get_vote(actor, board_id, vote_id, MANAGE)
    ranked = _ranked(vote, top)
    if into == "agenda":
        return _into_agenda(actor, vote, ranked, meeting_id or vote.meeting_id)
    return [_agree(actor, vote, ref_id) for ref_id in ranked]


def _agree(actor: Actor, vote: Vote, ref_id: int) -> int:
    """Agree the next step an option stands for (a marker or card gets a new one)."""
    if vote.ref_type == "next_step":
        step = next_steps.get_next_step(vote.board_id, ref_id)
        if step.status == "proposed":
            next_steps.update_next_step(
                actor, vote.board_id, step.id, step.version, {"status": "agreed"}
            )
        return step.id
    title = titles(vote).get(ref_id, "")[:200]
    markers = [ref_id] if vote.ref_type == "marker" else []
    return next_steps.create_next_step(
        actor, vote.board_id, title=title, marker_ids=markers, status="agreed"
    ).id


def _into_agenda(actor: Actor, vote: Vote, ranked: list[int], meeting_id: int | None) -> list[int]:
    """Put the options' agenda items in the ranking's order at the top; add missing ones."""
    if meeting_id is None:
        raise _refuse(_("Kies het overleg waarvan de agenda volgt."), "meeting_id")
    meeting = meetings.get_meeting(actor, vote.board_id, meeting_id, MANAGE)
    names = titles(vote)
    placed = []
    for position, ref_id in enumerate(ranked):
        item = next(
            (i for i in meeting.items if (i.ref_type, i.ref_id) == (vote.ref_type, ref_id)), None
        )
        if item is None:
            item = meetings.add_item(
                actor,
                vote.board_id,
                meeting.id,
                names.get(ref_id, "")[:200] or "?",
                vote.ref_type,
                ref_id,
                position=position,
            )
        else:
            meetings.update_item(actor, vote.board_id, meeting.id, item.id, {"position": position})
        placed.append(item.id)
    return placed
