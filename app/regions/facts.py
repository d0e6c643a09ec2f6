"""The bridge's facts of many boards at once: app/reading/facts.py's read with `board_id IN`.

A region of 40 boards would otherwise cost seven queries per board; here it costs seven in all.
Organisations are left out: the bridge and its figures do not use them.
"""

from collections import defaultdict

from sqlalchemy.orm import selectinload

from app.boards.queries import BoardState
from app.extensions import db
from app.models import Board, Card, Handover, Lane, Marker, Phase
from app.reading.facts import CARD_COLUMNS


def _by_board(rows) -> dict[int, list]:
    grouped: dict[int, list] = defaultdict(list)
    for row in rows:
        grouped[row.board_id].append(row)
    return grouped


def load_many_facts(boards: list[Board]) -> dict[int, BoardState]:
    """Return each board's state for the bridge (phases, lanes, live cards, markers, handovers)."""
    ids = [board.id for board in boards]
    if not ids:
        return {}

    def models(model, *order):
        query = db.select(model).where(model.board_id.in_(ids)).order_by(*order)
        if model is Marker:
            query = query.options(selectinload(Marker.cards))
        return _by_board(db.session.execute(query).scalars())

    phases = models(Phase, Phase.position, Phase.id)
    lanes = models(Lane, Lane.position, Lane.id)
    markers = models(Marker, Marker.id)
    cards = _by_board(
        db.session.execute(
            db.select(Card.board_id, *CARD_COLUMNS).where(
                Card.board_id.in_(ids), Card.deleted_at.is_(None)
            )
        ).all()
    )
    handovers = _by_board(
        db.session.execute(
            db.select(
                Handover.board_id, Handover.id, Handover.from_card_id, Handover.to_card_id
            ).where(Handover.board_id.in_(ids))
        ).all()
    )
    return {
        board.id: BoardState(
            board=board,
            phases=phases[board.id],
            lanes=lanes[board.id],
            organisations=[],
            cards=cards[board.id],
            markers=markers[board.id],
            handovers=handovers[board.id],
        )
        for board in boards
    }
