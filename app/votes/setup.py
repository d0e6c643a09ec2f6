"""Wire dot-voting into the app: its pages and its part of the canvas's side panel."""

from flask import Flask

from app.boards.page import register_page_extension
from app.votes.pages import panel_context
from app.votes.routes import bp  # noqa: F401 (create_app registers it)


def init_app(app: Flask) -> None:
    """Show the board's votes in the canvas's side panel."""
    register_page_extension(panel_context, per_reader=True)
