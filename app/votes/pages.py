"""What the side panel shows of votes: each one prepared for this person, and the new-vote form."""

from flask_login import current_user

from app.extensions import db
from app.models import Board, Marker, NextStep, Vote
from app.permissions import EDIT, MANAGE, Actor, allows
from app.reading.services.markers import OPEN
from app.votes.results import is_open, tally, titles, voter_count
from app.votes.services import own_ballot

OPEN_STEPS = ("proposed", "agreed", "in_progress")
# Closed votes stay in the panel for a while; older ones live in the minutes.
CLOSED_SHOWN = 3


def _shown(vote: Vote, user_id: int | None, role: str | None) -> dict:
    """Prepare one vote: options with this person's dots, or the ranking with bars."""
    names = titles(vote)
    open_now = is_open(vote)
    ballot = own_ballot(vote, user_id)
    mine = {int(k): v for k, v in (ballot.allocations if ballot else {}).items()}
    member = allows(role, EDIT)
    results = None
    if not open_now or (vote.revealed and member):
        ranked = tally(vote)
        top = max((row["dots"] for row in ranked), default=0) or 1
        results = [
            {"title": names.get(r["ref_id"], "?"), "dots": r["dots"], "top": top} for r in ranked
        ]
    return {
        "vote": vote,
        "open": open_now,
        "voters": voter_count(vote),
        "can_vote": open_now and member,
        "left": vote.budget - sum(mine.values()),
        "options": [
            {"ref_id": ref_id, "title": names.get(ref_id, "?"), "mine": mine.get(ref_id, 0)}
            for ref_id in vote.options
        ],
        "results": results,
    }


def votes_panel(board_id: int, role: str | None, user_id: int | None) -> dict:
    """Return the panel's votes: the open ones and the last closed ones (viewers: closed only)."""
    votes = db.session.execute(
        db.select(Vote).filter_by(board_id=board_id).order_by(Vote.id.desc())
    ).scalars()
    open_votes, closed = [], []
    for vote in votes:
        (open_votes if is_open(vote) else closed).append(vote)
    shown = (open_votes if allows(role, EDIT) else []) + closed[:CLOSED_SHOWN]
    return {
        "votes": [_shown(v, user_id, role) for v in shown],
        "can_manage": allows(role, MANAGE),
        # Viewers get nothing of an open vote (not even its question): votes.js needs to know.
        "shows_open": allows(role, EDIT),
    }


def vote_sources(board_id: int) -> dict:
    """Return what a coordinator may put to the vote: open markers and unfinished next steps."""
    return {
        "markers": _all(
            db.select(Marker)
            .where(Marker.board_id == board_id, Marker.status.in_(OPEN))
            .order_by(Marker.id)
        ),
        "next_steps": _all(
            db.select(NextStep)
            .where(NextStep.board_id == board_id, NextStep.status.in_(OPEN_STEPS))
            .order_by(NextStep.id)
        ),
    }


def _all(query) -> list:
    return list(db.session.execute(query).scalars())


def panel_context(board: Board, role: str) -> dict:
    """Give the canvas page its votes panel (this person's dots: a reader's own part)."""
    user_id = current_user.id if current_user.is_authenticated else None
    context = {"votes_panel": votes_panel(board.id, role, user_id)}
    if allows(role, MANAGE):
        context["vote_sources"] = vote_sources(board.id)
    return context


def panel_for(actor: Actor, board: Board, role: str | None) -> dict:
    """Return the panel's template variables for a request that redraws it."""
    context = {"board": board, "role": role, "votes_panel": votes_panel(board.id, role, actor.id)}
    if allows(role, MANAGE):
        context["vote_sources"] = vote_sources(board.id)
    return context
