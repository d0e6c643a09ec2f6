"""Conversations on the board: comments on cards, markers and next steps, and who they mention."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models._types import UTCDateTime, fields_of, iso, utcnow

# What a comment can be about (ref_type), as the API names it.
REF_TYPES = ("card", "marker", "next_step")


class Comment(db.Model):
    """A comment (reactie) on a card, marker or next step; hidden ones keep who hid them."""

    __tablename__ = "comments"
    __table_args__ = (Index("ix_comments_ref", "board_id", "ref_type", "ref_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"))
    # Polymorphic on purpose: one thread table for three kinds of things; the service checks
    # that the thing is on the board, and deleting it deletes its comments.
    ref_type: Mapped[str] = mapped_column(String(20))
    ref_id: Mapped[int]
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The trace "verborgen door X" keeps the name even when X's account goes.
    hidden_by: Mapped[str | None] = mapped_column(String(100))

    author = relationship("User")
    board = relationship("Board")
    mentions = relationship(
        "Mention", back_populates="comment", cascade="all, delete-orphan", order_by="Mention.id"
    )

    def to_json(self) -> dict:
        hidden = self.hidden_at is not None
        return {
            **fields_of(self, "id ref_type ref_id author_id"),
            "author": self.author.name if self.author else None,
            # Exactly as written (pages escape it); a hidden comment's text is no longer shown.
            "body": None if hidden else self.body,
            "mentions": [m.user_id for m in self.mentions],
            **fields_of(self, "created_at edited_at hidden_at hidden_by"),
        }


class Mention(db.Model):
    """A person named with @ in a comment: notified once, unread until they open the list."""

    __tablename__ = "mentions"
    __table_args__ = (UniqueConstraint("comment_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    comment = relationship("Comment", back_populates="mentions")

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "comment": self.comment.to_json(),
            "board_id": self.comment.board_id,
            "created_at": iso(self.created_at),
            "read_at": iso(self.read_at),
        }
