"""Meetings: an agenda built from the board, minutes and decisions."""

from datetime import datetime
from math import ceil

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models._types import UTCDateTime, fields_of, iso, utcnow

DEFAULT_ITEM_MINUTES = 10


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
    # The shared timer: running until timer_ends_at, or paused with timer_remaining seconds left.
    # The server never ticks; every answer computes what is left from these and its own clock.
    timer_state: Mapped[str] = mapped_column(
        String(10), default="stopped", server_default="stopped"
    )
    timer_ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    timer_remaining: Mapped[int | None]

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
            "timer": self.timer(),
        }

    def time_box(self) -> int:
        """Return the current (else first) agenda item's slot in seconds: the timer's default."""
        item = next((i for i in self.items if i.id == self.current_item_id), None)
        item = item or (self.items[0] if self.items else None)
        return 60 * ((item.duration_minutes if item else None) or DEFAULT_ITEM_MINUTES)

    def timer(self, now: datetime | None = None) -> dict:
        """Return the shared timer as the API shows it, computed from the server's clock."""
        if self.timer_state == "running":
            left = (self.timer_ends_at - (now or utcnow())).total_seconds()
            return {
                "state": "running",
                "ends_at": iso(self.timer_ends_at),
                "remaining_seconds": max(0, ceil(left)),
            }
        if self.timer_state == "paused":
            return {"state": "paused", "remaining_seconds": self.timer_remaining or 0}
        return {"state": "stopped", "remaining_seconds": self.time_box()}


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
