"""The Socket.IO entry points: connect, join with replay, editing, and card operations."""

from flask import current_app, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from flask_socketio import join_room

from app import events
from app.auth.services import user_for_token
from app.errors import Forbidden, Gone, ServiceError
from app.extensions import db, socketio
from app.i18n import rendering_in
from app.live import heartbeat, presence
from app.live.broadcast import current_html, feed_line, payload, room
from app.live.operations import perform
from app.live.presence import HOST_ID, Connection, connections, emit_presence
from app.models import Board, User
from app.permissions import EDIT, allows, role_on
from app.share.services import link_for_token
from app.validation import fits_database


def _refuse(error: ServiceError) -> dict:
    return {"ok": False, **error.to_json()}


def _identify(auth: object) -> Connection | None:
    if isinstance(auth, dict) and isinstance(auth.get("token"), str):
        user = user_for_token(auth["token"])
        return Connection(user_id=user.id) if user else None
    if isinstance(auth, dict) and isinstance(auth.get("share"), str):
        link = link_for_token(auth["share"])
        return Connection(share_link_id=link.id) if link else None
    if current_user.is_authenticated:
        return Connection(user_id=current_user.id)
    return None


@socketio.on("connect")
def on_connect(auth: object = None) -> None:
    """Accept a socket with an API token, a share token or the browser session."""
    connection = _identify(auth)
    if connection is None:
        raise ConnectionRefusedError("unauthorized")
    connection.locale = _locale_of(connection)
    connections[request.sid] = connection


def _locale_of(connection: Connection) -> str:
    """The language the socket's pushes are rendered in: its user's choice, else what a page
    request would get (the session's choice, then the browser's languages)."""
    user = db.session.get(User, connection.user_id) if connection.user_id else None
    if user is not None and user.locale in current_app.config["SUPPORTED_LOCALES"]:
        return user.locale
    return str(get_locale() or "nl")


@socketio.on("disconnect")
def on_disconnect(*_args: object) -> None:
    """Forget the socket and tell its boards who is still there."""
    connections.pop(request.sid, None)
    for board_id in presence.forget(request.sid):
        emit_presence(board_id)


def _board_id(data: object) -> int | None:
    value = data.get("board_id") if isinstance(data, dict) else None
    return (
        value
        if isinstance(value, int) and not isinstance(value, bool) and fits_database(value)
        else None
    )


@socketio.on("join")
def on_join(data: object) -> dict:
    """Join a board's live channel; with `after`, first receive what was missed."""
    connection = connections.get(request.sid)
    board_id = _board_id(data)
    if connection is None or board_id is None:
        return _refuse(ServiceError(_("Geef een geldig board_id."), code="bad_request"))
    actor = connection.actor()
    role = role_on(actor, board_id)
    board = db.session.get(Board, board_id)
    if board is None or role is None:
        return _refuse(Forbidden(_("Je hebt geen toegang tot dit bord.")))
    page = bool(data.get("html"))
    join_room(room(board_id, "page", connection.locale) if page else room(board_id, "json"))
    connection.boards[board_id] = role
    heartbeat.start(current_app._get_current_object(), _heart())
    connection.presence = presence.upsert(board_id, actor)
    after = data.get("after")
    if isinstance(after, int) and not isinstance(after, bool):
        _replay(board, after, connection.locale if page else None)
    emit_presence(board_id)
    return {"ok": True, "seq": board.seq, "role": role}


def _heart() -> heartbeat.Heart:
    return heartbeat.Heart(
        HOST_ID,
        current_app.config["PRESENCE_HEARTBEAT_SECONDS"],
        swept=emit_presence,
        revive=presence.restore,
    )


def _replay(board: Board, after: int, page_locale: str | None) -> None:
    """Send the missed events to this socket; a page's with their fragment, in its language."""
    try:
        missed = events.since(board, after, limit=current_app.config["EVENT_LOG_KEEP"])
    except Gone:
        socketio.emit("resync", {"board_id": board.id, "seq": board.seq}, to=request.sid)
        return
    for event in missed:
        message = payload(event)
        if page_locale is not None:
            with rendering_in(page_locale):
                message["html"] = current_html(event)
                message["feed"] = feed_line(event)
        socketio.emit("board_event", message, to=request.sid)


@socketio.on("editing")
def on_editing(data: object) -> dict:
    """Show others which card this person is editing (card_id null: stopped editing)."""
    connection = connections.get(request.sid)
    board_id = _board_id(data)
    if connection is None or board_id is None or not allows(connection.boards.get(board_id), EDIT):
        return _refuse(ServiceError(_("Alleen deelnemers die mogen bewerken."), code="forbidden"))
    card_id = data.get("card_id")
    if not presence.set_editing(
        request.sid, board_id, card_id if isinstance(card_id, int) else None
    ):
        return _refuse(ServiceError(_("Eerst het bord openen (join)."), code="not_joined"))
    emit_presence(board_id)
    return {"ok": True}


@socketio.on("op")
def on_op(data: object) -> dict:
    """Perform one card operation over the socket, through the same services as the API."""
    connection = connections.get(request.sid)
    board_id = _board_id(data)
    if connection is None or board_id is None or not isinstance(data.get("op"), str):
        return _refuse(ServiceError(_("Geef board_id en op."), code="bad_request"))
    try:
        result = perform(connection.actor(), board_id, data["op"], data.get("data") or {})
    except ServiceError as exc:
        return _refuse(exc)
    board_seq = db.session.execute(db.select(Board.seq).filter_by(id=board_id)).scalar_one()
    return {"ok": True, "data": result, "seq": board_seq}
