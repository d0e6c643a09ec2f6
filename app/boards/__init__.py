"""Boards: the list, the canvas page, phases, lanes, organisations, members."""

from flask import Blueprint

bp = Blueprint("boards", __name__)

from app.boards import routes  # noqa: E402, F401
