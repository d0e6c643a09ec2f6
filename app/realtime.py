"""Live boards over Socket.IO: connect, join with replay, presence, broadcast after commit.

Rooms per board and audience: `json` (API clients: the event only) and `page` per language
(pages: the event plus the rendered fragment, the same for editors and viewers, in the reader's
language). Presence lives in the database so that every server process sees everyone, and so
that a removed member or revoked link can be cut off from whichever process holds the socket.
"""

import uuid
from contextlib import nullcontext
from dataclasses import dataclass, field

from flask import current_app, has_request_context, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from flask_socketio import join_room

from app import events, liveness
from app.errors import Gone, ServiceError
from app.extensions import db, socketio
from app.i18n import rendering_in
from app.models import Board, Event, Presence, ShareLink, User
from app.permissions import EDIT, Actor, allows, role_on
from app.transaction import write
from app.validation import fits_database

HOST_ID = uuid.uuid4().hex[:12]

# Renderers turn an entity into the fragment a page inserts: kind -> fn(entity).
_renderers: dict = {}
# Models to reload an entity by id when replaying its event to a page: kind -> model.
_models: dict = {}


@dataclass
class Connection:
    """What this process knows of one socket: who it is and which boards it joined."""

    user_id: int | None = None
    share_link_id: int | None = None
    locale: str = "nl"
    boards: dict[int, str] = field(default_factory=dict)
    presence: dict | None = None  # the presence row this socket has, to put back if swept

    def actor(self) -> Actor:
        user = db.session.get(User, self.user_id) if self.user_id else None
        link = db.session.get(ShareLink, self.share_link_id) if self.share_link_id else None
        return Actor(user=user, share_link=link)


_connections: dict[str, Connection] = {}


def renderer(kind: str, model=None):
    """Register the fragment renderer for an entity kind (e.g. 'card'), and its model."""

    def register(fn):
        _renderers[kind] = fn
        if model is not None:
            _models[kind] = model
        return fn

    return register


def room(board_id: int, audience: str, locale: str | None = None) -> str:
    """Return the room name of a board for an audience (`page` rooms: one per language)."""
    return f"board:{board_id}:{audience}" + (f":{locale}" if locale else "")


def _rooms(board_id: int) -> list[str]:
    return [room(board_id, "json")] + [
        room(board_id, "page", locale) for locale in current_app.config["SUPPORTED_LOCALES"]
    ]


def _listened(target: str) -> bool:
    """Tell whether a room may have members. One process knows; with a message queue the other
    processes' members are unknown here, so then always."""
    if current_app.config.get("SOCKETIO_MESSAGE_QUEUE"):
        return True
    return bool(socketio.server.manager.rooms.get("/", {}).get(target))


def broadcast(event: Event, entity=None) -> None:
    """Send one committed event to everyone on the board: JSON, plus HTML for pages."""
    payload = {
        "board_id": event.board_id,
        "seq": event.seq,
        "type": event.type,
        "data": event.data,
        "actor": {"id": event.actor_id, "name": event.actor_name},
    }
    socketio.emit("board_event", payload, to=room(event.board_id, "json"))
    render = _renderers.get(event.type.split(".")[0])
    deleted = event.type.endswith(".deleted")
    # Changes made outside a request (CLI, scripts, tests) still render with working URLs.
    context = nullcontext() if has_request_context() else current_app.test_request_context("/")
    with context:
        for locale in current_app.config["SUPPORTED_LOCALES"]:
            target = room(event.board_id, "page", locale)
            if not _listened(target):
                continue  # nobody reads this language here: nothing to render
            html = None
            if render and entity and not deleted:
                with rendering_in(locale):
                    html = render(entity)
            socketio.emit("board_event", {**payload, "html": html}, to=target)


def after_commit(fn) -> None:
    """Run fn once the current write transaction has committed."""
    db.session.info.setdefault("after_commit", []).append(fn)


def cut_off_later(
    board_id: int | None = None, user_id: int | None = None, share_link_id: int | None = None
) -> None:
    """After commit, disconnect the matching live sockets, on whichever process holds them."""
    query = db.select(Presence.sid)
    if board_id is not None:
        query = query.where(Presence.board_id == board_id)
    if user_id is not None:
        query = query.where(Presence.user_id == user_id)
    if share_link_id is not None:
        query = query.where(Presence.share_link_id == share_link_id)
    sids = set(db.session.execute(query).scalars())
    if user_id is not None and board_id is None:
        sids |= {sid for sid, conn in _connections.items() if conn.user_id == user_id}
    if share_link_id is not None:
        sids |= {sid for sid, conn in _connections.items() if conn.share_link_id == share_link_id}
    after_commit(lambda: _disconnect(sids))


