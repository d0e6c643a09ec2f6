"""Meetings: an agenda built from the board, minutes and decisions."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models._types import UTCDateTime, fields_of, utcnow


class Meeting(db.Model):
    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    participants: Mapped[str] = mapped_column(String(1000), default="")
    status: Mapped[str] = mapped_column(String(20), default="planned")
    current_item_id: Mapped[int | None]
    # The board's seq when the meeting started and ended: the minutes list the changes in between.
    start_seq: Mapped[int | None]
    end_seq: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    items = relationship(
        "MeetingItem",
        back_populates="meeting",
        order_by="MeetingItem.position",
        cascade="all, delete-orphan",
    )
    decisions = relationship(
        "Decision", back_populates="meeting", order_by="Decision.id", cascade="all, delete-orphan"
    )

    def to_json(self) -> dict:
        return {
            **fields_of(self, "id title starts_at participants status current_item_id version"),
            "items": [i.to_json() for i in self.items],
        }


class MeetingItem(db.Model):
    __tablename__ = "meeting_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    ref_type: Mapped[str | None] = mapped_column(String(20))
    ref_id: Mapped[int | None]
    minutes: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)
    duration_minutes: Mapped[int | None]
    version: Mapped[int] = mapped_column(default=1)

    meeting = relationship("Meeting", back_populates="items")

    def to_json(self) -> dict:
        return fields_of(
            self, "id meeting_id title ref_type ref_id minutes position duration_minutes version"
        )


class Decision(db.Model):
    """A decision (besluit) taken on an agenda item; it may agree a next step."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[int | None] = mapped_column(ForeignKey("meeting_items.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    next_step_id: Mapped[int | None] = mapped_column(
        ForeignKey("next_steps.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    meeting = relationship("Meeting", back_populates="decisions")

    def to_json(self) -> dict:
        return fields_of(self, "id meeting_id item_id text next_step_id created_at")
