"""`flask users create EMAIL --name NAME --password PW [--admin]`; `flask users admin EMAIL`."""

import click
from flask.cli import AppGroup

from app.auth.services import create_user, set_admin
from app.errors import ServiceError

users_cli = AppGroup("users", help="Manage accounts.")


@users_cli.command("create")
@click.argument("email")
@click.option("--name", required=True)
@click.option("--password", required=True)
@click.option("--admin", is_flag=True, default=False)
def create(email: str, name: str, password: str, admin: bool) -> None:
    """Create an account."""
    try:
        user = create_user(email=email, name=name, password=password, is_admin=admin)
    except ServiceError as exc:
        raise click.ClickException(f"{exc.message} {exc.fields or ''}".strip()) from None
    click.echo(f"Created {user.email} (id {user.id})")


@users_cli.command("admin")
@click.argument("email")
@click.option("--off", is_flag=True, default=False, help="Take the administrator role away.")
def admin(email: str, off: bool) -> None:
    """Make an account an administrator (sees the whole audit log), or no longer."""
    try:
        user = set_admin(email, not off)
    except ServiceError as exc:
        raise click.ClickException(exc.message) from None
    click.echo(f"{user.email} is {'an administrator' if user.is_admin else 'no administrator'}")