def _disconnect(sids) -> None:
    for sid in sids:
        socketio.server.disconnect(sid, namespace="/")


def _refuse(error: ServiceError) -> dict:
    return {"ok": False, **error.to_json()}


def _identify(auth) -> Connection | None:
    from app.auth.services import user_for_token  # noqa: PLC0415
    from app.share.services import link_for_token  # noqa: PLC0415

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
def on_connect(auth=None):
    """Accept a socket with an API token, a share token or the browser session."""
    connection = _identify(auth)
    if connection is None:
        raise ConnectionRefusedError("unauthorized")
    connection.locale = _locale_of(connection)
    _connections[request.sid] = connection


def _locale_of(connection: Connection) -> str:
    """The language the socket's pushes are rendered in: its user's choice, else what a page
    request would get (the session's choice, then the browser's languages)."""
    user = db.session.get(User, connection.user_id) if connection.user_id else None
    if user is not None and user.locale in current_app.config["SUPPORTED_LOCALES"]:
        return user.locale
    return str(get_locale() or "nl")


@socketio.on("disconnect")
def on_disconnect(*_args):
    """Forget the socket and tell its boards who is still there."""
    _connections.pop(request.sid, None)
    for board_id in _forget_presence(request.sid):
        emit_presence(board_id)


# Presence writes go through @write like every other write: SQLite then takes its write lock up
# front and retries when busy, instead of failing a join under load with "database is locked".
@write
def _forget_presence(sid: str) -> list[int]:
    boards = db.session.execute(db.select(Presence.board_id).filter_by(sid=sid)).scalars().all()
    db.session.execute(db.delete(Presence).filter_by(sid=sid))
    return list(boards)


def _board_id(data) -> int | None:
    value = data.get("board_id") if isinstance(data, dict) else None
    return (
        value
        if isinstance(value, int) and not isinstance(value, bool) and fits_database(value)
        else None
    )


@socketio.on("join")
def on_join(data):
    """Join a board's live channel; with `after`, first receive what was missed."""
    connection = _connections.get(request.sid)
    board_id = _board_id(data)
    if connection is None or board_id is None:
        return _refuse(ServiceError(_("Geef een geldig board_id."), code="bad_request"))
    actor = connection.actor()
    role = role_on(actor, board_id)
    board = db.session.get(Board, board_id)
    if board is None or role is None:
        from app.errors import Forbidden  # noqa: PLC0415

        return _refuse(Forbidden(_("Je hebt geen toegang tot dit bord.")))
    page = bool(data.get("html"))
    join_room(room(board_id, "page", connection.locale) if page else room(board_id, "json"))
    connection.boards[board_id] = role
    liveness.start(current_app._get_current_object(), _heart())
    connection.presence = _upsert_presence(board_id, actor)
    after = data.get("after")
    if isinstance(after, int) and not isinstance(after, bool):
        _replay(board, after, connection.locale if page else None)
    emit_presence(board_id)
    return {"ok": True, "seq": board.seq, "role": role}


@write
def _upsert_presence(board_id: int, actor: Actor) -> dict:
    fields = {
        "board_id": board_id,
        "user_id": actor.id,
        "share_link_id": actor.share_link.id if actor.share_link else None,
        "name": actor.share_link.label or actor.name if actor.share_link else actor.name,
    }
    presence = db.session.get(Presence, request.sid)
    if presence is None:
        db.session.add(Presence(sid=request.sid, host_id=HOST_ID, **fields))
        return fields
    for key, value in fields.items():
        setattr(presence, key, value)
    return fields


def _heart() -> liveness.Heart:
    return liveness.Heart(
        HOST_ID,
        current_app.config["PRESENCE_HEARTBEAT_SECONDS"],
        swept=emit_presence,
        revive=restore_presence,
    )


def restore_presence() -> None:
    """Put back the presence rows of this process's sockets that the others swept (this process
    was stalled past the timeout), and tell their boards."""
    for board_id in _restore_presence(dict(_connections)):
        emit_presence(board_id)


