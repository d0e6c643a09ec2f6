"""The monitor: figures per quarter on the structure, and the target groups reach is measured on."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models._types import UTCDateTime, fields_of, utcnow


class Figure(db.Model):
    """Counts for one phase (card_id None: the phase's own total) or one card, in one quarter."""

    __tablename__ = "figures"
    # card_id NULL is a phase total; SQLite and PostgreSQL treat NULLs as distinct in a unique
    # constraint, so the service finds the row first instead of relying on the constraint alone.
    __table_args__ = (
        UniqueConstraint("board_id", "period", "phase_id", "card_id"),
        Index("ix_figures_board_period", "board_id", "period"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(7))  # 'YYYY-Qn'
    phase_id: Mapped[int] = mapped_column(ForeignKey("phases.id", ondelete="CASCADE"))
    card_id: Mapped[int | None] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"))
    reached: Mapped[int | None]
    moved_on: Mapped[int | None]
    waiting_weeks: Mapped[int | None]
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    entered_by: Mapped[str] = mapped_column(String(200), default="")
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def to_json(self) -> dict:
        return fields_of(
            self, "id period phase_id card_id reached moved_on waiting_weeks entered_by entered_at"
        )


class TargetGroup(db.Model):
    """A target group (doelgroep) with its size, e.g. owner-occupiers of label D–G homes."""

    __tablename__ = "target_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    # Reach is counted on the cards of this lane (None: on the whole board).
    lane_id: Mapped[int | None] = mapped_column(ForeignKey("lanes.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(default=1)

    def to_json(self) -> dict:
        return fields_of(self, "id name size lane_id version")
