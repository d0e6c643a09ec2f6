"""E-mail (contract §6.2.2): mails are rows of the outbox, written in the transaction of the
operation that sends them, and delivered after commit by a background sender that retries while
the SMTP server is away. Without MAIL_SERVER they are written to the log."""

from flask import Flask

from app.mail import sender


def init_app(app: Flask) -> None:
    """On a server, deliver what an earlier run left in the outbox, from the first request on
    (not in tests: a thread of its own would run queries while a test counts a request's)."""
    if not app.config.get("TESTING"):
        app.before_request(sender.first_request)
