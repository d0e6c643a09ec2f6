"""A board and its structure: phases (columns), lanes (rows), organisations, members."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models._types import UTCDateTime, fields_of, iso, utcnow


class Board(db.Model):
    __tablename__ = "boards"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # The last event's number; bumped in the same transaction as every change (see app/events.py).
    seq: Mapped[int] = mapped_column(default=0)
    version: Mapped[int] = mapped_column(default=1)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    phases = relationship(
        "Phase", back_populates="board", order_by="Phase.position", cascade="all, delete-orphan"
    )
    lanes = relationship(
        "Lane", back_populates="board", order_by="Lane.position", cascade="all, delete-orphan"
    )
    organisations = relationship(
        "Organisation",
        back_populates="board",
        order_by="Organisation.name",
        cascade="all, delete-orphan",
    )
    memberships = relationship("Membership", back_populates="board", cascade="all, delete-orphan")

    def to_json(self) -> dict:
        return {
            **fields_of(self, "id name seq version"),
            "archived": self.archived_at is not None,
            "created_at": iso(self.created_at),
        }


class Membership(db.Model):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("board_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    # The organisation this person represents on the board (their "own" organisation).
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    board = relationship("Board", back_populates="memberships")
    user = relationship("User", back_populates="memberships")
    organisation = relationship("Organisation")

    def to_json(self) -> dict:
        return {
            **fields_of(self, "id board_id user_id"),
            "name": self.user.name,
            "email": self.user.email,
            "role": self.role,
            "organisation_id": self.organisation_id,
        }


class Invite(db.Model):
    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL")
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    board = relationship("Board")

    def status(self, now: datetime) -> str:
        """Say whether the invite can still be used: open, accepted, revoked or expired."""
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at and self.expires_at < now:
            return "expired"
        return "open"

    def to_json(self) -> dict:
        return {
            **fields_of(self, "id board_id role email organisation_id"),
            "status": self.status(utcnow()),
            **{key: iso(getattr(self, key)) for key in INVITE_TIMES},
        }


INVITE_TIMES = ("created_at", "expires_at", "accepted_at", "revoked_at")


class Phase(db.Model):
    """A column: one phase of the resident's journey (bewonersreis)."""

    __tablename__ = "phases"

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    position: Mapped[str] = mapped_column(String(255))
    demand_per_year: Mapped[int | None]
    version: Mapped[int] = mapped_column(default=1)

    board = relationship("Board", back_populates="phases")

    def to_json(self) -> dict:
        return fields_of(self, "id name position demand_per_year version")


class Lane(db.Model):
    """A row crossing the phases: a measure type or a target group."""

    __tablename__ = "lanes"

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    position: Mapped[str] = mapped_column(String(255))
    version: Mapped[int] = mapped_column(default=1)

    board = relationship("Board", back_populates="lanes")

    def to_json(self) -> dict:
        return fields_of(self, "id name position version")


class Organisation(db.Model):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(30))
    color: Mapped[str] = mapped_column(String(7))
    contact: Mapped[str] = mapped_column(String(200), default="")
    # A pattern index, so that colour is never the only thing telling organisations apart.
    pattern: Mapped[int] = mapped_column(default=0)
    version: Mapped[int] = mapped_column(default=1)

    board = relationship("Board", back_populates="organisations")

    def to_json(self) -> dict:
        return fields_of(self, "id name kind color contact pattern version")
