"""Report and import pages: the board as a PDF document, a new board from an exported file."""

from flask import Response, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app.boards.queries import load_state
from app.errors import ServiceError
from app.exports import bp, portable
from app.exports.report import report_pdf
from app.permissions import READ, Actor, board_for


def download(content: bytes, mimetype: str, filename: str) -> Response:
    """Answer with a file to download."""
    return Response(
        content,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _actor() -> Actor:
    return Actor(user=current_user._get_current_object())


@bp.get("/boards/<int:board_id>/report.pdf")
@login_required
def report(board_id: int):
    """Download the board report as PDF."""
    board = board_for(_actor(), board_id, READ)
    return download(report_pdf(load_state(board)), "application/pdf", f"brugwerk-{board.id}.pdf")


@bp.route("/boards/import", methods=["GET", "POST"])
@login_required
def import_board():
    """Start a new board from an exported file (also a template from another municipality)."""
    if request.method == "GET":
        return render_template("exports/import.html", error=None)
    upload = request.files.get("file")
    try:
        document = portable.read_document(upload.read() if upload else b"")
        board = portable.import_board(_actor(), document)
    except ServiceError as error:
        return render_template("exports/import.html", error=error), error.status
    return redirect(url_for("boards.show", board_id=board.id))
