"""Meetings: agendas built from the board, meeting mode that the canvas follows, minutes."""

from flask import Flask

from app.boards.page import register_page_extension
from app.meetings.pages import VOCAB, panel_context, timer_context
from app.meetings.routes import bp  # noqa: F401 (create_app registers it)


def init_app(app: Flask) -> None:
    """Show partners the coming agenda in the canvas's side panel; give templates the labels."""
    register_page_extension(panel_context, per_reader=True)
    register_page_extension(timer_context, per_reader=True)
    app.context_processor(lambda: {"meeting_vocab": VOCAB})
