"""Presence left behind by a server process that died is swept by the processes still alive."""

from datetime import timedelta

from app.extensions import db
from app.live.heartbeat import Heart, keep_alive
from app.live.presence import HOST_ID, emit_presence, presence_of, restore
from app.models import Host, Presence
from app.models._types import utcnow

TIMEOUT = timedelta(seconds=30)


def _present(board, user, host_id: str, connected_at) -> None:
    """A presence row as the process `host_id` writes it when `user` joins the board."""
    db.session.add(
        Presence(
            sid=f"{host_id}-{user.id}",
            board_id=board.id,
            user_id=user.id,
            name=user.name,
            host_id=host_id,
            connected_at=connected_at,
        )
    )
    db.session.commit()


def _names(board) -> set[str]:
    return {entry["name"] for entry in presence_of(board.id)}


def test_the_presence_of_a_process_that_stopped_beating_is_swept(board_with_roles):
    board, people = board_with_roles["board"], board_with_roles["people"]
    now = utcnow()
    keep_alive("killed", TIMEOUT, now=now - timedelta(seconds=45))
    _present(board, people["coordinator"], "alive", now - timedelta(minutes=5))
    _present(board, people["partner"], "killed", now - timedelta(minutes=5))
    assert _names(board) == {"Coordinator", "Partner"}

    assert keep_alive("alive", TIMEOUT, now=now).swept == [board.id]  # a new list for it
    assert _names(board) == {"Coordinator"}
    assert db.session.get(Host, "killed") is None
    assert db.session.get(Host, "alive").seen_at == now


def test_a_process_that_keeps_beating_keeps_its_people(board_with_roles):
    board, people = board_with_roles["board"], board_with_roles["people"]
    now = utcnow()
    keep_alive("other", TIMEOUT, now=now - timedelta(seconds=20))
    _present(board, people["partner"], "other", now - timedelta(hours=2))
    assert keep_alive("this", TIMEOUT, now=now).swept == []
    assert _names(board) == {"Partner"}


def test_fresh_rows_of_an_unknown_process_wait_for_the_timeout(board_with_roles):
    board, people = board_with_roles["board"], board_with_roles["people"]
    now = utcnow()
    _present(board, people["viewer"], "starting", now - timedelta(seconds=5))
    assert keep_alive("this", TIMEOUT, now=now).swept == []
    assert _names(board) == {"Viewer"}
    assert keep_alive("this", TIMEOUT, now=now + TIMEOUT).swept == [board.id]
    assert _names(board) == set()


def test_a_joined_socket_is_kept_while_its_process_beats(board_with_roles, sio):
    board, partner = board_with_roles["board"], board_with_roles["people"]["partner"]
    socket = sio(partner)
    assert socket.join(board.id)["ok"] is True
    row = db.session.execute(db.select(Presence).filter_by(user_id=partner.id)).scalar_one()
    assert row.host_id == HOST_ID
    later = utcnow() + timedelta(hours=1)
    keep_alive(HOST_ID, TIMEOUT, now=later - timedelta(seconds=1))
    assert keep_alive("other", TIMEOUT, now=later).swept == []
    assert _names(board) == {"Partner"}


def test_a_stalled_process_taken_for_dead_puts_its_people_back(board_with_roles, sio):
    board, partner = board_with_roles["board"], board_with_roles["people"]["partner"]
    socket = sio(partner)
    assert socket.join(board.id)["ok"] is True
    heart = Heart(HOST_ID, 10, swept=emit_presence, revive=restore)
    heart.beat()
    # This process stalls; an hour later another one sweeps it as dead.
    assert keep_alive("other", TIMEOUT, now=utcnow() + timedelta(hours=1)).swept == [board.id]
    assert _names(board) == set()
    socket.get_received()

    heart.beat()  # the stall is over: its own row is gone, so it puts its people back
    assert _names(board) == {"Partner"}
    pushed = socket.received_events("presence")
    assert [user["name"] for user in pushed[-1]["users"]] == ["Partner"]
