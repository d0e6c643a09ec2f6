"""Server processes say they are alive; the presence a dead one left behind is swept.

Presence rows live in the database so that every process sees everyone on a board. A process
that stops normally deletes a socket's rows as it disconnects; one that is killed or crashes
cannot, and its people would show as present for good. So every process with live sockets
beats (`hosts.seen_at`) every PRESENCE_HEARTBEAT_SECONDS, and each beat sweeps: the rows of a
process not seen for MISSED_BEATS beats are deleted and their boards get a fresh presence list.
The people themselves lost their socket with that process; they reconnect through another one
and show up again from there.
"""

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from app.extensions import db, socketio
from app.models import Host, Presence
from app.models._types import utcnow
from app.transaction import write

MISSED_BEATS = 3

log = logging.getLogger(__name__)
_start_lock = threading.Lock()
_beating = False


@write
def keep_alive(host_id: str, timeout: timedelta, now: datetime | None = None) -> list[int]:
    """Record that this process is alive, and sweep the presence of processes not seen within
    `timeout`; return the boards whose presence changed."""
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
    boards = db.session.execute(
        db.select(Presence.board_id).where(stale).distinct()).scalars().all()
    if boards:
        db.session.execute(db.delete(Presence).where(stale))
    db.session.execute(db.delete(Host).where(Host.seen_at < cutoff))
    return sorted(boards)


def start(app, host_id: str, swept: Callable[[int], None]) -> None:
    """Beat once now, before this process writes its first presence row, then every interval in
    the background; `swept(board_id)` runs for every board whose presence a sweep changed.
    Once per process; never when PRESENCE_HEARTBEAT_SECONDS is 0 (the tests' apps)."""
    global _beating  # noqa: PLW0603 (one heartbeat per process)
    interval = float(app.config.get("PRESENCE_HEARTBEAT_SECONDS") or 0)
    if _beating or interval <= 0:
        return
    with _start_lock:
        if _beating:
            return
        _beating = True
    timeout = timedelta(seconds=interval * MISSED_BEATS)
    _beat(host_id, timeout, swept, interval)
    socketio.start_background_task(_beat_forever, app, host_id, interval, timeout, swept)


def _beat_forever(app, host_id: str, interval: float, timeout: timedelta, swept) -> None:
    while True:
        socketio.sleep(interval)
        with app.app_context():
            _beat(host_id, timeout, swept, interval)


def _beat(host_id: str, timeout: timedelta, swept, interval: float) -> None:
    # A database that is briefly away must neither fail a join nor end the heartbeat: log it,
    # and the next beat tries again.
    try:
        for board_id in keep_alive(host_id, timeout):
            swept(board_id)
    except Exception:  # noqa: BLE001
        log.exception("presence heartbeat failed; next try in %s s", interval)
