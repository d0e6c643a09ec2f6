"""`flask demo` on an empty database: the board `make run` opens with, built in one write."""

from app.boards.queries import load_state
from app.demo.services import DEMO_EMAIL, seed_demo
from app.extensions import db
from app.models import Membership, User


def test_the_demo_board_is_seeded_once_with_its_cards_and_partners(app):
    # The coordinator is created in the same transaction as the board: it has no id until
    # flushed, and every permission check in the seed must still find it coordinating.
    with app.test_request_context():
        board = seed_demo()
        assert seed_demo().id == board.id  # idempotent
    state = load_state(board)
    assert len(state.phases) == 7 and len(state.cards) == 30 and state.organisations
    assert all(phase.demand_per_year for phase in state.phases)
    roles = dict(
        db.session.execute(
            db.select(User.email, Membership.role)
            .join(Membership, Membership.user_id == User.id)
            .where(Membership.board_id == board.id)
        ).all()
    )
    assert roles[DEMO_EMAIL] == "coordinator"
    assert sorted(roles.values()) == ["coordinator", "partner", "partner"]
