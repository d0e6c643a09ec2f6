"""Read models of a board: the whole state in a fixed number of queries."""

from dataclasses import dataclass, field

from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Board, Card, Handover, Lane, Marker, NextStep, Organisation, Phase


@dataclass
class BoardState:
    """Everything on a board, loaded at once (the number of queries does not grow with it)."""

    board: Board
    phases: list[Phase]
    lanes: list[Lane]
    organisations: list[Organisation]
    cards: list[Card]
    markers: list[Marker] = field(default_factory=list)
    handovers: list[Handover] = field(default_factory=list)
    next_steps: list[NextStep] = field(default_factory=list)

    def cells(self) -> dict[tuple[int, int | None], list[Card]]:
        """Group the cards per (phase_id, lane_id) cell, in order."""
        grid: dict[tuple[int, int | None], list[Card]] = {}
        for card in self.cards:
            grid.setdefault((card.phase_id, card.lane_id), []).append(card)
        return grid

    def to_json(self) -> dict:
        return {
            **self.board.to_json(),
            "phases": [p.to_json() for p in self.phases],
            "lanes": [lane.to_json() for lane in self.lanes],
            "organisations": [o.to_json() for o in self.organisations],
            "cards": [c.to_json() for c in self.cards],
            "markers": [m.to_json() for m in self.markers],
            "handovers": [h.to_json() for h in self.handovers],
            "next_steps": [n.to_json() for n in self.next_steps],
        }


def _all(query):
    return list(db.session.execute(query).scalars())


def load_state(board: Board, with_reading: bool = True) -> BoardState:
    """Load a board's structure and live cards (and markers, handovers, next steps)."""
    bid = board.id
    organisations = _all(
        db.select(Organisation).filter_by(board_id=bid).order_by(Organisation.name, Organisation.id)
    )
    state = BoardState(
        board=board,
        phases=_all(db.select(Phase).filter_by(board_id=bid).order_by(Phase.position, Phase.id)),
        lanes=_all(db.select(Lane).filter_by(board_id=bid).order_by(Lane.position, Lane.id)),
        organisations=organisations,
        cards=_all(
            db.select(Card)
            .where(Card.board_id == bid, Card.deleted_at.is_(None))
            .order_by(Card.position, Card.id)
        ),
    )
    if with_reading:
        state.markers = _all(
            db.select(Marker)
            .filter_by(board_id=bid)
            .options(selectinload(Marker.cards), selectinload(Marker.author))
            .order_by(Marker.id)
        )
        state.handovers = _all(db.select(Handover).filter_by(board_id=bid).order_by(Handover.id))
        state.next_steps = _all(
            db.select(NextStep)
            .filter_by(board_id=bid)
            .options(selectinload(NextStep.markers), selectinload(NextStep.learnings))
            .order_by(NextStep.id)
        )
    return state


def cards_per_axis(board_id: int) -> dict[str, dict[int, int]]:
    """Count the live cards in each phase and lane (what deleting one would have to move)."""
    counts: dict[str, dict[int, int]] = {"phase": {}, "lane": {}}
    for axis, column in (("phase", Card.phase_id), ("lane", Card.lane_id)):
        rows = db.session.execute(
            db.select(column, db.func.count())
            .where(Card.board_id == board_id, Card.deleted_at.is_(None), column.is_not(None))
            .group_by(column)
        ).all()
        counts[axis] = dict(rows)
    return counts
