"""One write transaction per operation; SQLite takes its write lock up front and retries on busy.

Every service function that changes state is decorated with @write. The decorator commits, or
rolls everything back on any error (nothing half-written), and only after the commit succeeded
runs what the operation queued with `after_commit` (the event log queues its signals there).
This module imports nothing above the database: it is the floor the others stand on.
"""

import itertools
import random
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from contextvars import ContextVar
from functools import wraps
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, event
from sqlalchemy.exc import OperationalError

from app.extensions import db

F = TypeVar("F", bound=Callable[..., Any])

_in_write: ContextVar[bool] = ContextVar("in_write", default=False)
# How long a write keeps retrying while the database is busy before it gives up.
BUSY_SECONDS = 15

# Its own generator: background threads (mail, sign-in links) retry too, and must not move the
# global `random` state under code that relies on it (e.g. property-based tests).
_JITTER = random.Random()


# SQLite has one writer at a time. Threads of one process queue for it on a lock of their own:
# woken the moment the writer before them commits, where SQLite's busy handler would have them
# poll with sleeps of up to 100 ms. Other processes still meet the busy timeout.
_writer_locks: WeakKeyDictionary = WeakKeyDictionary()


def _writer_lock(engine: Engine) -> AbstractContextManager:
    return _writer_locks.get(engine) or nullcontext()


def configure_sqlite(engine: Engine) -> None:
    """Turn on WAL, a busy timeout, foreign keys, and BEGIN IMMEDIATE for writes."""
    _writer_locks[engine] = threading.Lock()

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Take over transaction control from pysqlite so that BEGIN can be IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        # A write that starts as a read would fail with SQLITE_BUSY when it upgrades its lock
        # after another writer committed; taking the lock first makes the busy timeout apply.
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _in_write.get() else "BEGIN")


def in_write() -> bool:
    """Tell whether a write transaction is running (reads in it should lock what they check)."""
    return _in_write.get()


def end_read(loaded: object = None) -> None:
    """End the read transaction that has loaded just the signed-in user, keeping it loaded.

    A write starts by rolling back any open transaction, and a rollback expires what it loaded:
    the user would be read again for its id, its name and its language. A commit keeps it
    (expire_on_commit=False). Only when the session holds nothing else, so that whatever a
    write checks (a card's version, say) is still read afresh inside the write.
    """
    session = db.session()
    if (
        not _in_write.get()
        and session.in_transaction()
        and not (session.new or session.dirty or session.deleted)
        and all(entity is loaded for entity in session.identity_map.values())
    ):
        session.commit()


def after_commit(action: Callable[[], None]) -> None:
    """Run `action` once the current write transaction has committed (never if it rolls back)."""
    db.session.info.setdefault("after_commit", []).append(action)


def _forget_after_commit() -> None:
    db.session.info.pop("after_commit", None)


def _run_after_commit() -> None:
    for action in db.session.info.pop("after_commit", []):
        action()


def _is_busy(exc: OperationalError) -> bool:
    text = str(exc.orig).lower()
    return "locked" in text or "busy" in text or "could not serialize" in text


def write(fn: F) -> F:
    """Run a service function as one transaction: commit and run what it queued, or roll back."""

    @wraps(fn)
    def wrapper(*args, **kwargs):
        if _in_write.get():  # nested operation: the outer one commits
            return fn(*args, **kwargs)
        deadline = time.monotonic() + BUSY_SECONDS
        for attempt in itertools.count():
            # Leave any read snapshot (the write sees the latest state), and give its connection
            # back before queueing for the writer lock: a thread that waited holding one could
            # leave the pool empty for the thread holding the lock.
            db.session.rollback()
            _forget_after_commit()
            with _writer_lock(db.engine):
                token = _in_write.set(True)
                try:
                    result = fn(*args, **kwargs)
                    db.session.commit()
                except OperationalError as exc:
                    db.session.rollback()
                    _forget_after_commit()
                    if not _is_busy(exc) or time.monotonic() > deadline:
                        raise
                    busy = True
                except BaseException:
                    db.session.rollback()
                    _forget_after_commit()
                    raise
                else:
                    busy = False
                finally:
                    _in_write.reset(token)
            if busy:
                # Jittered, growing pauses: writers that collided do not collide again in step.
                time.sleep(_JITTER.uniform(0.5, 1.0) * min(0.01 * 2**attempt, 0.25))
                continue
            _run_after_commit()
            return result

    return wrapper  # type: ignore[return-value]
