"""A board template a coordinator saved: a board's structure (phases and lanes) to start from."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models._types import UTCDateTime, iso, utcnow


class BoardTemplate(db.Model):
    __tablename__ = "board_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # Whose template it is, as people know it: the saver's organisation on the board it came
    # from, else that board's name (kept as text: the board may be deleted later).
    organisation: Mapped[str] = mapped_column(String(200))
    # [{"name": ..., "demand_per_year": ...}] and ["lane name", ...], in the board's order.
    phases: Mapped[list] = mapped_column(JSON)
    lanes: Mapped[list] = mapped_column(JSON)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    source_board_id: Mapped[int | None] = mapped_column(
        ForeignKey("boards.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def key(self) -> str:
        """The key by which a new board names this template (`template` in POST /boards)."""
        return f"saved-{self.id}"

    def to_json(self) -> dict:
        return {
            "key": self.key,
            "id": self.id,
            "name": self.name,
            "organisation": self.organisation,
            "phases": [phase["name"] for phase in self.phases],
            "lanes": list(self.lanes),
            "saved": True,
            "created_at": iso(self.created_at),
        }
