"""Share-link operations: create, list, revoke, and resolve a token."""

import secrets
from datetime import datetime

from flask import current_app, url_for
from flask_babel import gettext as _
from sqlalchemy import update
from sqlalchemy.exc import OperationalError

from app import events
from app.audit.log import record
from app.errors import Gone, NotFound, ValidationFailed
from app.extensions import db
from app.hashing import hash_token
from app.lookup import get_entity
from app.models import ShareLink
from app.models._types import utcnow
from app.permissions import MANAGE, Actor, board_for
from app.signals import access_revoked
from app.transaction import write


@write
def create_link(
    actor: Actor, board_id: int, label: str = "", expires_at: datetime | None = None
) -> tuple[ShareLink, str]:
    """Create a read-only link; return it with its token (≥128 bits, shown only now)."""
    board_for(actor, board_id, MANAGE)
    if expires_at is not None and expires_at <= utcnow():
        raise ValidationFailed(
            _("De vervaldatum ligt in het verleden."),
            fields={"expires_at": _("Kies een moment in de toekomst.")},
        )
    token = secrets.token_urlsafe(32)
    link = ShareLink(
        board_id=board_id,
        label=label,
        token_hash=hash_token(token),
        created_by_id=actor.id,
        expires_at=expires_at,
    )
    db.session.add(link)
    events.record(board_id, "share_link.created", link, actor)
    record("share_link.created", actor, board_id, _link_subject(link))
    return link, token


def _link_subject(link: ShareLink) -> str:
    # What the audit log says of a share link: which one, by its label.
    return f"share link #{link.id} {link.label}".strip()


def share_url(token: str) -> str:
    """Return the absolute URL that opens the read-only view."""
    return url_for("share.view", token=token, _external=True)


def list_links(actor: Actor, board_id: int) -> list[ShareLink]:
    """Return the board's share links for its coordinator, newest first."""
    board_for(actor, board_id, MANAGE)
    return links_of(board_id)


def links_of(board_id: int) -> list[ShareLink]:
    """Return the board's share links, newest first."""
    return list(
        db.session.execute(
            db.select(ShareLink).filter_by(board_id=board_id).order_by(ShareLink.id.desc())
        ).scalars()
    )


@write
def revoke_link(actor: Actor, board_id: int, link_id: int) -> ShareLink:
    """Revoke a link: its page stops working and every live viewer on it is cut off at once."""
    board_for(actor, board_id, MANAGE)
    link = get_entity(ShareLink, board_id, link_id, _("Deze link bestaat niet."))
    if link.revoked_at is None:
        link.revoked_at = utcnow()
        events.record(board_id, "share_link.deleted", link, actor)
        record("share_link.revoked", actor, board_id, _link_subject(link))
    access_revoked.send(None, share_link_id=link.id)
    return link


def link_for_token(token: str) -> ShareLink | None:
    """Return the active link for a token, or None (unknown, revoked, expired, malformed)."""
    if not token or len(token) > 200:
        return None
    link = db.session.execute(
        db.select(ShareLink).filter_by(token_hash=hash_token(token))
    ).scalar_one_or_none()
    if link is None or not link.is_active(utcnow()):
        return None
    return link


def open_link(token: str) -> ShareLink:
    """Return the active link for a token, or raise Gone (revoked, expired) or NotFound."""
    link = link_for_token(token)
    if link is not None:
        return link
    known = (
        len(token) <= 200
        and db.session.execute(
            db.select(ShareLink.id).filter_by(token_hash=hash_token(token))
        ).first()
    )
    if known:
        raise Gone(
            _("Deze link is ingetrokken of verlopen. Vraag de regisseur om een nieuwe."),
            code="link_gone",
        )
    raise NotFound(
        _("Deze link bestaat niet. Controleer of je hem volledig hebt gekopieerd."),
        code="link_unknown",
    )


def touch(link: ShareLink) -> None:
    """Remember when the link was last used (not an event: it changes nothing on the board)."""
    # Its own short transaction, best effort: a busy database never fails the read-only page,
    # and the page's loaded state is not expired by a commit.
    try:
        with db.engine.begin() as connection:
            connection.execute(
                update(ShareLink).where(ShareLink.id == link.id).values(last_used_at=utcnow())
            )
    except OperationalError:
        current_app.logger.warning("share link %s: last use not recorded (busy)", link.id)
