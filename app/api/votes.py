"""API: dot-voting (votes, ballots, reveal, close, adopt the ranking)."""

from flask.typing import ResponseReturnValue

from app.api.base import actor, body, bp
from app.api.spec import doc
from app.validation import parse
from app.votes import services
from app.votes.schemas import BallotCast, ResultsAdopt, VoteCreate

VOTE = "/boards/<int:board_id>/votes/<int:vote_id>"


@bp.get("/boards/<int:board_id>/votes")
@doc("List the board's votes, newest first", tag="votes")
def list_votes(board_id: int) -> ResponseReturnValue:
    """List votes, each as the caller may see it."""
    caller = actor()
    return {"votes": [services.vote_json(v, caller) for v in services.list_votes(caller, board_id)]}


@bp.post("/boards/<int:board_id>/votes")
@doc(
    "Start a vote on markers, next steps or cards (coordinators)",
    body=VoteCreate,
    status=201,
    tag="votes",
)
def create_vote(board_id: int) -> ResponseReturnValue:
    """Start a vote."""
    caller = actor()
    data = parse(VoteCreate, body())
    return services.vote_json(
        services.create_vote(caller, board_id, **data.model_dump()), caller
    ), 201


@bp.get(VOTE)
@doc("A vote: `voters`; `results` once closed or revealed (viewers: closed)", tag="votes")
def get_vote(board_id: int, vote_id: int) -> ResponseReturnValue:
    """Return a vote."""
    caller = actor()
    return services.vote_json(services.get_vote(caller, board_id, vote_id), caller)


@bp.put(f"{VOTE}/ballot")
@doc("Replace the caller's ballot {allocations: {ref_id: dots}}", body=BallotCast, tag="votes")
def cast_ballot(board_id: int, vote_id: int) -> ResponseReturnValue:
    """Cast or replace the caller's ballot."""
    caller = actor()
    data = parse(BallotCast, body())
    return services.vote_json(
        services.cast_ballot(caller, board_id, vote_id, data.allocations), caller
    )


@bp.post(f"{VOTE}/reveal")
@doc("Show the ranking to members while the vote stays open (coordinators)", tag="votes")
def reveal_vote(board_id: int, vote_id: int) -> ResponseReturnValue:
    """Reveal a vote's ranking."""
    caller = actor()
    return services.vote_json(services.reveal_vote(caller, board_id, vote_id), caller)


@bp.post(f"{VOTE}/close")
@doc("Close a vote (coordinators)", tag="votes")
def close_vote(board_id: int, vote_id: int) -> ResponseReturnValue:
    """Close a vote."""
    caller = actor()
    return services.vote_json(services.close_vote(caller, board_id, vote_id), caller)


@bp.post(f"{VOTE}/adopt")
@doc(
    "Turn the ranking into agreed next steps or the order of a meeting's agenda (coordinators)",
    body=ResultsAdopt,
    tag="votes",
)
def adopt_results(board_id: int, vote_id: int) -> ResponseReturnValue:
    """Adopt a vote's ranking."""
    data = parse(ResultsAdopt, body())
    ids = services.adopt_results(actor(), board_id, vote_id, **data.model_dump())
    key = "item_ids" if data.into == "agenda" else "next_step_ids"
    return {key: ids}
