"""The funnel of one quarter: what the picture draws and the table beside it lists (one source).

Per phase: reached, moved on, conversion, drop-out (reached − moved on), waiting time, against
the phase's demand per year and its offers' household capacity per year (app/reading/offers.py).
A bar's width is its reach as a share of the widest phase's; bars are centred, so the picture
narrows where residents drop out.
"""

from dataclasses import dataclass

from flask_babel import format_number
from flask_babel import gettext as _

from app.extensions import db
from app.models import Card
from app.monitor.figures import Monitor, load_monitor
from app.reading.offers import counts, household_capacity

WIDTH, ROW, LABEL = 720, 56, 200  # the picture's width, a phase's height, the label column
BAR = WIDTH - LABEL - 16
NUMBER_ROOM = 64  # a bar narrower than this has its number beside it


@dataclass(frozen=True)
class Step:
    """One phase of the funnel, with the bar that draws it."""

    phase_id: int
    name: str
    reached: int | None
    moved_on: int | None
    conversion: float | None
    dropped: int | None
    waiting_weeks: int | None
    demand_per_year: int | None
    capacity_per_year: int | None
    x: float
    width: float
    y: int

    @property
    def label_inside(self) -> bool:
        """Tell whether the bar is wide enough to carry its number."""
        return self.width >= NUMBER_ROOM

    @property
    def label_x(self) -> float:
        """Where the number stands: the bar's middle, or just right of a narrow bar."""
        return self.x + self.width / 2 if self.label_inside else self.x + self.width + 6


def load_cards(board_id: int) -> list:
    """Load the live cards' columns the monitor page shows (one query)."""
    return db.session.execute(
        db.select(
            Card.id,
            Card.title,
            Card.phase_id,
            Card.lane_id,
            Card.organisation_id,
            Card.status,
            Card.capacity_per_year,
            Card.capacity_unit,
        )
        .where(Card.board_id == board_id, Card.deleted_at.is_(None))
        .order_by(Card.phase_id, Card.position, Card.id)
    ).all()


def capacities(cards: list) -> dict[int, int | None]:
    """Return each phase's household capacity per year (None: no offer states one)."""
    total: dict[int, int | None] = {}
    for card in cards:
        households = household_capacity(card.capacity_unit, card.capacity_per_year)
        if counts(card) and households is not None:
            total[card.phase_id] = (total.get(card.phase_id) or 0) + households
    return total


def steps(monitor: Monitor, period: str, capacity: dict) -> list[Step]:
    """Return the funnel of a quarter, one step per phase in the board's order."""
    values = {p.id: monitor.value(p.id, period) for p in monitor.phases}
    widest = max((v["reached"] or 0 for v in values.values()), default=0)
    result = []
    for index, phase in enumerate(monitor.phases):
        v = values[phase.id]
        share = (v["reached"] or 0) / widest if widest else 0
        width = round(max(share * BAR, 2 if v["reached"] is not None else 0), 1)
        dropped = (
            v["reached"] - v["moved_on"]
            if v["reached"] is not None and v["moved_on"] is not None
            else None
        )
        result.append(
            Step(
                phase_id=phase.id,
                name=phase.name,
                reached=v["reached"],
                moved_on=v["moved_on"],
                conversion=v["conversion"],
                dropped=dropped,
                waiting_weeks=v["waiting_weeks"],
                demand_per_year=phase.demand_per_year,
                capacity_per_year=capacity.get(phase.id),
                x=round(LABEL + (BAR - width) / 2, 1),
                width=width,
                y=index * ROW,
            )
        )
    return result


def summary(period: str, funnel: list[Step]) -> str:
    """Tell the funnel in one sentence, for the picture's <desc>."""
    known = [s for s in funnel if s.reached is not None]
    if not known:
        return _("Geen cijfers voor %(period)s.", period=period)
    parts = [f"{s.name}: {format_number(s.reached)}" for s in known]
    return _("Bereikt per fase in %(period)s: %(parts)s.", period=period, parts="; ".join(parts))


def picture(funnel: list[Step], period: str) -> dict:
    """Return the picture's size and its one-sentence description."""
    return {
        "width": WIDTH,
        "height": max(len(funnel), 1) * ROW,
        "label": LABEL,
        "summary": summary(period, funnel),
    }


def latest_funnel(board_id: int) -> dict | None:
    """Return the funnel of the latest quarter with figures, for the report and the read-only
    view (None when the board has no figures): {period, steps, picture}."""
    monitor = load_monitor(board_id)
    if not monitor.periods:
        return None
    period = monitor.periods[-1]
    drawn = steps(monitor, period, capacities(load_cards(board_id)))
    return {"period": period, "steps": drawn, "picture": picture(drawn, period)}
