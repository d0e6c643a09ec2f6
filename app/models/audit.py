"""The audit log: who did what, when and from where (never what a card says)."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models._types import UTCDateTime, fields_of, iso, utcnow

# The actions of contract §6.2; nothing else is written.
ACTIONS = (
    "login.succeeded",
    "login.failed",
    "logout",
    "token.created",
    "token.revoked",
    "share_link.created",
    "share_link.revoked",
    "invitation.created",
    "invitation.revoked",
    "invitation.accepted",
    "member.added",
    "member.role_changed",
    "member.removed",
    "export.downloaded",
    "import.done",
    "backup.made",
    "restore.done",
)


class AuditEntry(db.Model):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    action: Mapped[str] = mapped_column(String(40))
    # The person as they were then: the account (gone when it is deleted) and its e-mail address,
    # or the address tried in a failed sign-in, or "cli" for a command on the server.
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    actor: Mapped[str | None] = mapped_column(String(254), index=True)
    ip: Mapped[str | None] = mapped_column(String(45))
    user_agent: Mapped[str | None] = mapped_column(String(300))
    # No foreign key: the record outlives the board.
    board_id: Mapped[int | None] = mapped_column(index=True)
    subject: Mapped[str | None] = mapped_column(String(300))

    def to_json(self) -> dict:
        fields = fields_of(self, "action actor ip user_agent board_id subject")
        return {"at": iso(self.at), **fields}
