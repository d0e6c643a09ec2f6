"""Who is connected to which board, shared by all server processes through the database."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models._types import UTCDateTime, utcnow


class Presence(db.Model):
    __tablename__ = "presences"

    sid: Mapped[str] = mapped_column(String(64), primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    share_link_id: Mapped[int | None] = mapped_column(
        ForeignKey("share_links.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(100))
    editing_card_id: Mapped[int | None]
    host_id: Mapped[str] = mapped_column(String(40))
    connected_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Host(db.Model):
    """A server process holding live sockets, and when it last said it is alive. The presence
    rows of a process that stops saying so (killed, crashed) are swept by the others."""

    __tablename__ = "hosts"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
