"""A card: what one organisation offers in one phase (and lane)."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models._types import UTCDateTime, fields_of, utcnow


class Card(db.Model):
    __tablename__ = "cards"
    __table_args__ = (Index("ix_cards_cell", "board_id", "phase_id", "lane_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"))
    phase_id: Mapped[int] = mapped_column(ForeignKey("phases.id"))
    lane_id: Mapped[int | None] = mapped_column(ForeignKey("lanes.id"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    capacity_per_year: Mapped[int | None]
    capacity_unit: Mapped[str] = mapped_column(String(40), default="huishoudens/jaar")
    status: Mapped[str] = mapped_column(String(20), default="existing")
    # Quality judgement for the effective lens: good / adequate / weak, with a reason.
    quality: Mapped[str | None] = mapped_column(String(20))
    quality_reason: Mapped[str] = mapped_column(String(500), default="")
    # Fractional index (app/positions.py): ordering within a cell, computed by the server.
    position: Mapped[str] = mapped_column(String(255))
    version: Mapped[int] = mapped_column(default=1)
    # Every UPDATE of a card also says "WHERE version = <the version it was read at>": an edit
    # that read the card before another one committed changes nothing and fails (409), even when
    # it did not lock the board while reading (cards/services.update_card). The services set
    # the new version themselves.
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # Deleted cards stay, so that the history can restore them.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organisation = relationship("Organisation")
    phase = relationship("Phase")
    lane = relationship("Lane")

    def to_json(self) -> dict:
        return fields_of(
            self,
            "id phase_id lane_id organisation_id title description "
            "capacity_per_year capacity_unit status quality quality_reason position "
            "version updated_at",
        )
