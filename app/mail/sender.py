"""The background sender (app/background.py): one thread per app and process, started when mail
is queued (or, on a server, at the first request, for what an earlier run left), asleep while
nothing is due, ended when the outbox is empty. A page never waits for SMTP: it only writes the
outbox row.
"""

import logging
import secrets
import smtplib
import threading
from email.message import EmailMessage
from email.utils import formatdate, parseaddr

from flask import Flask, current_app

from app.background import OnDemandWorker
from app.mail.services import claim, due, mark_failed, mark_sent, next_due
from app.models import OutgoingMail
from app.models._types import utcnow
from app.signals import mail_queued

log = logging.getLogger(__name__)

# The longest sleep between two looks at the outbox while mail is waiting for a retry.
LONGEST_SLEEP = 60.0
SMTP_TIMEOUT = 10


def message(mail: OutgoingMail, sender: str) -> EmailMessage:
    """Build the multipart mail (plain text and HTML) as it goes over the wire."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = mail.recipient
    msg["Subject"] = mail.subject
    msg["Date"] = formatdate(localtime=False)
    # Not email.utils.make_msgid: it draws from the global `random` in this background thread.
    domain = parseaddr(sender)[1].rpartition("@")[2] or "localhost"
    msg["Message-ID"] = f"<{secrets.token_hex(16)}@{domain}>"
    for name, value in (mail.headers or {}).items():
        msg[name] = value
    msg.set_content(mail.text)
    msg.add_alternative(mail.html, subtype="html")
    return msg


def transport(mail: OutgoingMail) -> None:
    """Hand one mail to the SMTP server, or to the log without MAIL_SERVER."""
    config = current_app.config
    msg = message(mail, config["MAIL_FROM"])
    if not config.get("MAIL_SERVER"):
        log.warning("MAIL_SERVER is not set; mail to %s not sent:\n%s", mail.recipient, mail.text)
        return
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=SMTP_TIMEOUT) as smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
        smtp.send_message(msg)


def deliver_due() -> float | None:
    """Send every mail that is due; return how long to sleep, or None when the outbox is empty."""
    now = utcnow()
    for mail_id in due(now):
        mail = claim(mail_id, now)
        if mail is None:
            continue
        try:
            transport(mail)
        except (OSError, smtplib.SMTPException) as exc:
            again = mark_failed(mail_id, f"{exc.__class__.__name__}: {exc}")
            log.warning(
                "mail %s to %s not sent (%s); next try %s", mail_id, mail.recipient, exc, again
            )
        else:
            mark_sent(mail_id)
    upcoming = next_due()
    if upcoming is None:
        return None
    return min(max((upcoming - utcnow()).total_seconds(), 0.05), LONGEST_SLEEP)


class Sender(OnDemandWorker):
    """One app's sender: it runs while the outbox holds unsent mail."""

    def __init__(self, app: Flask):
        super().__init__(app)
        # Held while the thread reads or writes the outbox: whoever swaps the database file
        # under a running app (the security tests restore snapshots) takes it first.
        self.delivering = threading.Lock()

    def work(self) -> float | None:
        try:
            with self.delivering, self.app.app_context():
                return deliver_due()
        except Exception:  # the database away: never end with mail in the outbox
            log.exception("mail sender: the outbox could not be read; next try in 5 s")
            return 5.0


def sender_of(app: Flask) -> Sender:
    """Return the app's sender (one per app and process)."""
    return app.extensions.setdefault("brugwerk_mail_sender", Sender(app))


@mail_queued.connect
def _on_queued(app: Flask) -> None:
    sender_of(app).wake()


def first_request() -> None:
    """Once per app: deliver what is left in the outbox from before this process started."""
    app = current_app._get_current_object()
    if not app.extensions.get("brugwerk_mail_resumed"):
        app.extensions["brugwerk_mail_resumed"] = True
        sender_of(app).wake()
