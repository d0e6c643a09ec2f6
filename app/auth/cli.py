"""`flask users create EMAIL --name NAME --password PW [--admin]`."""

import click
from flask.cli import AppGroup

from app.auth.services import create_user
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
