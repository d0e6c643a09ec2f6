"""API: markers, handovers, next steps and learnings, analysis and suggestions, rounds."""

from flask import request
from flask.typing import ResponseReturnValue

from app.api.base import actor, body, bp
from app.api.resources import Resource, register
from app.api.spec import doc
from app.boards.queries import load_state
from app.permissions import READ, board_for
from app.reading import analysis, schemas
from app.reading.facts import load_facts
from app.reading.services import handovers, markers, next_steps, rounds, suggestions
from app.validation import parse


@bp.get("/boards/<int:board_id>/markers")
@doc(
    "List markers (filter with ?kind=, ?status=)",
    tag="reading",
    query={"kind": "gap|overlap|bottleneck", "status": "open|being_addressed|resolved|dismissed"},
)
def list_markers(board_id: int) -> ResponseReturnValue:
    """List the board's markers."""
    state = load_state(board_for(actor(), board_id, READ))
    wanted = {key: request.args.get(key) for key in ("kind", "status") if request.args.get(key)}
    return {
        "markers": [
            m.to_json()
            for m in state.markers
            if all(getattr(m, key) == value for key, value in wanted.items())
        ]
    }


@bp.get("/boards/<int:board_id>/handovers")
@doc("List handovers", tag="reading")
def list_handovers(board_id: int) -> ResponseReturnValue:
    """List the board's handovers."""
    state = load_state(board_for(actor(), board_id, READ))
    return {"handovers": [h.to_json() for h in state.handovers]}


@bp.get("/boards/<int:board_id>/next-steps")
@doc("List next steps with their learnings", tag="reading")
def list_next_steps(board_id: int) -> ResponseReturnValue:
    """List the board's next steps."""
    state = load_state(board_for(actor(), board_id, READ))
    return {"next_steps": [n.to_json() for n in state.next_steps]}


@bp.post("/boards/<int:board_id>/next-steps/<int:next_step_id>/learnings")
@doc(
    "Log a learning (geleerde les) on a next step",
    body=schemas.LearningCreate,
    status=201,
    tag="reading",
)
def add_learning(board_id: int, next_step_id: int) -> ResponseReturnValue:
    """Add a learning."""
    data = parse(schemas.LearningCreate, body())
    return next_steps.add_learning(
        actor(), board_id, next_step_id, **data.model_dump()
    ).to_json(), 201


@bp.get("/boards/<int:board_id>/analysis")
@doc("Figures per phase and cell for the three lenses, plus suggestions", tag="reading")
def get_analysis(board_id: int) -> ResponseReturnValue:
    """Return the board's analysis."""
    return analysis.analyse(load_facts(board_for(actor(), board_id, READ)))


@bp.post("/boards/<int:board_id>/suggestions/<key>/accept")
@doc("Turn a suggestion into a marker", status=201, tag="reading")
def accept_suggestion(board_id: int, key: str) -> ResponseReturnValue:
    """Accept a suggestion."""
    return suggestions.accept(actor(), board_id, key).to_json(), 201


@bp.post("/boards/<int:board_id>/suggestions/<key>/dismiss")
@doc("Dismiss a suggestion until the situation changes", tag="reading")
def dismiss_suggestion(board_id: int, key: str) -> ResponseReturnValue:
    """Dismiss a suggestion."""
    return suggestions.dismiss(actor(), board_id, key)


@bp.get("/boards/<int:board_id>/rounds")
@doc("List the rounds of the cycle", tag="reading")
def list_rounds(board_id: int) -> ResponseReturnValue:
    """List rounds, oldest first."""
    board_for(actor(), board_id, READ)
    return {"rounds": [r.to_json() for r in rounds.rounds_of(board_id)]}


@bp.post("/boards/<int:board_id>/rounds")
@doc("Start a round: snapshot the board", body=schemas.RoundCreate, status=201, tag="reading")
def create_round(board_id: int) -> ResponseReturnValue:
    """Start a round."""
    data = parse(schemas.RoundCreate, body())
    return rounds.start_round(actor(), board_id, data.name).to_json(), 201


@bp.get("/boards/<int:board_id>/rounds/<int:round_id>/diff")
@doc(
    "What changed since a round (or between two: ?against=ROUND)",
    tag="reading",
    query={"against": "a later round's id (default: now)"},
)
def round_diff(board_id: int, round_id: int) -> ResponseReturnValue:
    """Compare a round with now or with another round."""
    against = request.args.get("against", type=int)
    return rounds.diff(actor(), board_id, round_id, against)


register(
    Resource(
        "marker",
        "markers",
        "reading",
        schemas.MarkerCreate,
        schemas.MarkerUpdate,
        markers.create_marker,
        markers.update_marker,
        markers.delete_marker,
        (
            "Mark a gap, overlap or bottleneck",
            "Edit a marker from `version` (409 with `current` when stale)",
            "Delete a marker",
        ),
    )
)
register(
    Resource(
        "handover",
        "handovers",
        "reading",
        schemas.HandoverCreate,
        schemas.HandoverUpdate,
        handovers.create_handover,
        handovers.update_handover,
        handovers.delete_handover,
        (
            "Link card A to card B (warme overdracht)",
            "Edit a handover from `version`",
            "Delete a handover",
        ),
    )
)
register(
    Resource(
        "next_step",
        "next-steps",
        "reading",
        schemas.NextStepCreate,
        schemas.NextStepUpdate,
        next_steps.create_next_step,
        next_steps.update_next_step,
        next_steps.delete_next_step,
        (
            "Propose a next step (vervolgstap)",
            "Edit a next step from `version`; status along proposed → agreed → in_progress → "
            "done | stopped",
            "Delete a next step",
        ),
    )
)
