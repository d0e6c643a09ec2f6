"""The figures import page: upload → check → import (htmx, one form, as the inventory's page).

The file input stays in the form, so the import step sends the file again; nothing is kept on
the server between the steps.
"""

from flask import render_template, request
from flask.typing import ResponseReturnValue
from flask_login import login_required

from app.errors import ServiceError
from app.intake.sheet import MAX_ROWS
from app.intake.upload import uploaded_sheet
from app.monitor import services
from app.monitor.figure_sheet import FIELDS, FiguresRefused
from app.monitor.routes import bp
from app.permissions import EDIT, board_for
from app.views import current_actor

# A page of problems is read, not scrolled through: the first ones, and how many more.
SHOWN_ERRORS = 200


def _answer(board_id: int, status: int = 200, **context) -> ResponseReturnValue:
    """Render the step's fragment for htmx, else the whole page around it."""
    board = board_for(current_actor(), board_id, EDIT)
    fragment = bool(request.headers.get("HX-Request"))
    template = "monitor/_import_step.html" if fragment else "monitor/import.html"
    plan = context.get("plan")
    if plan is not None:
        context["shown_errors"] = plan.errors[:SHOWN_ERRORS]
        context["more_errors"] = max(0, len(plan.errors) - SHOWN_ERRORS)
    # htmx swaps only 2xx answers: a fragment shows its problems itself.
    return render_template(
        template, board=board, fields=FIELDS, max_rows=MAX_ROWS, **context
    ), 200 if fragment else status


@bp.get("/boards/<int:board_id>/figures-import")
@login_required
def figures_import_page(board_id: int) -> ResponseReturnValue:
    """Show the figures import page: choose a file."""
    return _answer(board_id)


@bp.post("/boards/<int:board_id>/figures-import/check")
@login_required
def check_figures_import(board_id: int) -> ResponseReturnValue:
    """Read the file and show what an import would set, or its problems."""
    try:
        plan = services.preview_figures(current_actor(), board_id, uploaded_sheet())
    except ServiceError as error:
        if error.status in (401, 403, 404):
            raise
        return _answer(board_id, status=error.status, error=error)
    return _answer(board_id, plan=plan)


@bp.post("/boards/<int:board_id>/figures-import")
@login_required
def run_figures_import(board_id: int) -> ResponseReturnValue:
    """Import the file as checked; on problems show them again, with nothing written."""
    try:
        plan = services.import_figures(current_actor(), board_id, uploaded_sheet())
    except FiguresRefused as refused:
        return _answer(board_id, status=422, error=refused, plan=refused.plan)
    except ServiceError as error:
        if error.status in (401, 403, 404):
            raise
        return _answer(board_id, status=error.status, error=error)
    return _answer(board_id, status=201, done=plan)
