"""Suggestions from the figures: the board proposes, people decide (as app/reading/rules.py).

- waiting_growing (a bottleneck): a phase whose waiting time grew in each of the last two
  quarters of the board's figures (three quarters in a row, each longer than the one before).
- conversion_break (a break in the bridge): in the latest quarter with figures, a phase whose
  conversion is below half the median of the other phases' conversions (at least two others).
- unfound_offer (an offer nobody finds): an active card with capacity whose reach in the latest
  quarter with figures is 0, or missing while other cards of its phase do have a reach then.
"""

from statistics import median

from flask_babel import format_number
from flask_babel import gettext as _

from app.boards.queries import BoardState
from app.monitor.figures import Monitor, card_figures, load_monitor
from app.reading.offers import counts
from app.reading.rules import fingerprint, make_suggestion

# "Far below": less than this share of the other phases' median conversion.
FAR_BELOW = 0.5


def _waiting_growing(monitor: Monitor, names: dict):
    last = monitor.periods[-3:]
    if len(last) < 3:
        return
    for phase in monitor.phases:
        weeks = [monitor.value(phase.id, p)["waiting_weeks"] for p in last]
        if None in weeks or not weeks[0] < weeks[1] < weeks[2]:
            continue
        yield make_suggestion(
            f"waiting-{phase.id}",
            "waiting_growing",
            "bottleneck",
            _("Wachttijd groeit in %(phase)s", phase=names[phase.id]),
            _(
                "De wachttijd in %(phase)s groeit al twee kwartalen: %(a)s → %(b)s → %(c)s weken "
                "(%(first)s tot %(last)s).",
                phase=names[phase.id],
                a=weeks[0],
                b=weeks[1],
                c=weeks[2],
                first=last[0],
                last=last[-1],
            ),
            fingerprint(last, weeks),
            phase.id,
        )


def _conversion_breaks(monitor: Monitor, names: dict, period: str):
    rates = {
        phase.id: rate
        for phase in monitor.phases
        if (rate := monitor.value(phase.id, period)["conversion"]) is not None
    }
    for phase_id, rate in rates.items():
        others = [r for other, r in rates.items() if other != phase_id]
        if len(others) < 2 or rate >= FAR_BELOW * median(others):
            continue
        yield make_suggestion(
            f"conversion-{phase_id}",
            "conversion_break",
            "bottleneck",
            _("Lage doorstroom in %(phase)s", phase=names[phase_id]),
            _(
                "In %(period)s stroomde %(rate)s van de bewoners in %(phase)s door, minder dan "
                "de helft van de andere fasen (mediaan %(median)s): hier haken bewoners af.",
                period=period,
                rate=format_number(round(rate * 100)) + "%",
                phase=names[phase_id],
                median=format_number(round(median(others) * 100)) + "%",
            ),
            fingerprint(period, rate),
            phase_id,
        )


def _unfound_offers(state: BoardState, names: dict, period: str):
    figures = card_figures(state.board.id, period)
    reach = {card_id: row.reached for card_id, row in figures.items()}
    counted_phases = {row.phase_id for row in figures.values() if row.reached}
    organisation = {o.id: o.name for o in state.organisations}
    for card in state.cards:
        if not counts(card) or not card.capacity_per_year:
            continue
        reached = reach.get(card.id)
        if reached or (reached is None and card.phase_id not in counted_phases):
            continue
        yield make_suggestion(
            f"unfound-{card.id}",
            "unfound_offer",
            "gap",
            _(
                "Geen bereik: aanbod van %(organisation)s in %(phase)s",
                organisation=organisation.get(card.organisation_id, "?"),
                phase=names[card.phase_id],
            ),
            _(
                "Dit aanbod heeft capaciteit (%(capacity)s %(unit)s) maar bereikte in %(period)s "
                "niemand: vinden bewoners het?",
                capacity=format_number(card.capacity_per_year),
                unit=card.capacity_unit,
                period=period,
            ),
            fingerprint(period, reached),
            card.phase_id,
            card.lane_id,
            [card.id],
        )


def figure_suggestions(state: BoardState) -> list[dict]:
    """Return the suggestions the board's figures give (four queries, whatever its size)."""
    monitor = load_monitor(state.board.id)
    if not monitor.periods:
        return []
    names = {p.id: p.name for p in state.phases}
    latest = monitor.periods[-1]
    return [
        *_waiting_growing(monitor, names),
        *_conversion_breaks(monitor, names, latest),
        *_unfound_offers(state, names, latest),
    ]
