"""Board pages."""

from flask import redirect, url_for
from flask_login import login_required

from app.boards import bp


@bp.get("/")
@login_required
def index():
    """List my boards."""
    return "boards"


@bp.get("/boards/<int:board_id>")
@login_required
def show(board_id: int):
    """Show the canvas."""
    return redirect(url_for("boards.index"))
