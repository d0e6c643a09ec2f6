"""The region pages: the list with a form to create one, the region's boards side by side, and
a board's regions (its coordinator joins one by id, chooses what it shares, or leaves)."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import login_required

from app.errors import Conflict, NotFound, ValidationFailed
from app.permissions import MANAGE, board_for
from app.regions import schemas, services
from app.regions.access import board_regions, regions_of
from app.regions.overview import load_overview
from app.regions.page import funnel_bars
from app.validation import form_data, parse
from app.views import current_actor

bp = Blueprint("regions", __name__)


def _index(status: int = 200, errors: dict | None = None, form=None) -> ResponseReturnValue:
    regions = regions_of(current_actor())
    return render_template(
        "regions/index.html", regions=regions, errors=errors or {}, form=form or {}
    ), status


@bp.get("/regions")
@login_required
def index() -> ResponseReturnValue:
    """List the regions the person leads or takes part in, with a form for a new one."""
    return _index()


@bp.post("/regions")
@login_required
def create() -> ResponseReturnValue:
    """Create a region from the form; its creator leads it."""
    try:
        data = parse(schemas.RegionCreate, form_data(request.form))
        region = services.create_region(current_actor(), data.name)
    except ValidationFailed as error:
        return _index(422, error.fields, request.form)
    return redirect(url_for("regions.show", region_id=region.id))


@bp.get("/regions/<int:region_id>")
@login_required
def show(region_id: int) -> ResponseReturnValue:
    """Show the region's boards side by side (no live room: it joins no board's channel)."""
    overview = load_overview(current_actor(), region_id)
    for board in overview["boards"]:
        board["funnel"] = funnel_bars(board["phases"])
    return render_template("regions/show.html", region=overview)


@bp.post("/regions/<int:region_id>/boards/<int:board_id>/leave")
@login_required
def leave(region_id: int, board_id: int) -> ResponseReturnValue:
    """Take a board out of the region (its coordinator, or the region's lead)."""
    services.leave_region(current_actor(), region_id, board_id)
    flash(_("Het bord doet niet meer mee in de regio."), "success")
    if request.form.get("back") == "board":
        return redirect(url_for("regions.board", board_id=board_id))
    return redirect(url_for("regions.show", region_id=region_id))


def _board_page(board_id: int, status: int = 200, **extra) -> ResponseReturnValue:
    board = board_for(current_actor(), board_id, MANAGE)
    extra.setdefault("errors", {})
    extra.setdefault("form", {})
    return render_template(
        "regions/board.html", board=board, parts=board_regions(board.id), **extra
    ), status


@bp.get("/boards/<int:board_id>/regions")
@login_required
def board(board_id: int) -> ResponseReturnValue:
    """Show the regions a board takes part in and the form to join one (coordinator)."""
    return _board_page(board_id)


def _choice(form) -> dict:
    """Read the form; the share choice is a radio button pair ("yes" or "no")."""
    values = form_data(form)
    values["share_texts"] = values.get("share_texts") == "yes"
    return values


@bp.post("/boards/<int:board_id>/regions")
@login_required
def join(board_id: int) -> ResponseReturnValue:
    """Join a region by its id, sharing card texts or not."""
    try:
        data = parse(schemas.RegionJoinForm, _choice(request.form))
        services.join_region(current_actor(), data.region_id, board_id, data.share_texts)
    except (ValidationFailed, NotFound, Conflict) as error:
        board_for(current_actor(), board_id, MANAGE)  # a stranger learns nothing of regions
        errors = error.fields or {"region_id": error.message}
        return _board_page(board_id, error.status, errors=errors, form=request.form)
    flash(_("Het bord doet mee in de regio."), "success")
    return redirect(url_for("regions.board", board_id=board_id))


@bp.post("/boards/<int:board_id>/regions/<int:region_id>")
@login_required
def share(board_id: int, region_id: int) -> ResponseReturnValue:
    """Choose what the region sees of the board: figures and bridge only, or card texts too."""
    choice = _choice(request.form)["share_texts"]
    services.set_share_texts(current_actor(), region_id, board_id, choice)
    flash(_("Keuze opgeslagen."), "success")
    return redirect(url_for("regions.board", board_id=board_id))
