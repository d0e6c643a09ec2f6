"""A person's choice per board: every change (batched), a daily digest, or nothing; and the
one-click unsubscribe that every notify mail carries (RFC 8058)."""

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer

from app.errors import NotFound, Unauthorized
from app.extensions import db
from app.models import Board, Membership, NotificationSetting
from app.models.notify import DEFAULT_MODE
from app.permissions import READ, Actor, board_for
from app.transaction import write

_SALT = "brugwerk-notify-unsubscribe"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def unsubscribe_token(user_id: int, board_id: int) -> str:
    """Return the signed token of one person's unsubscribe link for one board. It holds no
    secret and never expires: all it can do is turn that person's mail about that board off."""
    return _serializer().dumps([user_id, board_id])


def _read_token(token: str) -> tuple[int, int]:
    try:
        user_id, board_id = _serializer().loads(token)
    except (BadSignature, TypeError, ValueError):
        raise NotFound(_("Deze afmeldlink is ongeldig.")) from None
    return int(user_id), int(board_id)


def setting_of(board_id: int, user_id: int, lock: bool = False) -> NotificationSetting | None:
    """Return the person's setting row for the board (locked for the write when asked)."""
    query = db.select(NotificationSetting).filter_by(board_id=board_id, user_id=user_id)
    return db.session.execute(query.with_for_update() if lock else query).scalar_one_or_none()


def claim_setting(board_id: int, user_id: int) -> NotificationSetting:
    """Return the setting row locked for the current write, made with the default when new
    (two writes making it at once: the second fails on the unique key and rolls back)."""
    setting = setting_of(board_id, user_id, lock=True)
    if setting is None:
        setting = NotificationSetting(board_id=board_id, user_id=user_id, mode=DEFAULT_MODE)
        db.session.add(setting)
        db.session.flush()
    return setting


def _person(actor: Actor) -> int:
    if actor.user is None:
        raise Unauthorized(_("Log eerst in."))
    return actor.id


def mode_of(actor: Actor, board_id: int) -> str:
    """Return how the person hears of the board: immediate, daily or off."""
    board_for(actor, board_id, READ)
    setting = setting_of(board_id, _person(actor))
    return setting.mode if setting else DEFAULT_MODE


@write
def set_mode(actor: Actor, board_id: int, mode: str) -> str:
    """Choose how the person hears of the board; return the mode."""
    board_for(actor, board_id, READ, lock=False)
    claim_setting(board_id, _person(actor)).mode = mode
    return mode


def unsubscribing(token: str) -> Board:
    """Return the board an unsubscribe link is for (404 when the link or membership is gone)."""
    user_id, board_id = _read_token(token)
    board = db.session.execute(
        db.select(Board)
        .join(Membership, Membership.board_id == Board.id)
        .where(Board.id == board_id, Membership.user_id == user_id)
    ).scalar_one_or_none()
    if board is None:
        raise NotFound(_("Deze afmeldlink is ongeldig."))
    return board


@write
def unsubscribe(token: str) -> Board:
    """Turn off the mail about one board for the person of the link (no sign-in: the signed
    token is the credential). Return the board."""
    board = unsubscribing(token)
    user_id, _board_id = _read_token(token)
    claim_setting(board.id, user_id).mode = "off"
    return board
