"""Boards: the list, the canvas page, phases, lanes, organisations, members."""

from app.boards.routes import bp  # noqa: F401 (create_app registers it)
from app.boards.shared_html import init_app  # noqa: F401 (the canvas's shared HTML)
