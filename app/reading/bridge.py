"""The bridge picture: one span per phase, its plank solid, cracked or missing.

Severity matters: a phase is missing only when it has no active offer, or when someone marked
the whole phase as a gap of high severity; anything less cracks it. Low-severity markers are
noted beside a span but do not crack it, and one weak offer among better ones is no crack.
Each crack has a cause (capacity, handover, marker, lanes, quality) that the picture names.
"""

from collections.abc import Iterator

from flask_babel import format_number, ngettext
from flask_babel import gettext as _

from app.boards.queries import BoardState
from app.reading.services.markers import OPEN

SPAN_WIDTH = 150
MARGIN = 20
HEIGHT = 230
SERIOUS = ("medium", "high")
STATUSES = ("solid", "cracked", "missing")


def cause_label(cause: str) -> str:
    """Return the short word the picture writes under a cracked span."""
    return {
        "capacity": _("capaciteit"),
        "handover": _("overdracht"),
        "marker": _("open markering"),
        "lanes": _("lege banen"),
        "quality": _("zwak aanbod"),
    }[cause]


def _phase_markers(markers, phase_id: int) -> list:
    """Open gaps and bottlenecks on a phase or one of its cells."""
    return [
        m
        for m in markers
        if m.kind in ("gap", "bottleneck") and m.status in OPEN and m.phase_id == phase_id
    ]


def _missing_marker(markers) -> object | None:
    """A high-severity gap marked on the whole phase (no lane, no cards)."""
    return next(
        (
            m
            for m in markers
            if m.kind == "gap" and m.lane_id is None and not m.cards and m.severity == "high"
        ),
        None,
    )


def _marker_reason(serious: list) -> str:
    gaps = sum(1 for m in serious if m.kind == "gap")
    bottlenecks = len(serious) - gaps
    parts = []
    if gaps:
        parts.append(ngettext("%(num)s open gat", "%(num)s open gaten", gaps))
    if bottlenecks:
        parts.append(ngettext("%(num)s open knelpunt", "%(num)s open knelpunten", bottlenecks))
    return ", ".join(parts)


def _cracks(row: dict, following: dict | None, empty: int, lanes: int, serious: list) -> list:
    """Say what weakens a phase that has offers: (cause, reason) pairs."""
    cracks = []
    if row["ratio"] is not None and row["ratio"] < 1:
        cracks.append(
            (
                "capacity",
                _(
                    "capaciteit %(c)s onder de opgave %(d)s huishoudens/jaar",
                    c=format_number(row["capacity_per_year"]),
                    d=format_number(row["demand_per_year"]),
                ),
            )
        )
    if following is not None and following["offers"] and not row["handovers_onward"]:
        cracks.append(
            ("handover", _("geen warme overdracht naar %(next)s", next=following["name"]))
        )
    if serious:
        cracks.append(("marker", _marker_reason(serious)))
    if empty:
        cracks.append(
            (
                "lanes",
                ngettext(
                    "%(num)s van %(m)s banen zonder aanbod",
                    "%(num)s van %(m)s banen zonder aanbod",
                    empty,
                    m=lanes,
                ),
            )
        )
    quality = row["quality"]
    if quality["weak"] and not quality["good"] and not quality["adequate"]:
        cracks.append(("quality", _("aanbod als zwak beoordeeld")))
    return cracks


def _notes(markers: list) -> list[str]:
    light = [m for m in markers if m.severity not in SERIOUS]
    if not light:
        return []
    return [
        ngettext(
            "%(num)s open punt met lage ernst", "%(num)s open punten met lage ernst", len(light)
        )
    ]


def _judge(row: dict, following: dict | None, empty: int, lanes: int, markers: list):
    """Return (status, causes, reasons) of one phase."""
    if not row["offers"]:
        return "missing", [], [_("geen actief aanbod in deze fase")]
    marked = _missing_marker(markers)
    if marked is not None:
        return "missing", [], [_("gemarkeerd als gat (ernst hoog): %(t)s", t=marked.title)]
    serious = [m for m in markers if m.severity in SERIOUS]
    cracks = _cracks(row, following, empty, lanes, serious)
    notes = _notes(markers)
    if cracks:
        return "cracked", [c for c, _r in cracks], [r for _c, r in cracks] + notes
    solid = (
        _("gedekt, genoeg capaciteit en een overdracht naar de volgende fase")
        if following is not None and following["offers"]
        else _("gedekt en genoeg capaciteit")
    )
    return "solid", [], [solid, *notes]


def judged(state: BoardState, figures: dict) -> Iterator[tuple]:
    """Judge each phase: yield (index, row, status, causes, reasons), status being solid
    (covered, enough capacity, handed on), cracked, or missing."""
    rows = figures["phases"]
    empty = {row["phase_id"]: 0 for row in rows}
    total = dict(empty)
    for cell in figures["cells"]:
        if cell["phase_id"] in total and (cell["lane_id"] is not None or not state.lanes):
            total[cell["phase_id"]] += 1
            empty[cell["phase_id"]] += 0 if cell["offers"] else 1
    for index, row in enumerate(rows):
        following = rows[index + 1] if index + 1 < len(rows) else None
        phase_id = row["phase_id"]
        yield (
            index,
            row,
            *_judge(
                row,
                following,
                empty[phase_id],
                total[phase_id],
                _phase_markers(state.markers, phase_id),
            ),
        )


def spans(state: BoardState, figures: dict) -> list[dict]:
    """The picture's spans: each phase judged, with the labels and reasons it shows."""
    result = []
    for index, row, status, causes, reasons in judged(state, figures):
        phase_id = row["phase_id"]
        result.append(
            {
                "phase_id": phase_id,
                "name": row["name"],
                "status": status,
                "causes": [{"key": c, "label": cause_label(c)} for c in causes],
                "reasons": reasons,
                # The short "why" that pages put beside the span's status.
                "why": ", ".join(cause_label(c) for c in causes)
                if causes
                else (reasons[0] if status == "missing" else ""),
                "x": MARGIN + index * SPAN_WIDTH,
            }
        )
    return result


def status_label(status: str) -> str:
    """Return the Dutch label (translated) of a span's status."""
    return {"solid": _("Heel"), "cracked": _("Gescheurd"), "missing": _("Ontbreekt")}[status]


def picture(state: BoardState, figures: dict) -> dict:
    """Return what the SVG template draws: spans and the picture's size."""
    parts = spans(state, figures)
    counts = {s: sum(1 for p in parts if p["status"] == s) for s in STATUSES}
    return {
        "spans": parts,
        "width": 2 * MARGIN + max(len(parts), 1) * SPAN_WIDTH,
        "height": HEIGHT,
        "span_width": SPAN_WIDTH,
        "counts": counts,
        "summary": " ".join(
            (
                ngettext("%(num)s fase heel,", "%(num)s fasen heel,", counts["solid"]),
                ngettext("%(num)s gescheurd,", "%(num)s gescheurd,", counts["cracked"]),
                ngettext("%(num)s ontbreekt.", "%(num)s ontbreken.", counts["missing"]),
            )
        ),
    }
