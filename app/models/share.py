"""Read-only share links for management (wethouder, directors)."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models._types import UTCDateTime, fields_of, utcnow


class ShareLink(db.Model):
    __tablename__ = "share_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(100), default="")
    # Only a hash is stored; the token itself is shown once, at creation.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    def is_active(self, now: datetime) -> bool:
        """Tell whether the link still opens the board."""
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)

    def to_json(self) -> dict:
        return fields_of(self, "id label created_at expires_at revoked_at last_used_at")
