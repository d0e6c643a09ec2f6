"""Server processes say they are alive; the presence a dead one left behind is swept.

Presence rows live in the database so that every process sees everyone on a board. A process
that stops normally deletes a socket's rows as it disconnects; one that is killed or crashes
cannot, and its people would show as present for good. So every process with live sockets
beats (`hosts.seen_at`) every PRESENCE_HEARTBEAT_SECONDS, and each beat sweeps: the rows of a
process not seen for MISSED_BEATS beats are deleted and their boards get a fresh presence list.
The people themselves lost their socket with that process; they reconnect through another one
and show up again from there. A process that was only stalled (its beats did not reach the
database for a while) finds its own row gone at its next beat, and puts its people back.
"""

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import Flask

from app.extensions import db, socketio
from app.models import Host, Presence
from app.models._types import utcnow
from app.transaction import write

MISSED_BEATS = 3

log = logging.getLogger(__name__)
_start_lock = threading.Lock()
_beating = False


@dataclass
class Beat:
    swept: list[int]  # the boards whose presence the sweep changed
    was_alive: bool  # False: this process had no row, new or taken for dead by the others


@write
def keep_alive(host_id: str, timeout: timedelta, now: datetime | None = None) -> Beat:
    """Record that this process is alive, and sweep the presence of processes not seen within
    `timeout`."""
    now = now or utcnow()
    host = db.session.get(Host, host_id)
    if host is None:
        db.session.add(Host(id=host_id, seen_at=now))
    else:
        host.seen_at = now
    cutoff = now - timeout
    alive = db.select(Host.id).where(Host.seen_at >= cutoff)
    # A row younger than the timeout is kept whatever its process: nothing can be known of it yet.
    stale = Presence.host_id.not_in(alive) & (Presence.connected_at < cutoff)
    boards = (
        db.session.execute(db.select(Presence.board_id).where(stale).distinct()).scalars().all()
    )
    if boards:
        db.session.execute(db.delete(Presence).where(stale))
    db.session.execute(db.delete(Host).where(Host.seen_at < cutoff))
    return Beat(sorted(boards), was_alive=host is not None)


@dataclass
class Heart:
    """One process's heartbeat: what it beats as, how often, and whom it tells."""

    host_id: str
    interval: float
    swept: Callable[[int], None]  # a board's presence changed: tell its people
    revive: Callable[[], None]  # this process had no row: put back any of its people swept

    @property
    def timeout(self) -> timedelta:
        return timedelta(seconds=self.interval * MISSED_BEATS)

    def beat(self) -> None:
        """Beat once. A database that is briefly away must neither fail a join nor end the
        heartbeat: a failure is logged, and the next beat tries again."""
        try:
            beat = keep_alive(self.host_id, self.timeout)
            if not beat.was_alive:
                self.revive()
            for board_id in beat.swept:
                self.swept(board_id)
        except Exception:
            log.exception("presence heartbeat failed; next try in %s s", self.interval)


def start(app: Flask, heart: Heart) -> None:
    """Beat once now, before this process writes its first presence row, then every interval in
    the background. Once per process; never when the interval is 0 (the tests' apps)."""
    global _beating  # noqa: PLW0603 (one heartbeat per process)
    if _beating or heart.interval <= 0:
        return
    with _start_lock:
        if _beating:
            return
        _beating = True
    heart.beat()
    socketio.start_background_task(_beat_forever, app, heart)


def _beat_forever(app: Flask, heart: Heart) -> None:
    while True:
        socketio.sleep(heart.interval)
        with app.app_context():
            heart.beat()
