"""The monitor's import pages, one shape for figures and for target groups: upload → check →
import (htmx, one form, as the inventory's page).

The file input stays in the form, so the import step sends the file again; nothing is kept on
the server between the steps.
"""

from collections.abc import Callable
from dataclasses import dataclass

from flask import render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required

from app.errors import ServiceError
from app.intake.plan import InventoryRefused
from app.intake.sheet import MAX_ROWS
from app.intake.upload import uploaded_sheet
from app.monitor import figure_sheet, group_sheet, services
from app.monitor.routes import bp
from app.permissions import EDIT, MANAGE, board_for
from app.views import current_actor

# A page of problems is read, not scrolled through: the first ones, and how many more.
SHOWN_ERRORS = 200


@dataclass(frozen=True)
class SheetImport:
    """One kind of sheet the monitor takes: who may send it, how it is checked and written."""

    name: str  # "figures" or "target_groups": the template's words and the endpoints' names
    fields: dict
    permission: str
    preview: Callable
    run: Callable


FIGURES = SheetImport(
    "figures",
    figure_sheet.FIELDS,
    EDIT,
    services.preview_figures,
    services.import_figures,
)
TARGET_GROUPS = SheetImport(
    "target_groups",
    group_sheet.FIELDS,
    MANAGE,
    services.preview_target_groups,
    services.import_target_groups,
)


def _answer(kind: SheetImport, board_id: int, status: int = 200, **context) -> ResponseReturnValue:
    """Render the step's fragment for htmx, else the whole page around it."""
    board = board_for(current_actor(), board_id, kind.permission)
    fragment = bool(request.headers.get("HX-Request"))
    template = "monitor/_import_step.html" if fragment else "monitor/import.html"
    plan = context.get("plan")
    if plan is not None:
        context["shown_errors"] = plan.errors[:SHOWN_ERRORS]
        context["more_errors"] = max(0, len(plan.errors) - SHOWN_ERRORS)
    # htmx swaps only 2xx answers: a fragment shows its problems itself.
    return render_template(
        template,
        board=board,
        kind=kind.name,
        slug=kind.name.replace("_", "-") + "-import",
        check_url=url_for(f"monitor.check_{kind.name}_import", board_id=board.id),
        run_url=url_for(f"monitor.run_{kind.name}_import", board_id=board.id),
        fields=kind.fields,
        max_rows=MAX_ROWS,
        **context,
    ), 200 if fragment else status


def _check(kind: SheetImport, board_id: int) -> ResponseReturnValue:
    try:
        plan = kind.preview(current_actor(), board_id, uploaded_sheet())
    except ServiceError as error:
        if error.status in (401, 403, 404):
            raise
        return _answer(kind, board_id, status=error.status, error=error)
    return _answer(kind, board_id, plan=plan)


def _run(kind: SheetImport, board_id: int) -> ResponseReturnValue:
    try:
        plan = kind.run(current_actor(), board_id, uploaded_sheet())
    except InventoryRefused as refused:
        return _answer(kind, board_id, status=422, error=refused, plan=refused.plan)
    except ServiceError as error:
        if error.status in (401, 403, 404):
            raise
        return _answer(kind, board_id, status=error.status, error=error)
    return _answer(kind, board_id, status=201, done=plan)


@bp.get("/boards/<int:board_id>/figures-import")
@login_required
def figures_import_page(board_id: int) -> ResponseReturnValue:
    """Show the figures import page: choose a file."""
    return _answer(FIGURES, board_id)


@bp.post("/boards/<int:board_id>/figures-import/check")
@login_required
def check_figures_import(board_id: int) -> ResponseReturnValue:
    """Read the file and show what an import would set, or its problems."""
    return _check(FIGURES, board_id)


@bp.post("/boards/<int:board_id>/figures-import")
@login_required
def run_figures_import(board_id: int) -> ResponseReturnValue:
    """Import the file as checked; on problems show them again, with nothing written."""
    return _run(FIGURES, board_id)


@bp.get("/boards/<int:board_id>/target-groups-import")
@login_required
def target_groups_import_page(board_id: int) -> ResponseReturnValue:
    """Show the target-group import page (coordinator): choose a file."""
    return _answer(TARGET_GROUPS, board_id)


@bp.post("/boards/<int:board_id>/target-groups-import/check")
@login_required
def check_target_groups_import(board_id: int) -> ResponseReturnValue:
    """Read the file and show which groups an import would add or change, or its problems."""
    return _check(TARGET_GROUPS, board_id)


@bp.post("/boards/<int:board_id>/target-groups-import")
@login_required
def run_target_groups_import(board_id: int) -> ResponseReturnValue:
    """Import the target groups as checked; on problems show them again, nothing written."""
    return _run(TARGET_GROUPS, board_id)
