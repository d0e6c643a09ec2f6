"""Cards on the canvas."""

from flask import Blueprint

bp = Blueprint("cards", __name__)

from app.cards import routes  # noqa: E402, F401
