"""The demo board: `flask demo` seeds Gemeente Voorbeeld once."""

from flask import Blueprint

bp = Blueprint("demo", __name__, cli_group=None)

from app.demo import seed  # noqa: E402, F401
