"""Report and import pages: the board as a PDF document, a new board from an exported file."""

from flask import Blueprint, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import login_required

from app.boards.queries import load_state
from app.errors import ServiceError
from app.exports import portable, services
from app.exports.report import report_pdf
from app.permissions import READ, board_for
from app.views import current_actor, download, file_name

bp = Blueprint("exports", __name__)


@bp.get("/boards/<int:board_id>/report.pdf")
@login_required
def report(board_id: int) -> ResponseReturnValue:
    """Download the board report as PDF."""
    board = board_for(current_actor(), board_id, READ)
    return download(
        report_pdf(load_state(board)), "application/pdf", file_name(board, _("rapport"), "pdf")
    )


@bp.route("/boards/import", methods=["GET", "POST"])
@login_required
def import_board() -> ResponseReturnValue:
    """Start a new board from an exported file (also a template from another municipality)."""
    if request.method == "GET":
        return render_template("exports/import.html", error=None)
    upload = request.files.get("file")
    try:
        document = portable.read_document(upload.read() if upload else b"")
        board = services.import_board(current_actor(), document)
    except ServiceError as error:
        return render_template("exports/import.html", error=error), error.status
    return redirect(url_for("boards.show", board_id=board.id))
