"""The event log: record every change in its transaction; after commit, signal it.

The live layer subscribes to `signals.board_changed`; this module does not know it exists.
"""

from functools import partial

from flask_babel import gettext as _
from sqlalchemy import insert, update
from sqlalchemy.orm.attributes import set_committed_value

from app.errors import Gone
from app.extensions import db
from app.models import Board, Event
from app.models._types import utcnow
from app.permissions import Actor
from app.signals import board_changed
from app.transaction import after_commit

# The boards this transaction recorded an event for (session.info; read at commit by the audit
# of shared HTML, app/boards/shared_html.py).
EVENTED_BOARDS = "bw_evented_boards"


def _note_event(board_id: int) -> None:
    db.session.info.setdefault(EVENTED_BOARDS, set()).add(board_id)


def record(
    board_id: int,
    type_: str,
    entity: object = None,
    actor: Actor | None = None,
    data: dict | None = None,
) -> Event:
    """Append an event with the board's next seq; it is signalled once the transaction commits."""
    # The seq first: on PostgreSQL its UPDATE takes the board's row lock (if the operation did
    # not hold it yet), and the operation's own writes follow under it. Every write then locks
    # the board before the rows on it, in the same order, so two writes never deadlock.
    with db.session.no_autoflush:
        seq = db.session.execute(
            update(Board)
            .where(Board.id == board_id)
            .values(seq=Board.seq + 1)
            .returning(Board.seq),
            execution_options={"synchronize_session": False},
        ).scalar_one()
    db.session.flush()  # new entities need their ids in the event data
    loaded = db.session.identity_map.get(db.session.identity_key(Board, board_id))
    if loaded is not None:  # keep a board already in memory in step, without a write of its own
        set_committed_value(loaded, "seq", seq)
    actor = actor or Actor()
    event = Event(
        board_id=board_id,
        seq=seq,
        type=type_,
        actor_id=actor.id,
        actor_name=actor.name,
        data=data if data is not None else entity.to_json(),
    )
    db.session.add(event)
    _note_event(board_id)
    after_commit(partial(board_changed.send, event, entity=entity))
    return event


def record_many(
    board_id: int, type_: str, entities: list, actor: Actor | None = None
) -> list[Event]:
    """Append one event per entity, like `record`, with one seq bump and one flush for all of
    them (a bulk operation's statement count then does not grow with its size)."""
    if not entities:
        return []
    with db.session.no_autoflush:
        last = db.session.execute(
            update(Board)
            .where(Board.id == board_id)
            .values(seq=Board.seq + len(entities))
            .returning(Board.seq),
            execution_options={"synchronize_session": False},
        ).scalar_one()
    db.session.flush()
    loaded = db.session.identity_map.get(db.session.identity_key(Board, board_id))
    if loaded is not None:
        set_committed_value(loaded, "seq", last)
    actor = actor or Actor()
    first, now = last - len(entities) + 1, utcnow()
    rows = [
        {
            "board_id": board_id,
            "seq": first + offset,
            "type": type_,
            "actor_id": actor.id,
            "actor_name": actor.name,
            "data": entity.to_json(),
            "created_at": now,
        }
        for offset, entity in enumerate(entities)
    ]
    # One executemany; the signals carry unsaved copies of the rows (nothing reads their ids).
    db.session.execute(insert(Event), rows)
    _note_event(board_id)
    events = [Event(**row) for row in rows]
    for event, entity in zip(events, entities, strict=True):
        after_commit(partial(board_changed.send, event, entity=entity))
    return events


def since(board: Board, after: int, limit: int = 1000) -> list[Event]:
    """Return the events after a seq, or raise Gone when the log no longer reaches back."""
    if after == board.seq:
        return []
    # A seq beyond the log (a restored database) is Gone, not up to date; it is not queried.
    events = (
        []
        if after > board.seq
        else db.session.execute(
            db.select(Event)
            .where(Event.board_id == board.id, Event.seq > after)
            .order_by(Event.seq)
            .limit(limit)
        )
        .scalars()
        .all()
    )
    if not events or events[0].seq != after + 1 or len(events) < min(limit, board.seq - after):
        raise Gone(
            _("De geschiedenis reikt niet zo ver terug; laad het bord opnieuw."), code="resync"
        )
    return list(events)
