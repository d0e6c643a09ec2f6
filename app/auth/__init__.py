"""Accounts: log in and out, API tokens, invites."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from app.auth import cli, routes  # noqa: E402, F401
