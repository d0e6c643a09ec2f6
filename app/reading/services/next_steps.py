"""Next steps (vervolgstap): concrete projects with residents, and what was learned."""

from datetime import date

from flask_babel import gettext as _

from app import events
from app.extensions import db
from app.lookup import board_entity, get_entity
from app.models import Learning, Marker, NextStep, Organisation
from app.permissions import EDIT, Actor, board_for
from app.reading.services.editing import edit, invalid
from app.transaction import write

# proposed -> agreed -> in progress -> done; any unfinished step may be stopped.
TRANSITIONS = {
    "proposed": {"agreed", "stopped"},
    "agreed": {"in_progress", "stopped"},
    "in_progress": {"done", "stopped"},
    "done": set(),
    "stopped": set(),
}
NULLABLE = {"owner_organisation_id", "start_date", "due_date"}


def get_next_step(board_id: int, next_step_id: int) -> NextStep:
    """Load a next step of the board or raise NotFound."""
    return get_entity(NextStep, board_id, next_step_id, _("Deze vervolgstap bestaat niet."))


def _markers(board_id: int, marker_ids: list[int]) -> list[Marker]:
    ids = set(marker_ids)
    markers = (
        db.session.execute(db.select(Marker).where(Marker.id.in_(ids), Marker.board_id == board_id))
        .scalars()
        .all()
        if ids
        else []
    )
    if len(markers) != len(ids):
        raise invalid("marker_ids", _("Kies bestaande markeringen van dit bord."))
    return list(markers)


def _check(step: NextStep, marker_ids: list[int] | None) -> None:
    if step.owner_organisation_id is not None:
        board_entity(
            Organisation, step.board_id, step.owner_organisation_id, "owner_organisation_id"
        )
    if step.start_date and step.due_date and step.due_date < step.start_date:
        raise invalid("due_date", _("De einddatum ligt vóór de startdatum."))
    if marker_ids is not None:
        step.markers = _markers(step.board_id, marker_ids)


@write
def create_next_step(actor: Actor, board_id: int, title: str, marker_ids=(), **fields) -> NextStep:
    """Propose a next step."""
    board_for(actor, board_id, EDIT)
    step = NextStep(board_id=board_id, title=title, **fields)
    _check(step, list(marker_ids))
    db.session.add(step)
    events.record(board_id, "next_step.created", step, actor)
    return step


@write
def update_next_step(
    actor: Actor, board_id: int, next_step_id: int, version: int, fields: dict
) -> NextStep:
    """Edit a next step from `version`; its status moves only along the allowed transitions."""
    board_for(actor, board_id, EDIT)
    step = get_next_step(board_id, next_step_id)
    edit(
        step,
        version,
        fields,
        _check,
        nullable=NULLABLE,
        transitions=TRANSITIONS,
        list_field="marker_ids",
    )
    events.record(board_id, "next_step.updated", step, actor)
    return step


@write
def delete_next_step(actor: Actor, board_id: int, next_step_id: int) -> None:
    """Remove a next step and its learnings."""
    board_for(actor, board_id, EDIT)
    step = get_next_step(board_id, next_step_id)
    events.record(board_id, "next_step.deleted", step, actor)
    db.session.delete(step)


@write
def add_learning(
    actor: Actor, board_id: int, next_step_id: int, text: str, learned_on: date | None = None
) -> Learning:
    """Log what was learned on a next step; the step is pushed with its grown log."""
    board_for(actor, board_id, EDIT)
    step = get_next_step(board_id, next_step_id)
    learning = Learning(text=text, learned_on=learned_on or date.today(), author_id=actor.id)
    step.learnings.append(learning)
    step.version += 1
    events.record(board_id, "next_step.updated", step, actor)
    return learning