@write
def _restore_presence(connections: dict) -> list[int]:
    present = set(db.session.execute(db.select(Presence.sid).filter_by(host_id=HOST_ID)).scalars())
    restored = set()
    for sid, connection in connections.items():
        if connection.presence and sid not in present:
            db.session.add(Presence(sid=sid, host_id=HOST_ID, **connection.presence))
            restored.add(connection.presence["board_id"])
    return sorted(restored)


def _replay(board: Board, after: int, page_locale: str | None) -> None:
    """Send the missed events to this socket; a page's with their fragment, in its language."""
    try:
        missed = events.since(board, after, limit=current_app.config["EVENT_LOG_KEEP"])
    except Gone:
        socketio.emit("resync", {"board_id": board.id, "seq": board.seq}, to=request.sid)
        return
    for event in missed:
        payload = {
            "board_id": event.board_id,
            "seq": event.seq,
            "type": event.type,
            "data": event.data,
            "actor": {"id": event.actor_id, "name": event.actor_name},
        }
        if page_locale is not None:
            with rendering_in(page_locale):
                payload["html"] = _current_html(event)
        socketio.emit("board_event", payload, to=request.sid)


def _current_html(event: Event) -> str | None:
    """Render the entity of a replayed event as it is now (None when it is gone)."""
    kind = event.type.split(".")[0]
    model, render = _models.get(kind), _renderers.get(kind)
    if model is None or render is None or event.type.endswith(".deleted"):
        return None
    entity = db.session.get(model, event.data.get("id"))
    if entity is None or getattr(entity, "deleted_at", None) is not None:
        return None
    return render(entity)


def presence_of(board_id: int) -> list[dict]:
    """Return who is on the board, one entry per person, with the card they are editing."""
    rows = (
        db.session.execute(
            db.select(Presence).filter_by(board_id=board_id).order_by(Presence.connected_at)
        )
        .scalars()
        .all()
    )
    users: dict = {}
    for row in rows:
        key = ("user", row.user_id) if row.user_id else ("link", row.sid)
        entry = users.setdefault(
            key,
            {"id": row.user_id, "name": row.name, "editing": None, "viewer": row.user_id is None},
        )
        entry["editing"] = entry["editing"] or row.editing_card_id
    return list(users.values())


def emit_presence(board_id: int) -> None:
    """Tell everyone on the board who is there."""
    payload = {"board_id": board_id, "users": presence_of(board_id)}
    socketio.emit("presence", payload, to=_rooms(board_id))


@socketio.on("editing")
def on_editing(data):
    """Show others which card this person is editing (card_id null: stopped editing)."""
    connection = _connections.get(request.sid)
    board_id = _board_id(data)
    if connection is None or board_id is None or not allows(connection.boards.get(board_id), EDIT):
        return _refuse(ServiceError(_("Alleen deelnemers die mogen bewerken."), code="forbidden"))
    card_id = data.get("card_id")
    if not _set_editing(request.sid, board_id, card_id if isinstance(card_id, int) else None):
        return _refuse(ServiceError(_("Eerst het bord openen (join)."), code="not_joined"))
    emit_presence(board_id)
    return {"ok": True}


@write
def _set_editing(sid: str, board_id: int, card_id: int | None) -> bool:
    presence = db.session.get(Presence, sid)
    if presence is None or presence.board_id != board_id:
        return False
    presence.editing_card_id = card_id
    return True


@socketio.on("op")
def on_op(data):
    """Perform one card operation over the socket, through the same services as the API."""
    from app.cards.operations import perform  # noqa: PLC0415

    connection = _connections.get(request.sid)
    board_id = _board_id(data)
    if connection is None or board_id is None or not isinstance(data.get("op"), str):
        return _refuse(ServiceError(_("Geef board_id en op."), code="bad_request"))
    try:
        result = perform(connection.actor(), board_id, data["op"], data.get("data") or {})
    except ServiceError as exc:
        return _refuse(exc)
    board_seq = db.session.execute(db.select(Board.seq).filter_by(id=board_id)).scalar_one()
    return {"ok": True, "data": result, "seq": board_seq}


def clear_stale_presence() -> None:
    """Forget presence left by a process that died (single-process mode only)."""
    db.session.execute(db.delete(Presence))
    db.session.commit()
