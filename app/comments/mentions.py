"""@name mentions: which board members a comment names, and telling them (once each)."""

import re

from flask import current_app, url_for
from flask_babel import get_locale

from app.extensions import db
from app.mail import services as outbox
from app.models import Board, Comment, Membership, Mention, User


def members_of(board_id: int) -> list[tuple[int, str]]:
    """Return the board's members as (user id, name), by name (for mentions and autocomplete)."""
    rows = db.session.execute(
        db.select(User.id, User.name)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.board_id == board_id)
        .order_by(User.name)
    )
    return [(user_id, name) for user_id, name in rows]


def _pattern(name: str) -> re.Pattern:
    # "@Anna de Vries" but not "@Anna de Vriesland" nor "mail@Anna": the name stands alone.
    return re.compile(r"(?<![\w@])@" + re.escape(name) + r"(?!\w)", re.IGNORECASE)


def mentioned(body: str, members: list[tuple[int, str]]) -> list[int]:
    """Return the ids of the members a text mentions with @name (longest names first, so that
    "@Anna de Vries" is not also "@Anna")."""
    found, rest = [], body
    for user_id, name in sorted(members, key=lambda m: -len(m[1])):
        pattern = _pattern(name)
        if pattern.search(rest):
            found.append(user_id)
            rest = pattern.sub(" ", rest)
    return found


def mention_pattern(names: list[str]) -> re.Pattern | None:
    """Return one pattern that finds any of these @names in a text (None without names)."""
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(r"(?<![\w@])@(?:" + alternatives + r")(?!\w)", re.IGNORECASE)


def notify(comment: Comment, board: Board, ref_title: str, author_name: str) -> None:
    """Add a mention for each member the comment names who was not told yet (never the
    author), and mail them where mail is configured, in their own language."""
    members = members_of(board.id)
    already = {m.user_id for m in comment.mentions}
    new_ids = [
        user_id
        for user_id in mentioned(comment.body, members)
        if user_id != comment.author_id and user_id not in already
    ]
    for user_id in new_ids:
        comment.mentions.append(Mention(user_id=user_id))
    if not new_ids or not current_app.config.get("MAIL_SERVER"):
        return
    url = url_for(
        "comments.thread",
        board_id=board.id,
        ref_type=comment.ref_type,
        ref_id=comment.ref_id,
        _external=True,
    )
    for user in db.session.execute(db.select(User).where(User.id.in_(new_ids))).scalars():
        if not outbox.valid_address(user.email):
            continue
        outbox.queue(
            user.email,
            "mention",
            user.locale or str(get_locale() or "nl"),
            author=author_name,
            board_name=board.name,
            subject_title=ref_title,
            body=comment.body,
            url=url,
        )
