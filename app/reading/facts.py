"""A lean read of a board for the figures and the bridge.

The analysis reads eight columns of each card and two of each handover; loading them as rows
instead of full models (as load_state does for the pages) halves the time of the analysis on a
600-card board. Structure and markers stay models (few rows). A constant number of queries.
"""

from sqlalchemy.orm import selectinload

from app.boards.queries import BoardState
from app.extensions import db
from app.models import Board, Card, Handover, Lane, Marker, Organisation, Phase

CARD_COLUMNS = (
    Card.id,
    Card.phase_id,
    Card.lane_id,
    Card.organisation_id,
    Card.status,
    Card.quality,
    Card.capacity_per_year,
    Card.capacity_unit,
)


def _models(query) -> list:
    return list(db.session.execute(query).scalars())


# What the canvas overlay's card parts also show: the quality's reason and a partner's title.
OVERLAY_COLUMNS = (*CARD_COLUMNS, Card.title, Card.quality_reason)


def load_facts(board: Board, columns: tuple = CARD_COLUMNS) -> BoardState:
    """Load phases, lanes, organisations and markers as models; live cards (`columns`) and
    handovers as rows."""
    bid = board.id
    return BoardState(
        board=board,
        phases=_models(db.select(Phase).filter_by(board_id=bid).order_by(Phase.position, Phase.id)),
        lanes=_models(db.select(Lane).filter_by(board_id=bid).order_by(Lane.position, Lane.id)),
        organisations=_models(db.select(Organisation).filter_by(board_id=bid)),
        cards=db.session.execute(
            db.select(*columns).where(Card.board_id == bid, Card.deleted_at.is_(None))
        ).all(),
        markers=_models(
            db.select(Marker)
            .filter_by(board_id=bid)
            .options(selectinload(Marker.cards))
            .order_by(Marker.id)
        ),
        handovers=db.session.execute(
            db.select(Handover.id, Handover.from_card_id, Handover.to_card_id).filter_by(
                board_id=bid
            )
        ).all(),
    )
