"""The event log: every change to a board, numbered without holes."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models._types import UTCDateTime, fields_of, utcnow


class Event(db.Model):
    __tablename__ = "events"
    __table_args__ = (UniqueConstraint("board_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"))
    seq: Mapped[int]
    type: Mapped[str] = mapped_column(String(40))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    actor_name: Mapped[str] = mapped_column(String(100), default="")
    data: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def to_json(self) -> dict:
        return {
            **fields_of(self, "board_id seq type"),
            "actor": {"id": self.actor_id, "name": self.actor_name},
            **fields_of(self, "data created_at"),
        }
