"""The read-only view behind a share link."""

from app.share import bp


@bp.get("/s/<token>")
def view(token: str):
    """Show the board read-only to the holder of a share link."""
    return "", 404
