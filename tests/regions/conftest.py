"""A region of two boards: "Open" shares its card texts, "Dicht" does not.

The lead is a viewer on Open only (so they may open that board, not Dicht). Both boards have
figures in two quarters, a target group and an open gap; each card title is a secret word.
"""

import pytest

from app.boards.services import add_member
from app.monitor.services import create_target_group, put_figure
from app.permissions import Actor
from app.reading.services.markers import create_marker
from app.regions.services import create_region, join_region
from app.structure.services import create_organisation

SECRET = {"Open": "Zichtbaar-aanbod", "Dicht": "Geheim-aanbod"}


def _board(create_board, create_card, coordinator, member, name: str, reached: int) -> dict:
    board = create_board(owner=coordinator, name=name)
    actor = Actor(user=coordinator)
    add_member(actor, board.id, member[0], member[1])
    organisation = create_organisation(actor, board.id, "Loket", "energieloket", "#0b5fa5")
    card = create_card(board, coordinator, organisation, title=SECRET[name], description="Tekst")
    first, second = board.phases[0].id, board.phases[1].id
    put_figure(actor, board.id, "2026-Q1", first, reached=10, moved_on=5)
    put_figure(actor, board.id, "2026-Q2", first, reached=reached, moved_on=reached // 4)
    put_figure(actor, board.id, "2026-Q2", second, reached=reached // 4, moved_on=reached // 8)
    create_target_group(actor, board.id, "Eigenaar-bewoners D–G", 4000)
    create_marker(actor, board.id, "gap", "Geen maatwerkadvies", phase_id=second)
    return {"id": board.id, "card": card.id, "phases": [p.id for p in board.phases]}


@pytest.fixture
def region(app, create_user, create_board, create_card, api):
    """Return {"id", "boards": {"Open", "Dicht"}, "people", "clients"}."""
    with app.test_request_context():  # services render live fragments and build URLs
        return _build(create_user, create_board, create_card, api)


def _build(create_user, create_board, create_card, api) -> dict:
    """The two boards, their people and the region, as the services make them."""
    people = {
        who: create_user(name=who.capitalize(), email=f"{who}@example.nl")
        for who in ("lead", "open", "dicht", "partner", "outsider")
    }
    actors = {who: Actor(user=user) for who, user in people.items()}
    boards = {
        "Open": _board(
            create_board, create_card, people["open"], ("lead@example.nl", "viewer"), "Open", 400
        ),
        "Dicht": _board(
            create_board,
            create_card,
            people["dicht"],
            ("partner@example.nl", "partner"),
            "Dicht",
            800,
        ),
    }
    region = create_region(actors["lead"], "RES Voorbeeld")
    join_region(actors["open"], region.id, boards["Open"]["id"], share_texts=True)
    join_region(actors["dicht"], region.id, boards["Dicht"]["id"])
    return {
        "id": region.id,
        "boards": boards,
        "people": people,
        "clients": {who: api(user) for who, user in people.items()},
    }
