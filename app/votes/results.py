"""Reading a vote: is it open, its tally, its options' titles; the minutes' view of it."""

from app.extensions import db
from app.models import Ballot, Card, Marker, NextStep, Vote
from app.models._types import utcnow

OPTION_MODELS = {"marker": Marker, "next_step": NextStep, "card": Card}


def is_open(vote: Vote) -> bool:
    """Tell whether ballots are still taken: not closed, and its end time not passed."""
    return vote.status == "open" and (vote.closes_at is None or vote.closes_at > utcnow())


def voter_count(vote: Vote) -> int:
    """Count the people who spent at least one dot."""
    return db.session.execute(
        db.select(db.func.count()).select_from(Ballot).filter_by(vote_id=vote.id)
    ).scalar_one()


def tally(vote: Vote) -> list[dict]:
    """Return each option's dots, most first (ties keep the coordinator's order)."""
    dots = dict.fromkeys(vote.options, 0)
    for ballot in vote.ballots:
        for ref_id, count in ballot.allocations.items():
            if int(ref_id) in dots:
                dots[int(ref_id)] += count
    return sorted(
        ({"ref_id": ref_id, "dots": count} for ref_id, count in dots.items()),
        key=lambda row: -row["dots"],
    )


def titles(vote: Vote) -> dict[int, str]:
    """Return the options' titles by id (a deleted option keeps its place, untitled)."""
    model = OPTION_MODELS[vote.ref_type]
    rows = db.session.execute(db.select(model.id, model.title).where(model.id.in_(vote.options)))
    return dict(rows.all())


def meeting_results(meeting_id: int) -> list[dict]:
    """Return the meeting's votes that have a result (closed or revealed), for its minutes."""
    held = db.session.execute(
        db.select(Vote).filter_by(meeting_id=meeting_id).order_by(Vote.id)
    ).scalars()
    shown = []
    for vote in held:
        if is_open(vote) and not vote.revealed:
            continue
        names = titles(vote)
        shown.append(
            {
                "id": vote.id,
                "question": vote.question,
                "anonymous": vote.anonymous,
                "voters": voter_count(vote),
                "status": "open" if is_open(vote) else "closed",
                "results": [{**row, "title": names.get(row["ref_id"])} for row in tally(vote)],
            }
        )
    return shown
