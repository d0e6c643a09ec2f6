"""Form posts of the reading pages (htmx, and plain posts without JavaScript).

Each calls the same service as the API. An htmx post gets a fragment back and the
`bw-reading-changed` trigger (lists refresh); a plain post is redirected back to its page.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass

from flask import redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import login_required

from app.errors import Conflict, NotFound, ValidationFailed
from app.extensions import htmx
from app.permissions import EDIT, board_for
from app.reading import schemas
from app.reading.blueprint import bp
from app.reading.rendering import render
from app.reading.services import handovers, markers, next_steps, rounds, suggestions
from app.validation import Schema, changed_fields, form_data, parse
from app.views import current_actor

CHANGED = {"HX-Trigger": "bw-reading-changed"}
# Text fields keep "" (a cleared note is empty, a cleared title is an error); other empty fields
# become null.
TEXTS = ("title", "note", "goal", "participants")


def values(*lists: str) -> dict:
    """Read the posted form: lists of ids, texts as typed, other empty fields as null."""
    data = form_data(request.form)
    for key in TEXTS:
        if key in request.form:
            data[key] = request.form[key]
    for key in lists:
        data[key] = [int(v) for v in request.form.getlist(key) if v.isdigit()]
    return data


def edit_fields(schema: type[Schema], data: dict) -> tuple[int, dict]:
    """Parse an edit form: its version and the fields that were sent."""
    update = parse(schema, data)
    return update.version, changed_fields(update)


def done(
    page: str, board_id: int, fragment: str = "", status: int = 200, created: str = ""
) -> ResponseReturnValue:
    """Answer a successful post: a fragment for htmx, else back to the page. `created` names the
    element of a new entry: the page brings it into view and focuses it once the list is fresh."""
    if htmx:
        if created:
            trigger = {"bw-reading-changed": "", "bw-created": {"id": created}}
            return fragment, status, {"HX-Trigger": json.dumps(trigger)}
        return fragment, status, CHANGED
    return redirect(request.referrer or url_for(page, board_id=board_id))


# -- Markers and next steps: one shape --------------------------------------------------------


@dataclass(frozen=True)
class Editable:
    """What the form posts of markers and of next steps differ in; the handlers are shared."""

    name: str  # the template variable of the entity: "marker" or "step"
    anchor: str  # the element id prefix of an entry in the list: "marker" or "next-step"
    ids: str  # the form's list of ids: "card_ids" or "marker_ids"
    form: str  # the template of the create/edit form
    item: str  # the template of one entry in the list
    page: str  # the endpoint of the list's page, for posts without JavaScript
    create_schema: type
    update_schema: type
    create: Callable
    update: Callable
    get: Callable


MARKER = Editable(
    "marker",
    "marker",
    "card_ids",
    "reading/_marker_form.html",
    "reading/_marker_item.html",
    "reading.markers_page",
    schemas.MarkerCreate,
    schemas.MarkerUpdate,
    markers.create_marker,
    markers.update_marker,
    markers.get_marker,
)
NEXT_STEP = Editable(
    "step",
    "next-step",
    "marker_ids",
    "reading/_next_step_form.html",
    "reading/_next_step.html",
    "reading.next_steps_page",
    schemas.NextStepCreate,
    schemas.NextStepUpdate,
    next_steps.create_next_step,
    next_steps.update_next_step,
    next_steps.get_next_step,
)


def _create(kind: Editable, board_id: int):
    data = values(kind.ids)
    try:
        entity = kind.create(
            current_actor(), board_id, **parse(kind.create_schema, data).model_dump()
        )
    except ValidationFailed as exc:
        errors = exc.fields or {"_": exc.message}
        form = render(kind.form, board_id, values=data, errors=errors, **{kind.name: None})
        return form, 422
    empty = render(kind.form, board_id, values={}, errors={}, **{kind.name: None})
    return done(kind.page, board_id, empty, 201, f"{kind.anchor}-{entity.id}")


def _update(kind: Editable, board_id: int, entity_id: int):
    data = values(kind.ids)
    try:
        version, fields = edit_fields(kind.update_schema, data)
        entity = kind.update(current_actor(), board_id, entity_id, version, fields)
    except (ValidationFailed, Conflict) as exc:
        entity = kind.get(board_id, entity_id)
        if isinstance(exc, Conflict):  # the form goes on from the version now saved
            data = {**data, "version": entity.version}
        errors = exc.fields or {"_": exc.message}
        form = render(
            kind.form,
            board_id,
            values=data,
            errors=errors,
            conflict=exc.current,
            **{kind.name: entity},
        )
        return form, exc.status
    return done(kind.page, board_id, render(kind.item, board_id, **{kind.name: entity}))


def _move_status(kind: Editable, board_id: int, entity_id: int):
    version, fields = edit_fields(kind.update_schema, values())
    entity = kind.update(current_actor(), board_id, entity_id, version, fields)
    return done(kind.page, board_id, render(kind.item, board_id, **{kind.name: entity}))


@bp.post("/boards/<int:board_id>/markers")
@login_required
def marker_create(board_id: int) -> ResponseReturnValue:
    """Mark a gap, overlap or bottleneck."""
    return _create(MARKER, board_id)


@bp.post("/boards/<int:board_id>/markers/<int:marker_id>")
@login_required
def marker_update(board_id: int, marker_id: int) -> ResponseReturnValue:
    """Save a marker's edit form."""
    return _update(MARKER, board_id, marker_id)


