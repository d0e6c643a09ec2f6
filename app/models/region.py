"""A region (a RES-region, a province programme) groups boards to compare them side by side."""

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models._types import UTCDateTime, fields_of, utcnow


class Region(db.Model):
    """A region; its creator leads it (the lead sees the overview of its boards)."""

    __tablename__ = "regions"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def to_json(self) -> dict:
        return fields_of(self, "id name created_by_id created_at")


class RegionBoard(db.Model):
    """A board taking part in a region; its coordinator decides whether card texts are shared."""

    __tablename__ = "region_boards"
    __table_args__ = (UniqueConstraint("region_id", "board_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id", ondelete="CASCADE"))
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"), index=True)
    # False: the region sees figures and the bridge only, never the texts on the cards.
    share_texts: Mapped[bool] = mapped_column(Boolean, default=False)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def to_json(self) -> dict:
        return fields_of(self, "region_id board_id share_texts added_at")
