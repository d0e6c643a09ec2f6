"""API: markers, handovers, next steps and learnings, analysis and suggestions, rounds."""

from flask import request

from app.api.base import actor, body, bp
from app.api.spec import doc
from app.boards.queries import load_state
from app.permissions import READ, board_for
from app.reading import analysis
from app.reading.facts import load_facts
from app.reading.schemas import (
    HandoverCreate,
    HandoverUpdate,
    LearningCreate,
    MarkerCreate,
    MarkerUpdate,
    NextStepCreate,
    NextStepUpdate,
    RoundCreate,
)
from app.reading.services import handovers, markers, next_steps, rounds, suggestions
from app.validation import changed_fields, parse


def _edit(schema) -> tuple[int, dict]:
    """Parse an edit: the version it starts from and the fields that were sent."""
    update = parse(schema, body())
    return update.version, changed_fields(update)


@bp.get("/boards/<int:board_id>/markers")
@doc(
    "List markers (filter with ?kind=, ?status=)",
    tag="reading",
    query={"kind": "gap|overlap|bottleneck", "status": "open|being_addressed|resolved|dismissed"},
)
def list_markers(board_id: int):
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


@bp.post("/boards/<int:board_id>/markers")
@doc("Mark a gap, overlap or bottleneck", body=MarkerCreate, status=201, tag="reading")
def create_marker(board_id: int):
    """Create a marker."""
    data = parse(MarkerCreate, body())
    return markers.create_marker(actor(), board_id, **data.model_dump()).to_json(), 201


@bp.patch("/boards/<int:board_id>/markers/<int:marker_id>")
@doc(
    "Edit a marker from `version` (409 with `current` when stale)", body=MarkerUpdate, tag="reading"
)
def update_marker(board_id: int, marker_id: int):
    """Edit a marker."""
    version, fields = _edit(MarkerUpdate)
    return markers.update_marker(actor(), board_id, marker_id, version, fields).to_json()


@bp.delete("/boards/<int:board_id>/markers/<int:marker_id>")
@doc("Delete a marker", status=204, tag="reading")
def delete_marker(board_id: int, marker_id: int):
    """Delete a marker."""
    markers.delete_marker(actor(), board_id, marker_id)
    return "", 204


@bp.get("/boards/<int:board_id>/handovers")
@doc("List handovers", tag="reading")
def list_handovers(board_id: int):
    """List the board's handovers."""
    state = load_state(board_for(actor(), board_id, READ))
    return {"handovers": [h.to_json() for h in state.handovers]}


@bp.post("/boards/<int:board_id>/handovers")
@doc("Link card A to card B (warme overdracht)", body=HandoverCreate, status=201, tag="reading")
def create_handover(board_id: int):
    """Create a handover."""
    data = parse(HandoverCreate, body())
    return handovers.create_handover(actor(), board_id, **data.model_dump()).to_json(), 201


@bp.patch("/boards/<int:board_id>/handovers/<int:handover_id>")
@doc("Edit a handover from `version`", body=HandoverUpdate, tag="reading")
def update_handover(board_id: int, handover_id: int):
    """Edit a handover."""
    version, fields = _edit(HandoverUpdate)
    return handovers.update_handover(actor(), board_id, handover_id, version, fields).to_json()


@bp.delete("/boards/<int:board_id>/handovers/<int:handover_id>")
@doc("Delete a handover", status=204, tag="reading")
def delete_handover(board_id: int, handover_id: int):
    """Delete a handover."""
    handovers.delete_handover(actor(), board_id, handover_id)
    return "", 204


@bp.get("/boards/<int:board_id>/next-steps")
@doc("List next steps with their learnings", tag="reading")
def list_next_steps(board_id: int):
    """List the board's next steps."""
    state = load_state(board_for(actor(), board_id, READ))
    return {"next_steps": [n.to_json() for n in state.next_steps]}


@bp.post("/boards/<int:board_id>/next-steps")
@doc("Propose a next step (vervolgstap)", body=NextStepCreate, status=201, tag="reading")
def create_next_step(board_id: int):
    """Create a next step."""
    data = parse(NextStepCreate, body())
    return next_steps.create_next_step(actor(), board_id, **data.model_dump()).to_json(), 201


@bp.patch("/boards/<int:board_id>/next-steps/<int:next_step_id>")
@doc(
    "Edit a next step from `version`; status along proposed → agreed → in_progress → "
    "done | stopped",
    body=NextStepUpdate,
    tag="reading",
)
def update_next_step(board_id: int, next_step_id: int):
    """Edit a next step."""
    version, fields = _edit(NextStepUpdate)
    return next_steps.update_next_step(actor(), board_id, next_step_id, version, fields).to_json()


@bp.delete("/boards/<int:board_id>/next-steps/<int:next_step_id>")
@doc("Delete a next step", status=204, tag="reading")
def delete_next_step(board_id: int, next_step_id: int):
    """Delete a next step."""
    next_steps.delete_next_step(actor(), board_id, next_step_id)
    return "", 204


@bp.post("/boards/<int:board_id>/next-steps/<int:next_step_id>/learnings")
@doc("Log a learning (geleerde les) on a next step", body=LearningCreate, status=201, tag="reading")
def add_learning(board_id: int, next_step_id: int):
    """Add a learning."""
    data = parse(LearningCreate, body())
    return next_steps.add_learning(
        actor(), board_id, next_step_id, **data.model_dump()
    ).to_json(), 201


@bp.get("/boards/<int:board_id>/analysis")
@doc("Figures per phase and cell for the three lenses, plus suggestions", tag="reading")
def get_analysis(board_id: int):
    """Return the board's analysis."""
    return analysis.analyse(load_facts(board_for(actor(), board_id, READ)))


@bp.post("/boards/<int:board_id>/suggestions/<key>/accept")
@doc("Turn a suggestion into a marker", status=201, tag="reading")
def accept_suggestion(board_id: int, key: str):
    """Accept a suggestion."""
    return suggestions.accept(actor(), board_id, key).to_json(), 201


@bp.post("/boards/<int:board_id>/suggestions/<key>/dismiss")
@doc("Dismiss a suggestion until the situation changes", tag="reading")
def dismiss_suggestion(board_id: int, key: str):
    """Dismiss a suggestion."""
    return suggestions.dismiss(actor(), board_id, key)


@bp.get("/boards/<int:board_id>/rounds")
@doc("List the rounds of the cycle", tag="reading")
def list_rounds(board_id: int):
    """List rounds, oldest first."""
    board_for(actor(), board_id, READ)
    return {"rounds": [r.to_json() for r in rounds.rounds_of(board_id)]}


@bp.post("/boards/<int:board_id>/rounds")
@doc("Start a round: snapshot the board", body=RoundCreate, status=201, tag="reading")
def create_round(board_id: int):
    """Start a round."""
    data = parse(RoundCreate, body())
    return rounds.start_round(actor(), board_id, data.name).to_json(), 201


@bp.get("/boards/<int:board_id>/rounds/<int:round_id>/diff")
@doc(
    "What changed since a round (or between two: ?against=ROUND)",
    tag="reading",
    query={"against": "a later round's id (default: now)"},
)
def round_diff(board_id: int, round_id: int):
    """Compare a round with now or with another round."""
    against = request.args.get("against", type=int)
    return rounds.diff(actor(), board_id, round_id, against)
