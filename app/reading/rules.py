"""The board proposes, people decide: suggestion rules over the analysed board.

- gap: a cell (phase × lane; the phase when the board has no lanes) without an active offer.
- capacity_gap: a phase with demand whose household capacity is known and below it.
- overlap: in one cell, two or more organisations of the same kind (e.g. two energy
  cooperatives) each with an active offer; kind "overig" is too vague to call an overlap.
- break: two consecutive phases both with active offers but no handover from the first
  to the second (a break in the bridge, where residents drop out).
- other features add rules with `add_rule`: the monitor's figures (app/monitor/rules.py).

A title names the place or the matter, never the kind: pages put the kind's label before it
("Gat: Oriëntatie × Huurwoningen"), and an accepted suggestion's title becomes a marker's.

A suggestion is left out while a marker already covers it (accepted, or marked by hand), and
while it is dismissed with the same fingerprint; the fingerprint describes the situation, so a
change (other cards, other figures) brings the suggestion back. Known limit: an empty cell has
one situation ("empty"), so a dismissed gap stays dismissed even after the cell was filled and
emptied again.
"""

import hashlib
from collections.abc import Callable, Iterable

from flask_babel import format_number
from flask_babel import gettext as _

from app.boards.queries import BoardState
from app.extensions import db
from app.models import SuggestionDismissal
from app.reading.offers import counts

VAGUE_KINDS = {"overig"}
# Rules that other features add (the monitor's figures): fn(state) -> iterable of suggestions.
_added_rules: list[Callable[[BoardState], Iterable[dict]]] = []
# Marker statuses that still speak for a situation; a resolved marker lets it be suggested again.
COVERING = ("open", "being_addressed", "dismissed")


def add_rule(rule: Callable[[BoardState], Iterable[dict]]) -> None:
    """Let another feature propose suggestions: rule(state) yields them (see make_suggestion)."""
    if rule not in _added_rules:
        _added_rules.append(rule)


