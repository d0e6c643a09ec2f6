"""`flask demo`: seed the demo board and print the demo login."""

import click
from flask import Blueprint, current_app

from app.demo.services import DEMO_EMAIL, DEMO_PARTNERS, DEMO_PASSWORD, seed_demo

bp = Blueprint("demo", __name__, cli_group=None)


@bp.cli.command("demo")
def demo_command() -> None:
    """Seed the demo board (idempotent) and print the demo login."""
    # The services speak (gettext) as in a request: Dutch, the default language.
    with current_app.test_request_context():
        board = seed_demo()
    click.echo(f"Demo board #{board.id}: {board.name}")
    click.echo(
        f"Log in as {DEMO_EMAIL} / {DEMO_PASSWORD} (partners: "
        + ", ".join(email for email, _ in DEMO_PARTNERS)
        + ", same password)"
    )
