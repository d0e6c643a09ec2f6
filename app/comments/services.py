"""Comments on cards, markers and next steps: write, edit and delete your own, hide (coordinators),
and the mentions list; every change is an event that the live layer pushes."""

from flask_babel import gettext as _

from app import events
from app.comments.mentions import notify
from app.errors import Forbidden, NotFound
from app.extensions import db
from app.lookup import board_entity
from app.models import Board, Card, Comment, Marker, Mention, NextStep
from app.models._types import utcnow
from app.permissions import EDIT, MANAGE, READ, Actor, board_for
from app.transaction import write

_MODELS = {"card": Card, "marker": Marker, "next_step": NextStep}


def subject_of(board_id: int, ref_type: str, ref_id: int) -> Card | Marker | NextStep:
    """Return the card, marker or next step a comment is about, or a 422 on ref_id."""
    # A deleted card is not there to talk about: the same 422 as a card of another board.
    return board_entity(_MODELS[ref_type], board_id, _live(ref_type, ref_id), "ref_id")


def _live(ref_type: str, ref_id: int) -> int | None:
    if ref_type != "card":
        return ref_id
    deleted = db.session.execute(db.select(Card.deleted_at).filter_by(id=ref_id)).scalar()
    return None if deleted is not None else ref_id


def board_for_reader(actor: Actor, board_id: int) -> Board:
    """Load a board whose comments the actor may read: any member; not a read-only share link
    (a link is handed around outside the group, the conversation stays inside it)."""
    if actor.share_link is not None:
        raise Forbidden(_("Reacties zijn alleen zichtbaar voor leden van het bord."))
    return board_for(actor, board_id, READ)


def visible_count(board_id: int, ref_type: str, ref_id: int) -> int:
    """Count the comments on one card, marker or next step that are not hidden."""
    return db.session.execute(
        db.select(db.func.count(Comment.id)).where(
            Comment.board_id == board_id,
            Comment.ref_type == ref_type,
            Comment.ref_id == ref_id,
            Comment.hidden_at.is_(None),
        )
    ).scalar_one()


def get_comment(actor: Actor, board_id: int, comment_id: int) -> Comment:
    """Load a comment of a board whose comments the actor may read, or raise 404/403."""
    board_for_reader(actor, board_id)
    return _get(board_id, comment_id)


def _get(board_id: int, comment_id: int) -> Comment:
    comment = db.session.get(Comment, comment_id)
    if comment is None or comment.board_id != board_id:
        raise NotFound(_("Deze reactie bestaat niet."))
    return comment


def _own(actor: Actor, board_id: int, comment_id: int) -> Comment:
    """Load a comment that the actor wrote and that is still shown, or raise 403."""
    board_for(actor, board_id, EDIT)
    comment = _get(board_id, comment_id)
    if comment.author_id is None or comment.author_id != actor.id:
        raise Forbidden(_("Alleen de schrijver kan deze reactie wijzigen."))
    if comment.hidden_at is not None:
        raise Forbidden(_("Deze reactie is verborgen door de regisseur."))
    return comment


def _record(comment: Comment, type_: str, actor: Actor) -> None:
    """Record the change; the event names the thread and its count, never the text (a read-only
    link's page hears the board's events, and the text is for members only)."""
    subject = subject_of(comment.board_id, comment.ref_type, comment.ref_id)
    data = {
        "id": comment.id,
        "ref_type": comment.ref_type,
        "ref_id": comment.ref_id,
        "ref_title": subject.title,
        "count": visible_count(comment.board_id, comment.ref_type, comment.ref_id),
    }
    events.record(comment.board_id, type_, comment, actor, data=data)


@write
def create_comment(actor: Actor, board_id: int, ref_type: str, ref_id: int, body: str) -> Comment:
    """Comment on a card, marker or next step; the members it mentions are told."""
    board = board_for(actor, board_id, EDIT)
    subject = subject_of(board_id, ref_type, ref_id)
    comment = Comment(
        board_id=board_id, ref_type=ref_type, ref_id=ref_id, author_id=actor.id, body=body
    )
    db.session.add(comment)
    db.session.flush()
    notify(comment, board, subject.title, actor.name)
    _record(comment, "comment.created", actor)
    return comment


@write
def update_comment(actor: Actor, board_id: int, comment_id: int, body: str) -> Comment:
    """Change your own comment; only people newly mentioned are told."""
    comment = _own(actor, board_id, comment_id)
    comment.body = body
    comment.edited_at = utcnow()
    board = db.session.get(Board, board_id)
    notify(comment, board, subject_of(board_id, comment.ref_type, comment.ref_id).title, actor.name)
    _record(comment, "comment.updated", actor)
    return comment


@write
def delete_comment(actor: Actor, board_id: int, comment_id: int) -> None:
    """Delete your own comment (and the mentions it made)."""
    comment = _own(actor, board_id, comment_id)
    db.session.delete(comment)
    db.session.flush()
    _record(comment, "comment.deleted", actor)


@write
def hide_comment(actor: Actor, board_id: int, comment_id: int) -> Comment:
    """Hide any comment (coordinators): its text is no longer shown, "verborgen door X" is."""
    board_for(actor, board_id, MANAGE)
    comment = _get(board_id, comment_id)
    if comment.hidden_at is None:
        comment.hidden_at = utcnow()
        comment.hidden_by = actor.name
        _record(comment, "comment.hidden", actor)
    return comment


@write
def mark_mentions_read(actor: Actor) -> int:
    """Mark all of the actor's mentions read (opening the list does this); return how many."""
    if actor.id is None:
        return 0
    return db.session.execute(
        db.update(Mention)
        .where(Mention.user_id == actor.id, Mention.read_at.is_(None))
        .values(read_at=utcnow())
    ).rowcount
