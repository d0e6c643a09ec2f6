"""Dot-voting (stemmen met stippen): a vote on a board's markers, next steps or cards."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models._types import UTCDateTime, utcnow


class Vote(db.Model):
    """A question with options (ids of one kind of board entity) and a budget of dots each."""

    __tablename__ = "votes"

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"), index=True)
    # The meeting it was held in (its minutes record the result); None outside a meeting.
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), index=True
    )
    question: Mapped[str] = mapped_column(String(300))
    ref_type: Mapped[str] = mapped_column(String(20))
    options: Mapped[list] = mapped_column(JSON)  # ref_ids, in the order the coordinator chose
    budget: Mapped[int]
    max_per_option: Mapped[int]
    anonymous: Mapped[bool] = mapped_column(default=False)
    closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(10), default="open")
    revealed: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    ballots = relationship("Ballot", back_populates="vote", cascade="all, delete-orphan")


class Ballot(db.Model):
    """One person's dots on one vote; casting again replaces it (one row per person)."""

    __tablename__ = "ballots"
    __table_args__ = (UniqueConstraint("vote_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("votes.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    allocations: Mapped[dict] = mapped_column(JSON)  # {"ref_id": dots}, keys as text (JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    vote = relationship("Vote", back_populates="ballots")
    user = relationship("User")
