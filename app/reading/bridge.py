"""The bridge picture: one span per phase, its plank solid, cracked or missing."""

from flask_babel import format_number
from flask_babel import gettext as _

from app.boards.queries import BoardState
from app.reading.services.markers import OPEN

SPAN_WIDTH = 150
MARGIN = 20
HEIGHT = 190


def _whole_phase_gap(markers, phase_id: int) -> bool:
    return any(
        m.kind == "gap"
        and m.status in OPEN
        and m.phase_id == phase_id
        and m.lane_id is None
        and not m.cards
        for m in markers
    )


def _cracks(row: dict, following: dict | None, empty_cells: int, cells: int) -> list[str]:
    """Say what weakens a phase that has offers."""
    reasons = []
    if empty_cells:
        reasons.append(_("%(n)s van %(m)s banen zonder aanbod", n=empty_cells, m=cells))
    if row["ratio"] is not None and row["ratio"] < 1:
        reasons.append(
            _(
                "capaciteit %(c)s onder de opgave %(d)s huishoudens/jaar",
                c=format_number(row["capacity_per_year"]),
                d=format_number(row["demand_per_year"]),
            )
        )
    if row["open_by_kind"]["gap"]:
        reasons.append(_("%(n)s open gat(en) gemarkeerd", n=row["open_by_kind"]["gap"]))
    if row["open_by_kind"]["bottleneck"]:
        reasons.append(_("%(n)s open knelpunt(en)", n=row["open_by_kind"]["bottleneck"]))
    quality = row["quality"]
    if quality["weak"] and not quality["good"] and not quality["adequate"]:
        reasons.append(_("aanbod als zwak beoordeeld"))
    if following is not None and following["offers"] and not row["handovers_onward"]:
        reasons.append(_("geen warme overdracht naar %(next)s", next=following["name"]))
    return reasons


def spans(state: BoardState, figures: dict) -> list[dict]:
    """Judge each phase: solid (covered, enough capacity, handed on), cracked, or missing."""
    rows = figures["phases"]
    empty = {row["phase_id"]: 0 for row in rows}
    total = dict(empty)
    for cell in figures["cells"]:
        if cell["phase_id"] in total and (cell["lane_id"] is not None or not state.lanes):
            total[cell["phase_id"]] += 1
            empty[cell["phase_id"]] += 0 if cell["offers"] else 1
    result = []
    for index, row in enumerate(rows):
        following = rows[index + 1] if index + 1 < len(rows) else None
        if not row["offers"]:
            status, reasons = "missing", [_("geen aanbod in deze fase")]
        elif _whole_phase_gap(state.markers, row["phase_id"]):
            status, reasons = "missing", [_("gemarkeerd als gat")]
        else:
            reasons = _cracks(row, following, empty[row["phase_id"]], total[row["phase_id"]])
            status = "cracked" if reasons else "solid"
        result.append(
            {
                "phase_id": row["phase_id"],
                "name": row["name"],
                "status": status,
                "reasons": reasons
                or [_("gedekt, genoeg capaciteit en een overdracht naar de volgende fase")],
                "x": MARGIN + index * SPAN_WIDTH,
            }
        )
    return result


STATUSES = ("solid", "cracked", "missing")


def status_label(status: str) -> str:
    """Return the Dutch label (translated) of a span's status."""
    return {"solid": _("Heel"), "cracked": _("Gescheurd"), "missing": _("Ontbreekt")}[status]


def picture(state: BoardState, figures: dict) -> dict:
    """Return what the SVG template draws: spans and the picture's size."""
    parts = spans(state, figures)
    return {
        "spans": parts,
        "width": 2 * MARGIN + max(len(parts), 1) * SPAN_WIDTH,
        "height": HEIGHT,
        "span_width": SPAN_WIDTH,
        "counts": {s: sum(1 for p in parts if p["status"] == s) for s in STATUSES},
    }
