"""Accounts: log in and out, API tokens, invites."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from app.auth import routes  # noqa: E402, F401
from app.auth.cli import users_cli  # noqa: E402


def init_app(app) -> None:
    """Register the `flask users` commands."""
    app.cli.add_command(users_cli)
