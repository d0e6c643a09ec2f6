"""One write transaction per operation; SQLite takes its write lock up front and retries on busy.

Every service function that changes state is decorated with @write. The decorator commits, or
rolls everything back on any error (nothing half-written), and publishes the operation's events
only after the commit succeeded.
"""

import itertools
import random
import time
from contextvars import ContextVar
from functools import wraps

from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from app.extensions import db

_in_write: ContextVar[bool] = ContextVar("in_write", default=False)
# How long a write keeps retrying while the database is busy before it gives up.
BUSY_SECONDS = 15


def configure_sqlite(engine) -> None:
    """Turn on WAL, a busy timeout, foreign keys, and BEGIN IMMEDIATE for writes."""

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


def _is_busy(exc: OperationalError) -> bool:
    text = str(exc.orig).lower()
    return "locked" in text or "busy" in text or "could not serialize" in text


def write(fn):
    """Run a service function as one transaction: commit, publish its events, or roll back."""

    @wraps(fn)
    def wrapper(*args, **kwargs):
        if _in_write.get():  # nested operation: the outer one commits
            return fn(*args, **kwargs)
        from app import events  # noqa: PLC0415 (events imports models, which import this module)

        deadline = time.monotonic() + BUSY_SECONDS
        for attempt in itertools.count():
            db.session.rollback()  # leave any read snapshot, so the write sees the latest state
            events.clear_outbox()
            token = _in_write.set(True)
            try:
                result = fn(*args, **kwargs)
                db.session.commit()
            except OperationalError as exc:
                db.session.rollback()
                events.clear_outbox()
                if not _is_busy(exc) or time.monotonic() > deadline:
                    raise
                # Jittered, growing pauses: writers that collided do not collide again in step.
                time.sleep(random.uniform(0.5, 1.0) * min(0.01 * 2 ** attempt, 0.25))
                continue
            except BaseException:
                db.session.rollback()
                events.clear_outbox()
                raise
            finally:
                _in_write.reset(token)
            events.publish_outbox()
            return result

    return wrapper