def fingerprint(*parts) -> str:
    """Return a short digest of the situation behind a suggestion."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def make_suggestion(
    key: str,
    kind: str,
    marker_kind: str,
    title: str,
    reason: str,
    print_: str,
    phase_id=None,
    lane_id=None,
    card_ids=(),
) -> dict:
    return {
        "key": key,
        "kind": kind,
        "marker_kind": marker_kind,
        "phase_id": phase_id,
        "lane_id": lane_id,
        "card_ids": sorted(card_ids),
        "title": title,
        "reason": reason,
        "fingerprint": print_,
    }


def _gaps(state, phase_names, lane_names, active_cells):
    for phase in state.phases:
        for lane in state.lanes or [None]:
            lane_id = lane.id if lane else None
            if active_cells.get((phase.id, lane_id)):
                continue
            where = (
                f"{phase_names[phase.id]} × {lane_names[lane_id]}"
                if lane
                else phase_names[phase.id]
            )
            yield make_suggestion(
                f"gap-{phase.id}-{lane_id or 0}",
                "gap",
                "gap",
                where,
                _("Er is geen actief aanbod in %(where)s.", where=where),
                fingerprint("empty"),
                phase.id,
                lane_id,
            )


def _capacity_gaps(figures):
    for row in figures["phases"]:
        demand, capacity = row["demand_per_year"], row["capacity_per_year"]
        if demand and capacity is not None and capacity < demand:
            yield make_suggestion(
                f"capacity-{row['phase_id']}",
                "capacity_gap",
                "gap",
                _("Te weinig capaciteit in %(phase)s", phase=row["name"]),
                _(
                    "De capaciteit (%(capacity)s huishoudens/jaar) is lager dan de opgave "
                    "(%(demand)s huishoudens/jaar) in %(phase)s.",
                    capacity=format_number(capacity),
                    demand=format_number(demand),
                    phase=row["name"],
                ),
                fingerprint(demand, capacity),
                row["phase_id"],
            )


def _overlaps(state, phase_names, lane_names, active_cells):
    kind_of = {o.id: o.kind for o in state.organisations}
    for (phase_id, lane_id), cards in active_cells.items():
        by_kind: dict[str, list] = {}
        for card in cards:
            by_kind.setdefault(kind_of.get(card.organisation_id), []).append(card)
        for kind, group in sorted(by_kind.items(), key=lambda item: str(item[0])):
            if kind in VAGUE_KINDS or len({c.organisation_id for c in group}) < 2:
                continue
            where = (
                f"{phase_names[phase_id]} × {lane_names[lane_id]}"
                if lane_id
                else phase_names[phase_id]
            )
            ids = [c.id for c in group]
            yield make_suggestion(
                f"overlap-{phase_id}-{lane_id or 0}-{kind}",
                "overlap",
                "overlap",
                where,
                _(
                    "%(n)s organisaties van dezelfde soort bieden hier hetzelfde aan (%(where)s).",
                    n=len({c.organisation_id for c in group}),
                    where=where,
                ),
                fingerprint(sorted(ids)),
                phase_id,
                lane_id,
                ids,
            )


def _breaks(state, figures, phase_names, active_by_phase):
    rows = figures["phases"]
    for row, following in zip(rows, rows[1:], strict=False):
        here, there = row["phase_id"], following["phase_id"]
        if row["offers"] and following["offers"] and not row["handovers_onward"]:
            ids = sorted(active_by_phase[here] + active_by_phase[there])
            yield make_suggestion(
                f"break-{here}-{there}",
                "break",
                "bottleneck",
                _(
                    "Geen overdracht van %(a)s naar %(b)s",
                    a=phase_names[here],
                    b=phase_names[there],
                ),
                _(
                    "Er is geen overdracht van %(a)s naar %(b)s: hier kunnen bewoners afhaken.",
                    a=phase_names[here],
                    b=phase_names[there],
                ),
                fingerprint(ids),
                here,
            )


class _Covering:
    """What the board's markers already speak for, indexed once per analysis."""

    def __init__(self, markers):
        speaking = [m for m in markers if m.status in COVERING]
        self.keys = {m.suggestion_key for m in speaking if m.suggestion_key}
        # A gap marker on a whole phase (lane None) covers every cell of it.
        self.gaps = {(m.phase_id, m.lane_id) for m in speaking if m.kind == "gap" and not m.cards}
        self.overlaps = [{c.id for c in m.cards} for m in speaking if m.kind == "overlap"]

    def __contains__(self, suggestion: dict) -> bool:
        if suggestion["key"] in self.keys:
            return True
        if suggestion["kind"] == "gap":
            return bool(
                {(suggestion["phase_id"], None), (suggestion["phase_id"], suggestion["lane_id"])}
                & self.gaps
            )
        if suggestion["kind"] == "overlap":
            return any(set(suggestion["card_ids"]) <= cards for cards in self.overlaps)
        return False


def suggest(state: BoardState, figures: dict) -> list[dict]:
    """Return the board's open suggestions (one more query: the dismissals; added rules may
    read more, a constant number)."""
    phase_names = {p.id: p.name for p in state.phases}
    lane_names = {lane.id: lane.name for lane in state.lanes}
    active_cells: dict[tuple, list] = {}
    active_by_phase: dict[int, list[int]] = {p.id: [] for p in state.phases}
    for card in state.cards:
        if counts(card):
            active_cells.setdefault((card.phase_id, card.lane_id), []).append(card)
            active_by_phase[card.phase_id].append(card.id)
    dismissed = dict(
        db.session.execute(
            db.select(SuggestionDismissal.key, SuggestionDismissal.fingerprint).filter_by(
                board_id=state.board.id
            )
        ).all()
    )
    candidates = [
        *_gaps(state, phase_names, lane_names, active_cells),
        *_capacity_gaps(figures),
        *_overlaps(state, phase_names, lane_names, active_cells),
        *_breaks(state, figures, phase_names, active_by_phase),
        *(suggestion for rule in _added_rules for suggestion in rule(state)),
    ]
    covering = _Covering(state.markers)
    return [
        s for s in candidates if dismissed.get(s["key"]) != s["fingerprint"] and s not in covering
    ]
