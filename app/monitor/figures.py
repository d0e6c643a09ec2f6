"""The monitor of one board: its figures per phase and quarter, reach of its target groups.

Rules (docs/contract.md §6.5):
- A phase shows its own figure (entered by the coordinator) field by field; where it has none,
  the sum of its cards' figures (waiting time: the longest of its cards' waits, because a
  resident meets the queue of the offer they are sent to, and a sum of weeks means nothing).
- conversion = moved_on ÷ reached, a fraction 0–1 rounded to 4 decimals (None without both).
- A target group's reach: the households its lane's cards reached in the journey's first measured
  phase (the first phase with figures in the range), summed over the range's quarters, ÷ its
  size. A group without a lane counts the whole phase (its shown total).
Three queries, whatever the size of the board (phases, figures with their card's lane, groups),
and the same three for the boards of a whole region (load_monitors).
"""

from dataclasses import dataclass, field

from flask_babel import gettext as _
from pydantic_core import PydanticCustomError
from sqlalchemy import func

from app.errors import ValidationFailed
from app.extensions import db
from app.models import Card, Figure, Phase, TargetGroup
from app.monitor.schemas import FIGURE_FIELDS, check_period

# A range longer than this many quarters is refused: ten years is a long council report.
MAX_PERIODS = 40


def parse_period(value: str | None, field_name: str) -> str | None:
    """Return a query's quarter as 'YYYY-Qn', or raise 422 naming the field."""
    if value is None or value == "":
        return None
    try:
        return check_period(value)
    except PydanticCustomError as error:
        message = error.message()
        raise ValidationFailed(message, fields={field_name: message}) from None


def quarters(first: str, last: str) -> list[str]:
    """Return every quarter from `first` to `last`, both included."""
    year, quarter = int(first[:4]), int(first[-1])
    result = []
    while (year, quarter) <= (int(last[:4]), int(last[-1])):
        result.append(f"{year}-Q{quarter}")
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return result


def conversion(reached: int | None, moved_on: int | None) -> float | None:
    """Return moved on ÷ reached as a fraction with at most 4 decimals."""
    if not reached or moved_on is None:
        return None
    return round(moved_on / reached, 4)


@dataclass
class Cell:
    """One phase in one quarter: its own figure and the tally of its cards' figures."""

    own: dict = field(default_factory=dict)
    cards: dict = field(default_factory=dict)

    def add_cards(self, reached, moved_on, waiting_weeks) -> None:
        """Add one lane's sums of card figures (None: none of them has the field)."""
        for key, value in (("reached", reached), ("moved_on", moved_on)):
            if value is not None:
                self.cards[key] = self.cards.get(key, 0) + value
        if waiting_weeks is not None:
            self.cards["waiting_weeks"] = max(self.cards.get("waiting_weeks", 0), waiting_weeks)

    def shown(self) -> dict:
        values = {key: self.own.get(key, self.cards.get(key)) for key in FIGURE_FIELDS}
        return {**values, "conversion": conversion(values["reached"], values["moved_on"])}


@dataclass
class Monitor:
    """A board's figures over a range of quarters, computed from three queries."""

    phases: list  # rows (id, name, demand_per_year)
    periods: list[str]
    cells: dict  # (phase_id, period) -> Cell
    lane_reach: dict  # (phase_id, period, lane_id) -> households its cards reached
    target_groups: list

    def value(self, phase_id: int, period: str) -> dict:
        """Return what a phase shows in a quarter (every field None when nothing is known)."""
        return self.cells.get((phase_id, period), Cell()).shown()

    def first_measured_phase(self) -> int | None:
        """Return the first phase with a reach figure in the range (the journey's entry)."""
        for phase in self.phases:
            if any(self.value(phase.id, p)["reached"] is not None for p in self.periods):
                return phase.id
        return None

    def _reached(self, phase_id: int, group) -> list:
        """A phase's reach figures over the range as they count for a group (its lane's only)."""
        if group.lane_id is None:
            return [self.value(phase_id, p)["reached"] for p in self.periods]
        return [self.lane_reach.get((phase_id, p, group.lane_id)) for p in self.periods]

    def reach(self, group) -> dict:
        """Return a target group's reached households in the range and their share of it."""
        entry = self.first_measured_phase()
        if entry is None:
            return {"reached": None, "reach": None}
        reached = sum(v for v in self._reached(entry, group) if v is not None)
        return {"reached": reached, "reach": round(reached / group.size, 4)}

    def reach_per_phase(self, group) -> list[dict]:
        """Return per phase the households it reached in the range as a share of the group
        (how far into the journey the group gets); None where the phase has no figure."""
        shares = []
        for phase in self.phases:
            known = [v for v in self._reached(phase.id, group) if v is not None]
            reached = sum(known) if known else None
            share = round(reached / group.size, 4) if reached is not None else None
            shares.append({"phase_id": phase.id, "reached": reached, "reach": share})
        return shares

    def to_json(self) -> dict:
        """Return the monitor as GET /boards/{b}/monitor answers it (contract §6.5)."""
        return {
            "periods": self.periods,
            "phases": [
                {
                    "phase_id": phase.id,
                    "per_period": [{"period": p, **self.value(phase.id, p)} for p in self.periods],
                }
                for phase in self.phases
            ],
            "target_groups": [
                {
                    "id": g.id,
                    "name": g.name,
                    "size": g.size,
                    **self.reach(g),
                    "per_phase": self.reach_per_phase(g),
                }
                for g in self.target_groups
            ],
        }


