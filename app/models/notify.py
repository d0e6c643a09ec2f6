"""Reminders and digests: what each person wants mailed about a board, and what was mailed."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models._types import UTCDateTime, utcnow

# How a person hears of a board's changes: batched as they happen, once a day, or not at all.
NOTIFY_MODES = ("immediate", "daily", "off")
DEFAULT_MODE = "daily"


class NotificationSetting(db.Model):
    """One person's choice for one board, and the watermarks of what `flask notify` mailed them
    (so that a second run, or a concurrent one, sends nothing twice)."""

    __tablename__ = "notification_settings"
    __table_args__ = (UniqueConstraint("board_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    mode: Mapped[str] = mapped_column(String(10), default=DEFAULT_MODE)
    # The last event seq told (in a mail, or passed over as the person's own or while off).
    last_seq: Mapped[int | None]
    # When the last mail about this board went out (immediate mode: at most one per window).
    last_mailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The local day (Europe/Amsterdam) of the last daily digest.
    last_digest_on: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class SentReminder(db.Model):
    """A reminder mailed once: a next step by its due date, or a meeting the day before."""

    __tablename__ = "sent_reminders"
    __table_args__ = (UniqueConstraint("user_id", "kind", "ref_id", "due_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # next_step | meeting
    ref_id: Mapped[int]
    due_on: Mapped[date] = mapped_column(Date)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
