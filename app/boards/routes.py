"""Board pages: my boards, the canvas, its structure, members and invites."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.board_templates import services as starting
from app.board_templates.catalogue import BUILT_IN
from app.board_templates.schemas import TemplateSave
from app.boards import activity, queries, services, structure_form
from app.boards.page import canvas_page, canvas_region
from app.boards.schemas import (
    BoardCreate,
    BoardUpdate,
    InviteCreate,
    LaneCreate,
    LaneUpdate,
    MemberUpdate,
    OrganisationCreate,
    OrganisationUpdate,
    PhaseCreate,
    PhaseUpdate,
)
from app.cards.services import deleted_cards
from app.errors import Conflict, NotFound, ValidationFailed
from app.extensions import htmx
from app.models import Lane, Phase
from app.permissions import EDIT, MANAGE, READ, allows, board_for, role_on
from app.structure import services as structure
from app.validation import changed_fields, form_data, parse
from app.views import current_actor, organisation_css
from app.vocab import LANE_TEMPLATES, ORGANISATION_KINDS, ROLE_LABELS

bp = Blueprint("boards", __name__)


@bp.get("/")
@login_required
def index() -> ResponseReturnValue:
    """List my boards, with a form to start a new one."""
    return _index(request.args.get("archived") == "1", {}, {})


def _index(archived: bool, errors: dict, form) -> str:
    # The boards page, with what a new board can start from: templates and boards to copy.
    mine = services.boards_of(current_user, archived)
    return render_template(
        "boards/index.html",
        boards=mine,
        archived=archived,
        errors=errors,
        form=form,
        built_in=BUILT_IN,
        saved_templates=starting.usable_templates(current_actor()),
        copyable=mine if not archived else services.boards_of(current_user),
    )


@bp.post("/boards")
@login_required
def create() -> ResponseReturnValue:
    """Start a board from a template (the default journey, the isolation approach, a saved one,
    empty) or as a copy of a board the person can read."""
    raw = form_data(request.form)
    choice = raw.pop("template", "default")
    lane_template = raw.pop("lanes", None)
    if choice == "copy":
        raw.setdefault("copy", "structure")
    else:
        raw.pop("copy", None)
        raw.pop("copy_from", None)
        raw["template"] = choice
        if choice in ("default", "empty"):  # the other templates bring their own lanes
            raw["lane_template"] = lane_template
    try:
        data = parse(BoardCreate, raw)
        board = starting.start_board(current_actor(), **data.model_dump())
    except (ValidationFailed, NotFound) as exc:
        return _index(False, exc.fields or {"name": exc.message}, request.form), exc.status
    return redirect(url_for("boards.show", board_id=board.id))


@bp.get("/boards/<int:board_id>")
@login_required
def show(board_id: int) -> ResponseReturnValue:
    """Show the live canvas."""
    actor = current_actor()
    board = board_for(actor, board_id, READ)
    return render_template(
        "boards/show.html",
        **canvas_page(board, role_on(actor, board_id)),
        feed=activity.recent(board_id),
        feed_limit=activity.FEED_LIMIT,
        deleted=deleted_cards(board_id),
        canvas_url=url_for("boards.canvas", board_id=board_id),
        org_css_url=url_for("boards.organisation_styles", board_id=board_id),
    )


@bp.get("/boards/<int:board_id>/canvas")
@login_required
def canvas(board_id: int) -> ResponseReturnValue:
    """Return the canvas fragment (after a structural change)."""
    actor = current_actor()
    board = board_for(actor, board_id, READ)
    return canvas_region(board, role_on(actor, board_id))


@bp.get("/boards/<int:board_id>/activity")
@login_required
def feed(board_id: int) -> ResponseReturnValue:
    """Return the activity feed and the deleted cards (history) fragment."""
    board = board_for(current_actor(), board_id, READ)
    role = role_on(current_actor(), board_id)
    return render_template(
        "boards/_history.html",
        board=board,
        feed=activity.recent(board_id),
        feed_limit=activity.FEED_LIMIT,
        deleted=deleted_cards(board_id),
        can_edit=allows(role, EDIT),
    )


@bp.get("/boards/<int:board_id>/organisations.css")
@login_required
def organisation_styles(board_id: int) -> ResponseReturnValue:
    """Serve each organisation's colour as a class (the CSP forbids inline styles)."""
    board = board_for(current_actor(), board_id, READ)
    return organisation_css(board.organisations)


# -- Structure: phases, lanes, organisations ------------------------------------------------

SECTIONS = ("board", "phases", "lanes", "organisations", "members")


