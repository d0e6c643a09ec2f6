"""Property tests: card order stays total and unique, and positions never run out of room."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cards.services import create_card, move_card
from app.extensions import db
from app.models import Card
from app.permissions import Actor
from app.positions import DIGITS, key_between

operations = st.lists(
    st.tuples(
        st.sampled_from(["insert", "insert", "delete"]), st.integers(min_value=0, max_value=10**6)
    ),
    max_size=300,
)


@given(operations)
@settings(max_examples=200, deadline=None)
def test_any_sequence_of_inserts_keeps_a_total_order(ops):
    keys: list[str] = []
    inserts = 0
    for kind, number in ops:
        if kind == "delete" and keys:
            keys.pop(number % len(keys))
            continue
        index = number % (len(keys) + 1)
        before = keys[index - 1] if index else None
        after = keys[index] if index < len(keys) else None
        key = key_between(before, after)
        assert (before is None or before < key) and (after is None or key < after)
        assert key and set(key) <= set(DIGITS) and not key.endswith("0")
        keys.insert(index, key)
        inserts += 1
        assert len(key) <= 2 + inserts // 4
    assert keys == sorted(keys) and len(set(keys)) == len(keys)


def _grow(spot: str, count: int) -> list[str]:
    keys = [key_between(None, None)]
    keys.append(key_between(keys[0], None))
    for _ in range(count):
        index = {"top": 0, "end": len(keys), "after first": 1}[spot]
        keys.insert(
            index,
            key_between(
                keys[index - 1] if index else None, keys[index] if index < len(keys) else None
            ),
        )
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    return keys


def test_many_inserts_at_one_spot_stay_within_the_column():
    """A cell's column holds 255 characters: 1000 cards added last or first stay far below,
    and even 1000 cards dropped at one and the same place in the middle still fit."""
    assert max(map(len, _grow("end", 1000))) <= 2 + 1000 // 30
    assert max(map(len, _grow("top", 1000))) <= 2 + 1000 // 30
    assert max(map(len, _grow("after first", 1000))) <= 255


def _cell_order(board_id: int, phase_id: int, lane_id: int) -> list[int]:
    db.session.expire_all()
    return list(
        db.session.execute(
            db.select(Card.id)
            .where(
                Card.board_id == board_id,
                Card.phase_id == phase_id,
                Card.lane_id == lane_id,
                Card.deleted_at.is_(None),
            )
            .order_by(Card.position, Card.id)
        ).scalars()
    )


@given(
    moves=st.lists(
        st.tuples(st.integers(0, 5), st.booleans(), st.integers(0, 6)), min_size=1, max_size=25
    )
)
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_moves_through_the_service_keep_the_order_people_asked_for(world, app, moves):
    actor = Actor(user=_user(world.emails["partner"]))
    board_id, lanes = world.board_id, _lanes(world.board_id)
    phase_id = world.ids["phase"]
    with app.test_request_context():
        while len(_cell_order(board_id, phase_id, lanes[0])) < 6:
            create_card(
                actor, board_id, phase_id, world.ids["organisation"], "Kaart", lane_id=lanes[0]
            )
    cells = {lane: _cell_order(board_id, phase_id, lane) for lane in lanes[:2]}
    cards = [card for lane in cells for card in cells[lane]]
    with app.test_request_context():
        for card_index, other_lane, after_index in moves:
            if card_index >= len(cards):
                continue
            card = cards[card_index]
            source = next(lane for lane, ids in cells.items() if card in ids)
            target = lanes[1] if other_lane and lanes[1] != source else lanes[0]
            cells[source].remove(card)
            after = (
                cells[target][after_index - 1] if 0 < after_index <= len(cells[target]) else None
            )
            move_card(actor, board_id, card, phase_id, target, after)
            cells[target].insert(cells[target].index(after) + 1 if after else 0, card)
            for lane, expected in cells.items():
                assert _cell_order(board_id, phase_id, lane) == expected
    positions = db.session.execute(
        db.select(Card.lane_id, Card.position).filter_by(board_id=board_id, phase_id=phase_id)
    ).all()
    assert len(set(positions)) == len(positions)


def _user(email: str):
    from app.models import User  # noqa: PLC0415

    return db.session.execute(db.select(User).filter_by(email=email)).scalar_one()


def _lanes(board_id: int) -> list[int]:
    return list(
        db.session.execute(
            db.text("SELECT id FROM lanes WHERE board_id = :b ORDER BY position"), {"b": board_id}
        ).scalars()
    )
