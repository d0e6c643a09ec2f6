"""The outbox's operations: put a mail in (inside the caller's transaction), take one due for
sending, and note that it went out or why it did not."""

from datetime import datetime, timedelta
from email.headerregistry import Address
from email.utils import parseaddr
from functools import partial

from flask import current_app, render_template
from sqlalchemy import update

from app.extensions import db
from app.i18n import rendering_in
from app.models import OutgoingMail
from app.models._types import utcnow
from app.signals import mail_queued
from app.transaction import after_commit, write

# While a sender works on a mail, it is due again only after this (another process, a crash).
CLAIM = timedelta(seconds=60)
# Retries wait 2, 4, 8, … seconds, never longer than this.
LONGEST_WAIT = timedelta(minutes=5)


def valid_address(address: str) -> bool:
    """Tell whether an address is one plain addr-spec (no name, no second address, no newline)."""
    if not address or any(c in address for c in "\r\n,;<>\"'") or len(address) > 254:
        return False
    name, parsed = parseaddr(address)
    try:
        Address(addr_spec=parsed)
    except (ValueError, IndexError):
        return False
    return not name and parsed == address and "." in parsed.rpartition("@")[2]


def queue(
    recipient: str, kind: str, locale: str, headers: dict | None = None, **context
) -> OutgoingMail:
    """Put a mail in the outbox of the current write, in the recipient's language: subject,
    plain text and HTML from `templates/mail/<kind>.*`, and any extra `headers` (values the app
    made, never typed by a person). It is sent once the write commits."""
    if not valid_address(recipient):
        raise ValueError(f"not one e-mail address: {recipient!r}")
    # rendering_in, not force_locale alone: templates translate through a per-request catalog,
    # and one request may mail several people, each in their own language.
    with rendering_in(locale):
        subject = render_template(f"mail/{kind}.subject.txt", **context).strip()
        text = render_template(f"mail/{kind}.txt", **context)
        html = render_template(f"mail/{kind}.html", **context)
    mail = OutgoingMail(
        recipient=recipient,
        subject=" ".join(subject.split())[:200],  # one line: no header injection through names
        text=text,
        html=html,
        headers=headers or None,
    )
    db.session.add(mail)
    after_commit(partial(mail_queued.send, current_app._get_current_object()))
    return mail


def due(now: datetime, limit: int = 20) -> list[int]:
    """Return the ids of mails whose time to be sent has come, oldest first."""
    return list(
        db.session.execute(
            db.select(OutgoingMail.id)
            .where(OutgoingMail.sent_at.is_(None), OutgoingMail.next_attempt_at <= now)
            .order_by(OutgoingMail.id)
            .limit(limit)
        ).scalars()
    )


def next_due() -> datetime | None:
    """Return when the next unsent mail is due, or None when everything went out."""
    return db.session.execute(
        db.select(db.func.min(OutgoingMail.next_attempt_at)).where(OutgoingMail.sent_at.is_(None))
    ).scalar()


@write
def claim(mail_id: int, now: datetime) -> OutgoingMail | None:
    """Take a due mail for sending (None when another sender took it first)."""
    taken = db.session.execute(
        update(OutgoingMail)
        .where(
            OutgoingMail.id == mail_id,
            OutgoingMail.sent_at.is_(None),
            OutgoingMail.next_attempt_at <= now,
        )
        .values(next_attempt_at=now + CLAIM)
    ).rowcount
    return db.session.get(OutgoingMail, mail_id) if taken else None


@write
def mark_sent(mail_id: int) -> None:
    """Note that a mail went out."""
    db.session.execute(
        update(OutgoingMail).where(OutgoingMail.id == mail_id).values(sent_at=utcnow())
    )


@write
def mark_failed(mail_id: int, error: str) -> datetime:
    """Note a failed attempt; the mail is due again after a growing wait. Return when."""
    mail = db.session.get(OutgoingMail, mail_id)
    mail.attempts += 1
    wait = min(timedelta(seconds=2**mail.attempts), LONGEST_WAIT)
    mail.next_attempt_at = utcnow() + wait
    mail.last_error = error[:300]
    return mail.next_attempt_at
