"""The audit log's own operations: a row for what is not a write of its own (a failed sign-in, a
download, a backup), reading the log for admins and coordinators, and pruning old rows."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import Select

from app.audit.log import record
from app.errors import Forbidden, Unauthorized
from app.extensions import db
from app.models import AuditEntry, User
from app.models._types import utcnow
from app.permissions import MANAGE, Actor, board_for
from app.transaction import write

PAGE_LIMIT = 1000


@write
def note(
    action: str,
    actor: Actor | User | str | None,
    board_id: int | None = None,
    subject: str | None = None,
) -> None:
    """Record an action that is not itself a write (a failed sign-in, a download, a backup)."""
    record(action, actor, board_id, subject)


@dataclass(frozen=True)
class Filter:
    """What a reader of the log asks for: a period (days, inclusive) and an actor's address."""

    start: date | None = None
    end: date | None = None
    actor: str | None = None

    def apply(self, query: Select) -> Select:
        """Narrow a query on AuditEntry to this filter."""
        zone = utcnow().tzinfo
        if self.start:
            query = query.where(AuditEntry.at >= datetime.combine(self.start, time(), zone))
        if self.end:
            after = datetime.combine(self.end + timedelta(days=1), time(), zone)
            query = query.where(AuditEntry.at < after)
        if self.actor:
            query = query.where(AuditEntry.actor.contains(self.actor.strip().lower()))
        return query


def _entries(query, wanted: Filter, limit: int) -> list[AuditEntry]:
    query = wanted.apply(query).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)
    return list(db.session.execute(query).scalars())


def entries(actor: Actor, wanted: Filter, limit: int = PAGE_LIMIT) -> list[AuditEntry]:
    """Return the whole log, newest first, for an administrator."""
    if actor.user is None:
        raise Unauthorized(_("Log eerst in."))
    if not actor.user.is_admin:
        raise Forbidden(_("Alleen beheerders zien het auditlogboek van de hele installatie."))
    return _entries(db.select(AuditEntry), wanted, limit)


def board_entries(
    actor: Actor, board_id: int, wanted: Filter, limit: int = PAGE_LIMIT
) -> list[AuditEntry]:
    """Return a board's log, newest first, for its coordinators."""
    board_for(actor, board_id, MANAGE)
    return _entries(db.select(AuditEntry).filter_by(board_id=board_id), wanted, limit)


@write
def prune(now: datetime | None = None) -> int:
    """Delete the rows older than AUDIT_KEEP_DAYS; return how many went."""
    keep = timedelta(days=current_app.config["AUDIT_KEEP_DAYS"])
    cutoff = (now or utcnow()) - keep
    return db.session.execute(db.delete(AuditEntry).where(AuditEntry.at < cutoff)).rowcount
