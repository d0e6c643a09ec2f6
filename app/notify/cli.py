"""`flask --app wsgi notify`: run by cron or a systemd timer every 10 minutes (docs/deploy.md)."""

import click
from flask.cli import with_appcontext

from app.notify.services.mailing import run


@click.command("notify")
@with_appcontext
def notify_command() -> None:
    """Mail the batched changes, daily digests and reminders that are due; prune the audit log."""
    done = run()
    click.echo(f"Queued {done['mails']} mails; pruned {done['pruned']} audit rows")
