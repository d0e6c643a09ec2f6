"""Seed the demo board, its coordinator and partners, once (idempotent)."""

from app.auth.services import create_user
from app.boards.services import add_member, create_board
from app.cards.services import create_card
from app.demo import data
from app.extensions import db
from app.models import Board, User
from app.permissions import Actor
from app.structure import services as structure
from app.transaction import write

DEMO_EMAIL = "regisseur@voorbeeld.nl"
DEMO_PASSWORD = "brugwerk-demo"
DEMO_PARTNERS = [
    ("energieloket@voorbeeld.nl", "Anna de Vries"),
    ("coop@voorbeeld.nl", "Joost Bakker"),
]


@write
def seed_demo() -> Board:
    """Create the demo board and accounts unless they exist, in one transaction."""
    existing = db.session.execute(
        db.select(Board).filter_by(name=data.BOARD_NAME).limit(1)
    ).scalar_one_or_none()
    if existing is not None:
        return existing
    coordinator = db.session.execute(
        db.select(User).filter_by(email=DEMO_EMAIL)
    ).scalar_one_or_none() or create_user(DEMO_EMAIL, "Fatima el Amrani", DEMO_PASSWORD)
    actor = Actor(user=coordinator)
    board = create_board(
        actor, data.BOARD_NAME, phases=[name for name, _ in data.PHASES], lanes=list(data.LANES)
    )
    for phase, (_name, demand) in zip(board.phases, data.PHASES, strict=True):
        structure.update_axis(actor, board.id, "phase", phase.id, {"demand_per_year": demand})
    organisations = {
        key: structure.create_organisation(actor, board.id, **org).id
        for key, org in data.ORGANISATIONS.items()
    }
    phases = {p.name: p.id for p in board.phases}
    lanes = {lane.name: lane.id for lane in board.lanes}
    for card in data.CARDS:
        create_card(
            actor,
            board.id,
            phase_id=phases[card["phase"]],
            lane_id=lanes.get(card["lane"]),
            organisation_id=organisations[card["org"]],
            title=card["title"],
            description=card["description"],
            capacity_per_year=card["capacity_per_year"],
            capacity_unit=card["capacity_unit"],
            status=card["status"],
        )
    for email, name in DEMO_PARTNERS:
        user = db.session.execute(
            db.select(User).filter_by(email=email)
        ).scalar_one_or_none() or create_user(email, name, DEMO_PASSWORD)
        add_member(actor, board.id, user.email, "partner")
    return board