def _live(query, first: str | None, last: str | None):
    """Limit a query on figures to live cards (and phase totals) in the range."""
    query = query.outerjoin(Card, Card.id == Figure.card_id).where(Card.deleted_at.is_(None))
    if first:
        query = query.where(Figure.period >= first)
    if last:
        query = query.where(Figure.period <= last)
    return query


def card_figures(board_id: int, period: str) -> dict:
    """Return the live cards' figures of one quarter by card id (one query)."""
    rows = db.session.execute(
        _live(
            db.select(
                Figure.card_id,
                Figure.phase_id,
                Figure.reached,
                Figure.moved_on,
                Figure.waiting_weeks,
            ).where(Figure.board_id == board_id, Figure.card_id.is_not(None)),
            period,
            period,
        )
    ).all()
    return {row.card_id: row for row in rows}


def load_monitor(board_id: int, first: str | None = None, last: str | None = None) -> Monitor:
    """Load a board's figures from `first` to `last` (default: the quarters that have figures)."""
    if first and last and first > last:
        message = _("Het begin ligt na het einde.")
        raise ValidationFailed(message, fields={"from": message})
    monitor = load_monitors([board_id], first, last)[board_id]
    if len(monitor.periods) > MAX_PERIODS:
        message = _("Kies hoogstens %(n)s kwartalen.", n=MAX_PERIODS)
        raise ValidationFailed(message, fields={"to": message})
    return monitor


def load_monitors(
    board_ids: list[int], first: str | None = None, last: str | None = None
) -> dict[int, Monitor]:
    """Load the monitors of several boards at once, each as load_monitor() would: the same three
    queries with `board_id IN`, so that a region's overview does not cost three per board."""
    if not board_ids:
        return {}
    phases: dict[int, list] = {board_id: [] for board_id in board_ids}
    cells: dict[int, dict] = {board_id: {} for board_id in board_ids}
    lane_reach: dict[int, dict] = {board_id: {} for board_id in board_ids}
    seen: dict[int, set] = {board_id: set() for board_id in board_ids}
    groups: dict[int, list] = {board_id: [] for board_id in board_ids}
    for row in db.session.execute(
        db.select(Phase.board_id, Phase.id, Phase.name, Phase.demand_per_year)
        .where(Phase.board_id.in_(board_ids))
        .order_by(Phase.board_id, Phase.position, Phase.id)
    ):
        phases[row.board_id].append(row)
    # Summed in SQL per board, phase, quarter and lane: a few hundred rows, not one per card.
    own = Figure.card_id.is_(None).label("own")
    rows = db.session.execute(
        _live(
            db.select(
                Figure.board_id,
                Figure.period,
                Figure.phase_id,
                own,
                Card.lane_id,
                func.sum(Figure.reached).label("reached"),
                func.sum(Figure.moved_on).label("moved_on"),
                func.max(Figure.waiting_weeks).label("waiting_weeks"),
            ).where(Figure.board_id.in_(board_ids)),
            first,
            last,
        ).group_by(Figure.board_id, Figure.period, Figure.phase_id, own, Card.lane_id)
    ).all()
    for row in rows:
        seen[row.board_id].add(row.period)
        cell = cells[row.board_id].setdefault((row.phase_id, row.period), Cell())
        if row.own:
            cell.own = {k: getattr(row, k) for k in FIGURE_FIELDS if getattr(row, k) is not None}
            continue
        cell.add_cards(row.reached, row.moved_on, row.waiting_weeks)
        if row.reached is not None:
            lane_reach[row.board_id][(row.phase_id, row.period, row.lane_id)] = row.reached
    for group in db.session.execute(
        db.select(TargetGroup).where(TargetGroup.board_id.in_(board_ids)).order_by(TargetGroup.id)
    ).scalars():
        groups[group.board_id].append(group)
    result = {}
    for board_id in board_ids:
        found = sorted(seen[board_id])
        start = first or (found[0] if found else last)
        end = last or (found[-1] if found else first)
        periods = quarters(start, end) if start and end else []
        result[board_id] = Monitor(
            phases[board_id], periods, cells[board_id], lane_reach[board_id], groups[board_id]
        )
    return result


def latest_figures(board_id: int) -> dict:
    """Return each phase's figures in its own latest quarter with figures, as a round keeps them:
    {period: the board's latest such quarter or None, phases: {phase id as text: {period,
    reached, moved_on, conversion, waiting_weeks}}}. Per phase, because one phase's figures of a
    new quarter often come in before another's."""
    monitor = load_monitor(board_id)
    phases = {}
    for phase in monitor.phases:
        for period in reversed(monitor.periods):
            value = monitor.value(phase.id, period)
            if any(value[key] is not None for key in FIGURE_FIELDS):
                phases[str(phase.id)] = {"period": period, **value}
                break
    return {"period": monitor.periods[-1] if monitor.periods else None, "phases": phases}
