"""Reminders and digests (issue 15 point 5): each person chooses per board how they hear of its
changes; `flask notify` (cron) mails the batched changes, the daily digest and the reminders,
each with a one-click unsubscribe; it also prunes the audit log."""

from flask import Flask

from app.notify.cli import notify_command
from app.notify.routes import bp  # noqa: F401 (create_app registers it)


def init_app(app: Flask) -> None:
    """Add `flask notify`."""
    app.cli.add_command(notify_command)
