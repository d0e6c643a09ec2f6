"""Reading comments: a thread, the counts on a board's cards, a person's mentions."""

from sqlalchemy.orm import selectinload

from app.comments.services import board_for_reader, subject_of
from app.extensions import db
from app.models import Comment, Event, Meeting, Mention
from app.permissions import Actor


def thread(actor: Actor, board_id: int, ref_type: str, ref_id: int) -> list[Comment]:
    """Return the comments on one card, marker or next step, oldest first (members only)."""
    board_for_reader(actor, board_id)
    subject_of(board_id, ref_type, ref_id)
    return list(
        db.session.execute(
            db.select(Comment)
            .where(
                Comment.board_id == board_id,
                Comment.ref_type == ref_type,
                Comment.ref_id == ref_id,
            )
            .options(selectinload(Comment.author), selectinload(Comment.mentions))
            .order_by(Comment.created_at, Comment.id)
        ).scalars()
    )


def card_counts(board_id: int, card_ids: list[int] | None = None) -> dict[int, int]:
    """Return card id -> number of shown comments, for the cards that have any (one query)."""
    query = (
        db.select(Comment.ref_id, db.func.count(Comment.id))
        .where(
            Comment.board_id == board_id,
            Comment.ref_type == "card",
            Comment.hidden_at.is_(None),
        )
        .group_by(Comment.ref_id)
    )
    if card_ids is not None:
        query = query.where(Comment.ref_id.in_(card_ids))
    return dict(db.session.execute(query).all())


def unread_mentions(user_id: int) -> int:
    """Count a person's unread mentions in comments that are still shown."""
    return db.session.execute(
        db.select(db.func.count(Mention.id))
        .join(Comment, Comment.id == Mention.comment_id)
        .where(
            Mention.user_id == user_id,
            Mention.read_at.is_(None),
            Comment.hidden_at.is_(None),
        )
    ).scalar_one()


def mentions_of(user_id: int, limit: int = 100) -> list[Mention]:
    """Return a person's latest mentions, newest first, with their comments."""
    return list(
        db.session.execute(
            db.select(Mention)
            .where(Mention.user_id == user_id)
            .options(selectinload(Mention.comment).selectinload(Comment.author))
            .order_by(Mention.id.desc())
            .limit(limit)
        ).scalars()
    )


def during(meeting: Meeting) -> list[tuple[Comment, str]]:
    """Return the comments written during a meeting (by the board's seq) that are still shown,
    each with the title of what it is about (as it was then)."""
    if meeting.start_seq is None:
        return []
    query = db.select(Event.data).where(
        Event.board_id == meeting.board_id,
        Event.type == "comment.created",
        Event.seq > meeting.start_seq,
    )
    if meeting.end_seq is not None:
        query = query.where(Event.seq <= meeting.end_seq)
    titles = {data["id"]: data.get("ref_title", "") for data in db.session.execute(query).scalars()}
    if not titles:
        return []
    found = db.session.execute(
        db.select(Comment)
        .where(Comment.id.in_(titles), Comment.hidden_at.is_(None))
        .options(selectinload(Comment.author))
        .order_by(Comment.id)
    ).scalars()
    return [(comment, titles[comment.id]) for comment in found]