def _structure_page(
    board_id: int,
    errors: dict | None = None,
    status: int = 200,
    invite_url: str | None = None,
    invite_email: str | None = None,
    typed: dict | None = None,
    saved: str | None = None,
    fragment: bool = False,
):
    """Render the settings page, or only its members section (`fragment`, for htmx); `typed`
    maps an axis to {form, errors, stale}: what the person typed, shown again."""
    actor = current_actor()
    board = board_for(actor, board_id, READ)
    role = role_on(actor, board_id)
    typed = typed or {}
    can_manage = allows(role, MANAGE)
    cards_in = queries.cards_per_axis(board_id)
    axes = [
        (axis, structure_form.rows(axis, items, **typed.get(axis, {})), cards_in[axis])
        for axis, items in (("phase", board.phases), ("lane", board.lanes))
    ]
    return render_template(
        "boards/_members.html" if fragment else "boards/settings.html",
        board=board,
        role=role,
        can_edit=allows(role, EDIT),
        can_manage=can_manage,
        kinds=ORGANISATION_KINDS,
        roles=ROLE_LABELS,
        errors=errors or {},
        lane_templates=LANE_TEMPLATES,
        invite_url=invite_url,
        invite_email=invite_email,
        saved=saved,
        axes=axes,
        invites=services.list_invites(actor, board_id, only_open=True) if can_manage else [],
        new_organisation_color=structure.next_style(board_id)[0],
    ), status


@bp.get("/boards/<int:board_id>/settings")
@login_required
def settings(board_id: int) -> ResponseReturnValue:
    """Show the board's structure: phases, lanes, organisations, members."""
    saved = request.args.get("saved")
    return _structure_page(board_id, saved=saved if saved in SECTIONS else None)


def _after_change(board_id: int, anchor: str):
    if htmx:
        return _structure_page(board_id)
    return redirect(url_for("boards.settings", board_id=board_id) + f"#{anchor}")


def _handle(board_id: int, anchor: str, fn):
    """Run a structure change from a form; show errors beside the fields."""
    try:
        fn()
    except ValidationFailed as exc:
        flash(exc.message, "error")
        return _structure_page(
            board_id, errors={anchor: exc.fields or {"_": exc.message}}, status=422
        )
    return _after_change(board_id, anchor)


@bp.post("/boards/<int:board_id>/template")
@login_required
def save_template(board_id: int) -> ResponseReturnValue:
    """Save the board's structure as a template of the coordinator's organisation."""

    try:
        data = parse(TemplateSave, form_data(request.form))
        starting.save_template(current_actor(), board_id, data.name)
    except ValidationFailed as exc:
        return _structure_page(board_id, errors={"board": exc.fields}, status=422)
    return redirect(url_for("boards.settings", board_id=board_id, saved="board") + "#board")


@bp.post("/boards/<int:board_id>/<any(phase, lane):axis>s/all")
@login_required
def save_axes(board_id: int, axis: str) -> ResponseReturnValue:
    """Save every phase (or lane) of the one form at once, then move one if asked."""
    board_for(current_actor(), board_id, EDIT)  # refused before anything, even an empty save
    section = f"{axis}s"
    move = request.form.get("move", "")
    try:
        changes = structure_form.typed_changes(axis, request.form)
        if changes:
            structure.update_axes(current_actor(), board_id, axis, changes)
        entity_id, _sep, direction = move.partition(":")
        if entity_id.isdigit() and direction in ("up", "down"):
            after_id = _neighbour_after(board_id, axis, int(entity_id), direction)
            structure.update_axis(
                current_actor(), board_id, axis, int(entity_id), {"after_id": after_id}
            )
    except (ValidationFailed, Conflict) as exc:
        stale = {int(key) for key in exc.fields} if isinstance(exc, Conflict) else set()
        return _structure_page(
            board_id,
            errors={section: {"_": exc.message}},
            status=exc.status,
            typed={axis: {"form": request.form, "errors": exc.fields, "stale": stale}},
        )
    anchor = f"{axis}-{entity_id}" if move else section
    return redirect(url_for("boards.settings", board_id=board_id, saved=section) + f"#{anchor}")


@bp.post("/boards/<int:board_id>/rename")
@login_required
def rename(board_id: int) -> ResponseReturnValue:
    """Rename or (un)archive the board."""
    raw = form_data(request.form)
    if "archived" in raw:
        raw["archived"] = raw["archived"] == "1"

    def change():
        services.update_board(current_actor(), board_id, **parse(BoardUpdate, raw).model_dump())

    return _handle(board_id, "board", change)


AXIS_SCHEMAS = {"phase": (PhaseCreate, PhaseUpdate, Phase), "lane": (LaneCreate, LaneUpdate, Lane)}


@bp.post("/boards/<int:board_id>/<any(phase, lane):axis>s")
@login_required
def create_axis(board_id: int, axis: str) -> ResponseReturnValue:
    """Add a phase or lane."""
    create_schema = AXIS_SCHEMAS[axis][0]
    return _handle(
        board_id,
        f"{axis}s",
        lambda: structure.create_axis(
            current_actor(),
            board_id,
            axis,
            **parse(create_schema, form_data(request.form)).model_dump(),
        ),
    )


