"""Write an audit row in the transaction of the operation it records (contract §6.2).

Services call `record(...)` inside their @write: the row commits with the operation or rolls
back with it. It imports nothing above the models, so any service may call it.
"""

from flask import has_request_context, request

from app.extensions import db
from app.models import AuditEntry, User
from app.models.audit import ACTIONS
from app.permissions import Actor


def _who(actor: Actor | User | str | None) -> tuple[int | None, str | None]:
    """Return the account id and the address (or name) that an audit row names."""
    if isinstance(actor, Actor):
        if actor.user is None:
            return None, "share-link" if actor.share_link is not None else None
        actor = actor.user
    if isinstance(actor, User):
        return actor.id, actor.email
    return None, actor[:254] if actor else None


def _client() -> tuple[str | None, str | None]:
    """Return the client's address and user agent, or (None, "cli") outside a request."""
    if not has_request_context():
        return None, "cli"
    return request.remote_addr, (request.user_agent.string or "")[:300] or None


def record(
    action: str,
    actor: Actor | User | str | None,
    board_id: int | None = None,
    subject: str | None = None,
) -> AuditEntry:
    """Add an audit row to the current transaction (never a card's content in `subject`)."""
    if action not in ACTIONS:
        raise ValueError(f"not an audit action: {action}")
    actor_id, who = _who(actor)
    ip, user_agent = _client()
    entry = AuditEntry(
        action=action,
        actor_id=actor_id,
        actor=who,
        ip=ip,
        user_agent=user_agent,
        board_id=board_id,
        subject=subject[:300] if subject else None,
    )
    db.session.add(entry)
    return entry
