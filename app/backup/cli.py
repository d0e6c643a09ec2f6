"""The backup commands: `flask backup PATH [--format ...]`, `flask restore PATH [--format ...]`."""

from pathlib import Path

import click
from flask import Blueprint, current_app

from app.audit.services import note
from app.backup import dump
from app.extensions import db

bp = Blueprint("backup", __name__, cli_group=None)

FORMATS = click.Choice(["sqlite", "pg_dump", "json"])


def _url() -> str:
    return current_app.config["SQLALCHEMY_DATABASE_URI"]


@bp.cli.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=FORMATS,
    default=None,
    help="Default: sqlite for SQLite, pg_dump for PostgreSQL (json without pg_dump).",
)
def backup_command(path: Path, fmt: str | None) -> None:
    """Write a consistent copy of the database to PATH (safe while the server runs)."""
    fmt = fmt or dump.default_format(_url())
    if path.exists():
        raise click.ClickException(f"{path} already exists; choose a new file")
    dump.backup(_url(), path, fmt)
    note("backup.made", "cli", subject=f"{path.name} ({fmt})")
    click.echo(f"Backed up the {dump.kind_of(_url())} database to {path} ({fmt})")


@bp.cli.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=FORMATS,
    default=None,
    help="The backup's format (default: as `flask backup` would write it).",
)
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore_command(path: Path, fmt: str | None, yes: bool) -> None:
    """Replace the whole database with the backup in PATH (stop the server first)."""
    if not yes:
        click.confirm(f"Replace every board in the database with {path}?", abort=True)
    fmt = fmt or dump.default_format(_url())
    try:
        dump.restore(_url(), path, fmt)
    except (ValueError, OSError) as exc:
        raise click.ClickException(str(exc)) from None
    db.engine.dispose()  # the restored file, not connections to the one it replaced
    try:
        note("restore.done", "cli", subject=f"{path.name} ({fmt})")
    except Exception as exc:  # noqa: BLE001 (a backup from before the audit log: restored all the same)
        click.echo(f"Restored, but not audited: {exc.__class__.__name__}", err=True)
    click.echo(f"Restored {path} into the {dump.kind_of(_url())} database ({fmt})")
