"""Meetings: agendas built from the board, meeting mode that the canvas follows, minutes."""

from flask import Blueprint

bp = Blueprint("meetings", __name__)


def init_app(app) -> None:
    """Show partners the coming agenda in the canvas's side panel; give templates the labels."""
    from app.boards.page import register_page_extension  # noqa: PLC0415
    from app.meetings.pages import VOCAB, panel_context  # noqa: PLC0415

    register_page_extension(panel_context)
    app.context_processor(lambda: {"meeting_vocab": VOCAB})


from app.meetings import routes  # noqa: E402, F401