@bp.post("/boards/<int:board_id>/<any(phase, lane):axis>s/<int:entity_id>")
@login_required
def update_axis(board_id: int, axis: str, entity_id: int) -> ResponseReturnValue:
    """Rename, re-estimate or reorder (direction up/down) a phase or lane."""
    raw = form_data(request.form)
    direction = raw.pop("direction", None)
    if request.form.get("demand_per_year") == "":
        raw["demand_per_year"] = None  # an emptied field clears the estimate

    def change():
        if direction in ("up", "down"):
            raw["after_id"] = _neighbour_after(board_id, axis, entity_id, direction)
        update = parse(AXIS_SCHEMAS[axis][1], raw)
        fields = changed_fields(update)
        structure.update_axis(current_actor(), board_id, axis, entity_id, fields, update.version)

    return _handle(board_id, f"{axis}s", change)


def _neighbour_after(board_id: int, axis: str, entity_id: int, direction: str) -> int | None:
    """Return the id to place an axis item after, to move it one step up or down."""
    board = board_for(current_actor(), board_id, EDIT)
    items = board.phases if axis == "phase" else board.lanes
    ids = [item.id for item in items]
    if entity_id not in ids:
        raise ValidationFailed(_("Niet gevonden."))
    index = ids.index(entity_id)
    others = [i for i in ids if i != entity_id]
    target = max(index - 1, 0) if direction == "up" else min(index + 1, len(others))
    return others[target - 1] if target > 0 else None


@bp.post("/boards/<int:board_id>/<any(phase, lane):axis>s/<int:entity_id>/delete")
@login_required
def delete_axis(board_id: int, axis: str, entity_id: int) -> ResponseReturnValue:
    """Delete a phase or lane, moving its cards where the user chose."""
    target = request.form.get("move_cards_to") or None

    def change():
        if target is not None and not target.isdigit():
            raise ValidationFailed(_("Kies een bestemming."))
        structure.delete_axis(
            current_actor(), board_id, axis, entity_id, int(target) if target else None
        )

    return _handle(board_id, f"{axis}s", change)


@bp.post("/boards/<int:board_id>/organisations")
@login_required
def create_organisation(board_id: int) -> ResponseReturnValue:
    """Add an organisation."""
    return _handle(
        board_id,
        "organisations",
        lambda: structure.create_organisation(
            current_actor(),
            board_id,
            **parse(OrganisationCreate, form_data(request.form)).model_dump(),
        ),
    )


@bp.post("/boards/<int:board_id>/organisations/<int:organisation_id>")
@login_required
def update_organisation(board_id: int, organisation_id: int) -> ResponseReturnValue:
    """Edit an organisation."""

    def change():
        update = parse(
            OrganisationUpdate,
            {**form_data(request.form), "contact": request.form.get("contact", "")},
        )
        fields = changed_fields(update)
        structure.update_organisation(
            current_actor(), board_id, organisation_id, fields, update.version
        )

    return _handle(board_id, "organisations", change)


@bp.post("/boards/<int:board_id>/organisations/<int:organisation_id>/delete")
@login_required
def delete_organisation(board_id: int, organisation_id: int) -> ResponseReturnValue:
    """Delete an organisation without cards."""
    return _handle(
        board_id,
        "organisations",
        lambda: structure.delete_organisation(current_actor(), board_id, organisation_id),
    )


# -- Members and invites ----------------------------------------------------------------------


@bp.post("/boards/<int:board_id>/invites")
@login_required
def invite(board_id: int) -> ResponseReturnValue:
    """Create an invite link (mailed when it has an address); it appears where it was asked for."""
    try:
        data = parse(InviteCreate, form_data(request.form))
        invite, token = services.create_invite(current_actor(), board_id, **data.model_dump())
    except (ValidationFailed, Conflict) as exc:
        errors = {"members": exc.fields or {"email": exc.message}}
        return _structure_page(board_id, errors=errors, status=exc.status, fragment=bool(htmx))
    return _structure_page(
        board_id,
        invite_url=services.invite_url(token),
        invite_email=invite.email,
        fragment=bool(htmx),
    )


@bp.post("/boards/<int:board_id>/invites/<int:invite_id>/revoke")
@login_required
def revoke_invite(board_id: int, invite_id: int) -> ResponseReturnValue:
    """Revoke an open invite: its link stops working."""
    services.revoke_invite(current_actor(), board_id, invite_id)
    if htmx:
        return _structure_page(board_id, fragment=True)
    return redirect(url_for("boards.settings", board_id=board_id) + "#members")


@bp.post("/boards/<int:board_id>/members/<int:user_id>")
@login_required
def change_member(board_id: int, user_id: int) -> ResponseReturnValue:
    """Change a member's role, or remove them."""

    def change():
        if request.form.get("remove"):
            services.remove_member(current_actor(), board_id, user_id)
            return
        role = parse(MemberUpdate, {"role": request.form.get("role")}).role
        services.change_role(current_actor(), board_id, user_id, role)

    return _handle(board_id, "members", change)
