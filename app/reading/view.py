"""What the canvas shows from this package: badges, lens figures and bridge status per place."""

from dataclasses import dataclass, field

from flask_babel import gettext as _

from app.boards.queries import BoardState
from app.reading.analysis import figures
from app.reading.bridge import spans
from app.reading.offers import counts
from app.reading.rendering import marker_filter, reading_context
from app.reading.rules import suggest
from app.reading.services.markers import OPEN

SEVERITY_HEAT = {"low": 1, "medium": 2, "high": 3}


@dataclass
class ReadingView:
    """Prepared per phase, cell and card, so that the templates only look things up."""

    phases: dict[int, dict] = field(default_factory=dict)
    cells: dict[tuple, dict] = field(default_factory=dict)
    cards: dict[int, dict] = field(default_factory=dict)
    texts: dict = field(default_factory=dict)

    def cell(self, phase_id: int, lane_id: int | None) -> dict:
        """Return a cell's figures and markers (an empty cell has them too)."""
        return self.cells.get((phase_id, lane_id)) or {"markers": [], "offers": 0, "heat": 0}


def _band(ratio: float | None) -> str:
    if ratio is None:
        return "unknown"
    return "under" if ratio < 1 else "enough"


def reading_view(state: BoardState, result: dict | None = None) -> ReadingView:
    """Prepare the canvas overlay from the loaded board state (no further queries); `result`
    is the state's `figures`, when the caller has them already."""
    result = result if result is not None else figures(state)
    # Translated once per page, not once per card.
    view = ReadingView(
        texts={
            "quality": {
                "good": _("Kwaliteit: goed"),
                "adequate": _("Kwaliteit: voldoende"),
                "weak": _("Kwaliteit: zwak"),
            },
            "entry": _("Ingang"),
            "handovers": _("overdrachten"),
            "no_handovers": _("Geen overdrachten"),
        }
    )
    bridge = {span["phase_id"]: span for span in spans(state, result)}
    for row in result["phases"]:
        view.phases[row["phase_id"]] = {
            **row,
            "band": _band(row["ratio"]),
            "markers": [],
            "span": bridge[row["phase_id"]],
        }
    for row in result["cells"]:
        view.cells[(row["phase_id"], row["lane_id"])] = {**row, "markers": [], "heat": 0}
    by_id = {c.id: c for c in state.cards}
    for card in state.cards:
        view.cards[card.id] = {
            "markers": [],
            "out": [],
            "in": [],
            "entry": False,
            "active": counts(card),
        }
    for handover in state.handovers:
        source, target = by_id.get(handover.from_card_id), by_id.get(handover.to_card_id)
        if source is None or target is None:
            continue
        view.cards[source.id]["out"].append((handover, target))
        view.cards[target.id]["in"].append((handover, source))
    for entry in view.cards.values():
        entry["entry"] = entry["active"] and not entry["in"]
        # The coherent lens's usual words ("Ingang", "Geen overdrachten") are not repeated in
        # every card: reading.js puts them in from one template when the lens is switched on.
        entry["plain"] = entry["entry"] and not entry["out"]
    for marker in state.markers:
        if marker.status not in OPEN:
            continue
        heat = SEVERITY_HEAT.get(marker.severity, 2) if marker.kind == "bottleneck" else 0
        if marker.cards:
            for card in marker.cards:
                if card.id in view.cards:
                    view.cards[card.id]["markers"].append(marker)
        elif marker.lane_id is not None and (marker.phase_id, marker.lane_id) in view.cells:
            cell = view.cells[(marker.phase_id, marker.lane_id)]
            cell["markers"].append(marker)
            cell["heat"] = max(cell["heat"], heat)
        elif marker.phase_id in view.phases:
            view.phases[marker.phase_id]["markers"].append(marker)
            for (phase_id, _lane), cell in view.cells.items():
                if phase_id == marker.phase_id:
                    cell["heat"] = max(cell["heat"], heat)
    for card in state.cards:
        entry = view.cards[card.id]
        entry["says"] = bool(entry["markers"] or card.quality or not entry["plain"])
    return view


def overlay_cards(state: BoardState, view: ReadingView, wanted: set[int] | None) -> list:
    """Return the cards whose parts an overlay holds: every card, or the ones asked for and
    their handover partners (whose lists name them)."""
    if wanted is None:
        return state.cards
    scope = set(wanted)
    for card_id in wanted & view.cards.keys():
        entry = view.cards[card_id]
        scope.update(other.id for _handover, other in entry["out"] + entry["in"])
    return [card for card in state.cards if card.id in scope]


def page_extension(state: BoardState, role: str) -> dict:
    """Give the canvas template the reading overlay and the side panel's lists, so the page
    comes with them (registered with the canvas page)."""
    wanted = marker_filter()
    result = figures(state)  # once: a 2,000-card board's figures cost ~10 ms
    return {
        "reading": reading_view(state, result),
        "wanted": wanted,
        "suggestions": suggest(state, result),
        **reading_context(state, wanted),
    }
