"""Report pages: the board as a PDF document."""

from flask import Response
from flask_login import current_user, login_required

from app.boards.queries import load_state
from app.exports import bp
from app.exports.report import report_pdf
from app.permissions import READ, Actor, board_for


def download(content: bytes, mimetype: str, filename: str) -> Response:
    """Answer with a file to download."""
    return Response(content, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.get("/boards/<int:board_id>/report.pdf")
@login_required
def report(board_id: int):
    """Download the board report as PDF."""
    board = board_for(Actor(user=current_user._get_current_object()), board_id, READ)
    return download(report_pdf(load_state(board)), "application/pdf", f"brugwerk-{board.id}.pdf")
