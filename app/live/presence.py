"""Who is on a board, on whichever process: the live layer's own bookkeeping.

Presence lives in the database so that every server process sees everyone, and so that a
removed member or revoked link can be cut off from whichever process holds the socket. Presence
writes go through @write like every other write: SQLite then takes its write lock up front and
retries when busy, instead of failing a join under load with "database is locked".
"""

import uuid
from dataclasses import dataclass, field

from flask import request

from app.extensions import db, socketio
from app.live.broadcast import rooms_of
from app.models import Membership, Organisation, Presence, ShareLink, User
from app.permissions import Actor
from app.transaction import after_commit, write

HOST_ID = uuid.uuid4().hex[:12]


@dataclass
class Connection:
    """What this process knows of one socket: who it is and which boards it joined."""

    user_id: int | None = None
    share_link_id: int | None = None
    locale: str = "nl"
    boards: dict[int, str] = field(default_factory=dict)
    presence: dict | None = None  # the presence row this socket has, to put back if swept

    def actor(self) -> Actor:
        """Return who acts through this socket, loaded afresh (a link may have been revoked)."""
        user = db.session.get(User, self.user_id) if self.user_id else None
        link = db.session.get(ShareLink, self.share_link_id) if self.share_link_id else None
        return Actor(user=user, share_link=link)


# The sockets this process holds: sid -> Connection.
connections: dict[str, Connection] = {}


@write
def forget(sid: str) -> list[int]:
    """Delete a socket's presence; return the boards it was on."""
    boards = db.session.execute(db.select(Presence.board_id).filter_by(sid=sid)).scalars().all()
    db.session.execute(db.delete(Presence).filter_by(sid=sid))
    return list(boards)


@write
def upsert(board_id: int, actor: Actor) -> dict:
    """Record that this request's socket is on a board; return the row's fields."""
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


@write
def set_editing(sid: str, board_id: int, card_id: int | None) -> bool:
    """Note which card a socket is editing; False when it has not joined that board."""
    presence = db.session.get(Presence, sid)
    if presence is None or presence.board_id != board_id:
        return False
    presence.editing_card_id = card_id
    return True


def restore() -> None:
    """Put back the presence rows of this process's sockets that the others swept (this process
    was stalled past the timeout), and tell their boards."""
    for board_id in _restore(dict(connections)):
        emit_presence(board_id)


@write
def _restore(held: dict[str, Connection]) -> list[int]:
    present = set(db.session.execute(db.select(Presence.sid).filter_by(host_id=HOST_ID)).scalars())
    restored = set()
    for sid, connection in held.items():
        if connection.presence and sid not in present:
            db.session.add(Presence(sid=sid, host_id=HOST_ID, **connection.presence))
            restored.add(connection.presence["board_id"])
    return sorted(restored)


def presence_of(board_id: int) -> list[dict]:
    """Return who is on the board, one entry per person, with the card they are editing."""
    # With the organisation each member represents on the board ("Anna — Energieloket").
    rows = db.session.execute(
        db.select(Presence, Organisation.name)
        .outerjoin(
            Membership,
            (Membership.board_id == Presence.board_id) & (Membership.user_id == Presence.user_id),
        )
        .outerjoin(Organisation, Organisation.id == Membership.organisation_id)
        .where(Presence.board_id == board_id)
        .order_by(Presence.connected_at)
    ).all()
    users: dict = {}
    for row, organisation in rows:
        key = ("user", row.user_id) if row.user_id else ("link", row.sid)
        entry = users.setdefault(
            key,
            {
                "id": row.user_id,
                "name": row.name,
                "organisation": organisation,
                "editing": None,
                "viewer": row.user_id is None,
            },
        )
        entry["editing"] = entry["editing"] or row.editing_card_id
    return list(users.values())


def emit_presence(board_id: int) -> None:
    """Tell everyone on the board who is there."""
    payload = {"board_id": board_id, "users": presence_of(board_id)}
    socketio.emit("presence", payload, to=rooms_of(board_id))


def cut_off(
    _sender: object = None,
    board_id: int | None = None,
    user_id: int | None = None,
    share_link_id: int | None = None,
) -> None:
    """After commit, disconnect the matching live sockets, on whichever process holds them.

    Connected to `signals.access_revoked`: a removed member, a revoked link or a logout
    everywhere loses the live channel at once, not only at the next page load.
    """
    query = db.select(Presence.sid)
    if board_id is not None:
        query = query.where(Presence.board_id == board_id)
    if user_id is not None:
        query = query.where(Presence.user_id == user_id)
    if share_link_id is not None:
        query = query.where(Presence.share_link_id == share_link_id)
    sids = set(db.session.execute(query).scalars())
    if user_id is not None and board_id is None:
        sids |= {sid for sid, conn in connections.items() if conn.user_id == user_id}
    if share_link_id is not None:
        sids |= {sid for sid, conn in connections.items() if conn.share_link_id == share_link_id}
    after_commit(lambda: _disconnect(sids))


def _disconnect(sids: set[str]) -> None:
    for sid in sids:
        socketio.server.disconnect(sid, namespace="/")


def clear_stale_presence() -> None:
    """Forget presence left by a process that died (single-process mode only)."""
    db.session.execute(db.delete(Presence))
    db.session.commit()
