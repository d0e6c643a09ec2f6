"""Accounts: log in and out, API tokens, invites."""

from flask import Flask

from app.auth.cli import users_cli
from app.auth.routes import bp  # noqa: F401 (create_app registers it)


def init_app(app: Flask) -> None:
    """Register the `flask users` commands."""
    app.cli.add_command(users_cli)
