"""`flask backup PATH` and `flask restore PATH`: copy the whole database out and back in."""

from flask import Blueprint

bp = Blueprint("backup", __name__, cli_group=None)

from app.backup import cli  # noqa: E402, F401
