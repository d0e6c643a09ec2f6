"""Concurrent writers on one board: seq stays gap-free, and no acknowledged edit is lost.

Runs on whichever database the suite runs on (SQLite, or PostgreSQL with TEST_DATABASE_URL).
"""

import threading

from app.cards.services import move_card, update_card
from app.errors import Conflict
from app.extensions import db
from app.models import Board, Card, Event, User
from app.permissions import Actor


def _in_threads(app, count: int, work) -> list:
    """Run work(index) in `count` threads at once, each as its own request; return results."""
    results: list = [None] * count
    start = threading.Barrier(count)

    def run(index: int) -> None:
        with app.test_request_context():
            start.wait()
            try:
                results[index] = work(index)
            except Exception as exc:  # noqa: BLE001 (reported to the test as a result)
                results[index] = exc
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def _seqs(board_id: int) -> list[int]:
    db.session.rollback()
    return list(
        db.session.execute(
            db.select(Event.seq).filter_by(board_id=board_id).order_by(Event.seq)
        ).scalars()
    )


def test_same_version_edits_let_exactly_one_win(app, board_with_roles, create_card):
    board, people = board_with_roles["board"], board_with_roles["people"]
    card = create_card(board, people["partner"], board_with_roles["organisation"])
    user_id, card_id = people["partner"].id, card.id

    def edit(index: int):
        actor = Actor(user=db.session.get(User, user_id))
        return update_card(actor, board.id, card_id, 1, {"title": f"Versie {index}"})

    results = _in_threads(app, 20, edit)
    winners = [r for r in results if isinstance(r, Card)]
    assert len(winners) == 1, results
    assert all(isinstance(r, Conflict) for r in results if r is not winners[0]), results
    db.session.rollback()
    stored = db.session.get(Card, card_id)
    db.session.refresh(stored)
    assert (stored.title, stored.version) == (winners[0].title, 2)


def test_concurrent_writers_keep_every_edit_and_seq_without_holes(
    app, board_with_roles, create_card
):
    board, people = board_with_roles["board"], board_with_roles["people"]
    organisation = board_with_roles["organisation"]
    writers = 20
    cards = [create_card(board, people["partner"], organisation).id for _ in range(writers)]
    user_id, first_seq, edits = people["partner"].id, _seqs(board.id)[-1], 5

    def edit_own_card(index: int):
        actor = Actor(user=db.session.get(User, user_id))
        for version in range(1, edits + 1):
            update_card(actor, board.id, cards[index], version, {"title": f"{index}-{version}"})
        return "done"

    assert _in_threads(app, writers, edit_own_card) == ["done"] * writers
    seqs = _seqs(board.id)
    assert seqs == list(range(1, first_seq + writers * edits + 1))
    assert db.session.get(Board, board.id).seq == seqs[-1]
    titles = dict(
        db.session.execute(db.select(Card.id, Card.title).where(Card.id.in_(cards))).all()
    )
    assert titles == {card_id: f"{i}-{edits}" for i, card_id in enumerate(cards)}


def test_edits_and_moves_of_the_same_cards_at_once_neither_deadlock_nor_lose_a_write(
    app, board_with_roles, create_card
):
    # Edits read without the board lock and take it late (for the seq); moves take it first.
    # Both must lock the board before the card, or PostgreSQL would find a deadlock here.
    board, people = board_with_roles["board"], board_with_roles["people"]
    organisation = board_with_roles["organisation"]
    cards = [create_card(board, people["partner"], organisation).id for _ in range(2)]
    phases = [phase.id for phase in board.phases[:2]]
    lane_id, user_id, first_seq = board.lanes[0].id, people["partner"].id, _seqs(board.id)[-1]

    def work(index: int):
        actor = Actor(user=db.session.get(User, user_id))
        card_id, done, conflicts = cards[index % 2], 0, 0
        while done < 5:
            db.session.rollback()
            current = db.session.get(Card, card_id)
            db.session.refresh(current)
            try:
                if index % 3:
                    update_card(
                        actor, board.id, card_id, current.version, {"title": f"{index}-{done}"}
                    )
                else:
                    move_card(actor, board.id, card_id, phases[done % 2], lane_id)
            except Conflict as conflict:
                assert conflict.current["id"] == card_id
                conflicts += 1
                continue
            done += 1
        return conflicts

    results = _in_threads(app, 12, work)
    assert all(isinstance(r, int) for r in results), results
    assert _seqs(board.id) == list(range(1, first_seq + 12 * 5 + 1))
