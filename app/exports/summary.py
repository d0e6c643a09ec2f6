"""The canvas summed up per phase: what the read-only view and the report show at a glance."""

from dataclasses import dataclass, field

from app.boards.queries import BoardState
from app.models import Phase
from app.reading.offers import counts
from app.reading.services.markers import OPEN

OPEN_KINDS = ("gap", "bottleneck")
AGREED = ("agreed", "in_progress")


@dataclass
class PhaseSummary:
    """One phase: its active offers, the lanes they cover, capacity against demand, and its
    open gaps and bottlenecks."""

    phase: Phase
    cards: int = 0
    lanes_covered: int = 0
    lanes_total: int = 0
    capacity: dict[str, int] = field(default_factory=dict)
    open_markers: int = 0

    @property
    def covered(self) -> bool:
        return self.cards > 0 and self.lanes_covered == self.lanes_total

    @property
    def ratio(self) -> float | None:
        """Capacity in households per year against demand; None when either is unknown."""
        households = self.capacity.get("huishoudens/jaar")
        if not self.phase.demand_per_year or households is None:
            return None
        return households / self.phase.demand_per_year


def phase_summaries(state: BoardState) -> list[PhaseSummary]:
    """Sum up every phase of the board in order."""
    lanes_total = max(len(state.lanes), 1)
    summaries = {p.id: PhaseSummary(phase=p, lanes_total=lanes_total) for p in state.phases}
    for (phase_id, _lane_id), cell in state.cells().items():
        # Stopped offers count for nothing, as on the bridge (app/reading/offers.py).
        cards = [card for card in cell if counts(card)]
        summary = summaries.get(phase_id)
        if summary is None or not cards:
            continue
        summary.cards += len(cards)
        summary.lanes_covered += 1
        for card in cards:
            if card.capacity_per_year is not None:
                unit = card.capacity_unit
                summary.capacity[unit] = summary.capacity.get(unit, 0) + card.capacity_per_year
    # Gaps and bottlenecks sit on a phase; overlaps sit on cards and are counted apart.
    for marker in open_markers(state, OPEN_KINDS):
        if marker.phase_id in summaries:
            summaries[marker.phase_id].open_markers += 1
    return list(summaries.values())


def open_markers(state: BoardState, kinds: tuple[str, ...] | None = None) -> list:
    """Return the markers still open (or being addressed), optionally only of some kinds."""
    return [m for m in state.markers if m.status in OPEN and (kinds is None or m.kind in kinds)]


def agreed_next_steps(state: BoardState) -> list:
    """Return the next steps the partners agreed on and are carrying out."""
    return [step for step in state.next_steps if step.status in AGREED]
