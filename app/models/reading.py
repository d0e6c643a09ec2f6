"""Reading the bridge: markers, handovers, next steps, learnings, rounds, dismissed suggestions."""

from datetime import date, datetime

from sqlalchemy import JSON, Column, Date, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models._types import UTCDateTime, fields_of, iso, utcnow

marker_cards = Table(
    "marker_cards",
    db.metadata,
    Column("marker_id", ForeignKey("markers.id", ondelete="CASCADE"), primary_key=True),
    Column("card_id", ForeignKey("cards.id", ondelete="CASCADE"), primary_key=True),
)

next_step_markers = Table(
    "next_step_markers",
    db.metadata,
    Column("next_step_id", ForeignKey("next_steps.id", ondelete="CASCADE"), primary_key=True),
    Column("marker_id", ForeignKey("markers.id", ondelete="CASCADE"), primary_key=True),
)


class Marker(db.Model):
    """A gap (gat), overlap or bottleneck (knelpunt) marked on the canvas."""

    __tablename__ = "markers"

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    phase_id: Mapped[int | None] = mapped_column(ForeignKey("phases.id", ondelete="SET NULL"))
    lane_id: Mapped[int | None] = mapped_column(ForeignKey("lanes.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(Text, default="")
    severity: Mapped[str] = mapped_column(String(10), default="medium")
    status: Mapped[str] = mapped_column(String(20), default="open")
    # For bottlenecks: an estimate of how many residents drop out (afhaken) per year.
    dropouts_per_year: Mapped[int | None]
    suggestion_key: Mapped[str | None] = mapped_column(String(120))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    cards = relationship("Card", secondary=marker_cards)
    author = relationship("User")

    def to_json(self) -> dict:
        return {
            **fields_of(self, "id kind phase_id lane_id"),
            "card_ids": sorted(c.id for c in self.cards),
            **fields_of(self, "title note severity status dropouts_per_year"),
            "author": self.author.name if self.author else None,
            **fields_of(self, "created_at version"),
        }


class Handover(db.Model):
    """A warm handover (warme overdracht): a referral from one offer to the next."""

    __tablename__ = "handovers"
    __table_args__ = (UniqueConstraint("from_card_id", "to_card_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"), index=True)
    from_card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"))
    to_card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"))
    note: Mapped[str] = mapped_column(String(1000), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    def to_json(self) -> dict:
        return fields_of(self, "id from_card_id to_card_id note version")


class NextStep(db.Model):
    """A next step (vervolgstap): a concrete project with residents."""

    __tablename__ = "next_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    goal: Mapped[str] = mapped_column(Text, default="")
    owner_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL")
    )
    participants: Mapped[str] = mapped_column(String(1000), default="")
    start_date: Mapped[date | None] = mapped_column(Date)
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="proposed")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    markers = relationship("Marker", secondary=next_step_markers)
    learnings = relationship(
        "Learning",
        back_populates="next_step",
        order_by="Learning.created_at",
        cascade="all, delete-orphan",
    )

    def to_json(self) -> dict:
        return {
            **fields_of(
                self, "id title goal owner_organisation_id participants start_date due_date status"
            ),
            "marker_ids": sorted(m.id for m in self.markers),
            "learnings": [lr.to_json() for lr in self.learnings],
            "version": self.version,
        }


class Learning(db.Model):
    """A learning (geleerde les) logged on a next step."""

    __tablename__ = "learnings"

    id: Mapped[int] = mapped_column(primary_key=True)
    next_step_id: Mapped[int] = mapped_column(
        ForeignKey("next_steps.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    learned_on: Mapped[date | None] = mapped_column(Date)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    next_step = relationship("NextStep", back_populates="learnings")
    author = relationship("User")

    def to_json(self) -> dict:
        return {
            **fields_of(self, "id text learned_on"),
            "author": self.author.name if self.author else None,
            "created_at": iso(self.created_at),
        }


class Round(db.Model):
    """A round (ronde) of the cycle: a snapshot of the board to compare later states with."""

    __tablename__ = "rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    seq: Mapped[int]
    snapshot: Mapped[dict] = mapped_column(JSON)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def to_json(self) -> dict:
        return fields_of(self, "id name seq created_at")


class SuggestionDismissal(db.Model):
    """A dismissed suggestion; it stays dismissed while its fingerprint (the situation) holds."""

    __tablename__ = "suggestion_dismissals"
    __table_args__ = (UniqueConstraint("board_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(120))
    fingerprint: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
