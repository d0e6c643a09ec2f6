"""`flask --app wsgi notify`: run by cron or a systemd timer every 10 minutes (docs/deploy.md)."""

import time

import click
from flask import current_app
from flask.cli import with_appcontext

from app.mail.sender import deliver_due, sender_of
from app.notify.services.mailing import run

# How long the command waits for SMTP before it leaves the rest to the next run.
DELIVER_SECONDS = 60


def _deliver() -> int:
    """Send the outbox now (the background sender's thread would end with the command); return
    how many mails are still waiting (SMTP away: the next run, or any server's sender, tries)."""
    deadline = time.monotonic() + DELIVER_SECONDS
    pause = deliver_due()
    while pause is not None and time.monotonic() + pause < deadline:
        time.sleep(pause)
        pause = deliver_due()
    return 0 if pause is None else 1


@click.command("notify")
@with_appcontext
def notify_command() -> None:
    """Mail the batched changes, daily digests and reminders that are due; prune the audit log."""
    # This process sends in the foreground (below): no background sender thread, which the
    # command's end would kill between handing a mail to SMTP and marking it sent.
    sender_of(current_app._get_current_object()).running = True
    done = run()
    click.echo(f"Queued {done['mails']} mails; pruned {done['pruned']} audit rows")
    if _deliver():
        click.echo("SMTP did not take every mail; the next run tries again")
