"""The import page: upload → check the columns and rows → import (htmx, one form throughout).

The file input stays in the page's form, so each step sends the file again with the person's
choices; nothing is kept on the server between the steps.
"""

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import login_required

from app.errors import ServiceError
from app.intake import services
from app.intake.columns import FIELDS
from app.intake.plan import InventoryRefused, Plan
from app.intake.sheet import MAX_ROWS, Sheet
from app.intake.upload import allow_upload_size, form_choices, uploaded_sheet
from app.permissions import EDIT, board_for
from app.views import current_actor

bp = Blueprint("intake", __name__)


def init_app(app) -> None:
    """Let the import's endpoints (the page's and the API's) take a workbook of up to 5 MB."""
    app.url_value_preprocessor(allow_upload_size)


# A page of problems is read, not scrolled through: the first ones, and how many more.
SHOWN_ERRORS = 200


def _answer(board_id: int, status: int = 200, **context) -> ResponseReturnValue:
    """Render the step's fragment for htmx, else the whole page around it."""
    board = board_for(current_actor(), board_id, EDIT)
    fragment = bool(request.headers.get("HX-Request"))
    template = "intake/_step.html" if fragment else "intake/page.html"
    # htmx swaps only 2xx answers: a fragment shows its problems itself.
    return render_template(
        template, board=board, fields=FIELDS, max_rows=MAX_ROWS, **context
    ), 200 if fragment else status


def _review(sheet: Sheet, plan: Plan, chosen: dict) -> dict:
    """What the mapping form and the preview show of a checked sheet: the columns with an
    example, the phase and lane values to map (those chosen before stay chosen), the problems."""
    first = sheet.rows[0][1]
    phases = {value: None for value in chosen.get("phase", {})} | plan.unknown_phases
    lanes = dict.fromkeys(chosen.get("lane", {})) | dict.fromkeys(plan.lanes.values())
    return {
        "plan": plan,
        "columns": [
            {"index": i, "header": header, "field": plan.mapping.get(header), "example": first[i]}
            for i, header in enumerate(sheet.headers)
        ],
        "phase_values": [
            (value, chosen.get("phase", {}).get(value, suggested))
            for value, suggested in phases.items()
        ],
        "lane_values": [(value, chosen.get("lane", {}).get(value)) for value in lanes],
        "shown_errors": plan.errors[:SHOWN_ERRORS],
        "more_errors": max(0, len(plan.errors) - SHOWN_ERRORS),
    }


@bp.get("/boards/<int:board_id>/inventory-import")
@login_required
def page(board_id: int) -> ResponseReturnValue:
    """Show the import page: choose a file."""
    return _answer(board_id)


@bp.post("/boards/<int:board_id>/inventory-import/check")
@login_required
def check(board_id: int) -> ResponseReturnValue:
    """Read the file, guess or take the mapping, and show what an import would do."""
    try:
        sheet = uploaded_sheet()
        choices = form_choices(sheet.headers)
        plan = services.preview(current_actor(), board_id, sheet, choices.mapping, choices.values)
    except ServiceError as error:
        if error.status in (401, 403, 404):
            raise
        return _answer(board_id, status=error.status, error=error)
    return _answer(board_id, **_review(sheet, plan, choices.values))


@bp.post("/boards/<int:board_id>/inventory-import")
@login_required
def run(board_id: int) -> ResponseReturnValue:
    """Import the file as checked; on problems show them again, with nothing written."""
    try:
        sheet = uploaded_sheet()
        choices = form_choices(sheet.headers)
        plan = services.import_inventory(
            current_actor(), board_id, sheet, choices.mapping, choices.values
        )
    except InventoryRefused as refused:
        review = _review(sheet, refused.plan, choices.values)
        return _answer(board_id, status=422, error=refused, **review)
    except ServiceError as error:
        if error.status in (401, 403, 404):
            raise
        return _answer(board_id, status=error.status, error=error)
    return _answer(board_id, status=201, done=plan)
