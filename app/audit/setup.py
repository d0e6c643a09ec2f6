"""Wire the audit log into the app: its pages, the download hook, `flask audit prune`."""

import click
from flask import Flask, request
from flask.cli import AppGroup
from flask_login import current_user

from app.audit.routes import bp  # noqa: F401 (create_app registers it)
from app.audit.services import note, prune

audit_cli = AppGroup("audit", help="The audit log.")


@audit_cli.command("prune")
def prune_command() -> None:
    """Delete audit rows older than AUDIT_KEEP_DAYS."""
    click.echo(f"Pruned {prune()} audit rows")


def _note_download(response):
    """Audit every file a person downloads (an attachment: exports, reports, minutes, the log)."""
    disposition = response.headers.get("Content-Disposition", "")
    if response.status_code == 200 and disposition.startswith("attachment"):
        who = current_user._get_current_object() if current_user.is_authenticated else None
        board_id = (request.view_args or {}).get("board_id")
        name = disposition.partition("filename=")[2].strip('"')
        note("export.downloaded", who, board_id, name)
    return response


def init_app(app: Flask) -> None:
    """Audit downloads and add `flask audit prune`."""
    app.after_request(_note_download)
    app.cli.add_command(audit_cli)