@bp.post("/boards/<int:board_id>/markers/<int:marker_id>/status")
@login_required
def marker_status(board_id: int, marker_id: int) -> ResponseReturnValue:
    """Move a marker along its workflow (open, being addressed, resolved, dismissed)."""
    return _move_status(MARKER, board_id, marker_id)


@bp.post("/boards/<int:board_id>/markers/<int:marker_id>/delete")
@login_required
def marker_delete(board_id: int, marker_id: int) -> ResponseReturnValue:
    """Remove a marker."""
    markers.delete_marker(current_actor(), board_id, marker_id)
    return done(MARKER.page, board_id)


@bp.post("/boards/<int:board_id>/next-steps")
@login_required
def next_step_create(board_id: int) -> ResponseReturnValue:
    """Propose a next step."""
    return _create(NEXT_STEP, board_id)


@bp.post("/boards/<int:board_id>/next-steps/<int:next_step_id>")
@login_required
def next_step_update(board_id: int, next_step_id: int) -> ResponseReturnValue:
    """Save a next step's edit form."""
    return _update(NEXT_STEP, board_id, next_step_id)


@bp.post("/boards/<int:board_id>/next-steps/<int:next_step_id>/status")
@login_required
def next_step_status(board_id: int, next_step_id: int) -> ResponseReturnValue:
    """Move a next step along proposed → agreed → in progress → done (or stopped)."""
    return _move_status(NEXT_STEP, board_id, next_step_id)


@bp.post("/boards/<int:board_id>/next-steps/<int:next_step_id>/delete")
@login_required
def next_step_delete(board_id: int, next_step_id: int) -> ResponseReturnValue:
    """Remove a next step."""
    next_steps.delete_next_step(current_actor(), board_id, next_step_id)
    return done(NEXT_STEP.page, board_id)


# -- Suggestions and handovers -------------------------------------------------------------


@bp.post("/boards/<int:board_id>/suggestions/<key>/<any(accept, dismiss):action>")
@login_required
def suggestion_decide(board_id: int, key: str, action: str) -> ResponseReturnValue:
    """Accept a suggestion (it becomes a marker) or dismiss it."""
    try:
        getattr(suggestions, action)(current_actor(), board_id, key)
    except NotFound:
        if not htmx:
            raise
        # The board changed since the list was drawn: say so beside the list, which refreshes.
        gone = NotFound(_("Deze suggestie geldt niet meer: het bord is intussen veranderd."))
        headers = {"HX-Retarget": "#bw-suggestions-message", "HX-Reswap": "innerHTML"}
        return render_template("errors/_error.html", error=gone), 404, {**headers, **CHANGED}
    return done("reading.markers_page", board_id)


@bp.post("/boards/<int:board_id>/handovers")
@login_required
def handover_create(board_id: int) -> ResponseReturnValue:
    """Link one offer to the next (warme overdracht)."""
    data = values()
    try:
        handovers.create_handover(
            current_actor(), board_id, **parse(schemas.HandoverCreate, data).model_dump()
        )
    except ValidationFailed as exc:
        return render(
            "reading/_handover_form.html",
            board_id,
            values=data,
            errors=exc.fields or {"_": exc.message},
        ), 422
    return done(
        "reading.markers_page",
        board_id,
        render("reading/_handover_form.html", board_id, values={}, errors={}),
        201,
    )


@bp.post("/boards/<int:board_id>/handovers/<int:handover_id>/delete")
@login_required
def handover_delete(board_id: int, handover_id: int) -> ResponseReturnValue:
    """Remove a handover."""
    handovers.delete_handover(current_actor(), board_id, handover_id)
    return done("reading.markers_page", board_id)


# -- Learnings and rounds ------------------------------------------------------------------


@bp.post("/boards/<int:board_id>/next-steps/<int:next_step_id>/learnings")
@login_required
def learning_create(board_id: int, next_step_id: int) -> ResponseReturnValue:
    """Log what was learned."""
    data = values()
    try:
        next_steps.add_learning(
            current_actor(),
            board_id,
            next_step_id,
            **parse(schemas.LearningCreate, data).model_dump(),
        )
    except ValidationFailed as exc:
        step = next_steps.get_next_step(board_id, next_step_id)
        return render(
            "reading/_next_step.html",
            board_id,
            step=step,
            learning=data,
            errors=exc.fields or {"_": exc.message},
        ), 422
    step = next_steps.get_next_step(board_id, next_step_id)
    return done(
        "reading.next_steps_page",
        board_id,
        render("reading/_next_step.html", board_id, step=step),
        201,
    )


@bp.post("/boards/<int:board_id>/rounds")
@login_required
def round_create(board_id: int) -> ResponseReturnValue:
    """Start a round (snapshot) and show the timeline."""
    board_for(current_actor(), board_id, EDIT)
    try:
        rounds.start_round(current_actor(), board_id, parse(schemas.RoundCreate, values()).name)
    except ValidationFailed as exc:
        return render(
            "reading/rounds.html", board_id, rounds=rounds.rounds_of(board_id), errors=exc.fields
        ), 422
    return redirect(url_for("reading.rounds_page", board_id=board_id))
