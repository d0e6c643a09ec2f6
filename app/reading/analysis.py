"""Read a board through the three lenses: figures per phase and cell, and suggestions.

Rules (DOMAIN.md):
- Stopped offers (status "stopped") count for nothing: not for coverage, capacity or handovers.
- Capacity is summed only over cards whose unit counts households per year (HOUSEHOLD_UNITS),
  because demand per phase is a number of households; other units are reported beside it,
  per unit, never added in. A phase whose offers state no household figure has capacity None
  (unknown), which is not the same as 0.
- Handovers count only between live, active cards; `handovers_in` of a phase or cell counts
  handovers arriving at its cards, `handovers_out` those leaving them.
- Open markers are those open or being addressed; a marker on cards counts in the cells of
  its cards, a marker on a phase (without lane) only in the phase.
"""

from app.boards.queries import BoardState
from app.reading.offers import HOUSEHOLD_UNITS, counts, household_capacity
from app.reading.rules import suggest
from app.reading.services.markers import OPEN

QUALITIES = ("good", "adequate", "weak")


def _ratio(capacity: int | None, demand: int | None) -> float | None:
    return round(capacity / demand, 2) if capacity is not None and demand else None


class _Tally:
    """Running figures for one phase or cell."""

    def __init__(self):
        self.offers = 0
        self.capacity: int | None = None
        self.other: dict[str, int] = {}
        self.quality = dict.fromkeys((*QUALITIES, "unjudged"), 0)
        self.handovers_in = self.handovers_out = 0
        self.markers: dict[str, int] = {"gap": 0, "overlap": 0, "bottleneck": 0}
        self.dropouts = 0

    def add_card(self, card) -> None:
        self.offers += 1
        self.quality[card.quality if card.quality in QUALITIES else "unjudged"] += 1
        households = household_capacity(card.capacity_unit, card.capacity_per_year)
        if households is not None:
            self.capacity = (self.capacity or 0) + households
        elif card.capacity_per_year is not None:
            self.other[card.capacity_unit] = (
                self.other.get(card.capacity_unit, 0) + card.capacity_per_year
            )

    def add_marker(self, marker) -> None:
        self.markers[marker.kind] += 1
        if marker.kind == "bottleneck":
            self.dropouts += marker.dropouts_per_year or 0

    def to_json(self, demand: int | None, coverage: float) -> dict:
        return {
            "coverage": coverage,
            "offers": self.offers,
            "demand_per_year": demand,
            "capacity_per_year": self.capacity,
            "other_capacity": self.other,
            "ratio": _ratio(self.capacity, demand),
            "quality": self.quality,
            "handovers_in": self.handovers_in,
            "handovers_out": self.handovers_out,
            "open_markers": sum(self.markers.values()),
            "open_by_kind": self.markers,
            "dropouts_per_year": self.dropouts,
        }


def _marker_places(marker, phase_of: dict, cell_of: dict) -> tuple[set, set]:
    """Return the phases and cells a marker is on."""
    if marker.cards:
        cells = {cell_of[c.id] for c in marker.cards if c.id in cell_of}
        return {cell[0] for cell in cells}, cells
    if marker.phase_id not in phase_of:
        return set(), set()
    cells = {(marker.phase_id, marker.lane_id)} if marker.lane_id is not None else set()
    return {marker.phase_id}, cells


def figures(state: BoardState) -> dict:
    """Compute the lens figures per phase and per cell (plain loops over the loaded state)."""
    phase_of = {p.id: p for p in state.phases}
    lane_ids = [lane.id for lane in state.lanes] or [None]
    active = [c for c in state.cards if counts(c)]
    cell_of = {c.id: (c.phase_id, c.lane_id) for c in active}
    phases = {p.id: _Tally() for p in state.phases}
    cells = {(p.id, lane): _Tally() for p in state.phases for lane in lane_ids}
    for card in active:
        phases[card.phase_id].add_card(card)
        cells.setdefault(cell_of[card.id], _Tally()).add_card(card)
    order = {p.id: i for i, p in enumerate(state.phases)}
    onward = dict.fromkeys(phase_of, 0)
    for handover in state.handovers:
        source, target = cell_of.get(handover.from_card_id), cell_of.get(handover.to_card_id)
        if source is None or target is None:
            continue
        phases[source[0]].handovers_out += 1
        cells[source].handovers_out += 1
        phases[target[0]].handovers_in += 1
        cells[target].handovers_in += 1
        if order[target[0]] == order[source[0]] + 1:
            onward[source[0]] += 1
    for marker in state.markers:
        if marker.status not in OPEN:
            continue
        marker_phases, marker_cells = _marker_places(marker, phase_of, cell_of)
        for phase_id in marker_phases:
            phases[phase_id].add_marker(marker)
        for cell in marker_cells:
            cells.setdefault(cell, _Tally()).add_marker(marker)
    phase_rows = []
    for phase in state.phases:
        covered = sum(1 for lane in lane_ids if cells[(phase.id, lane)].offers)
        phase_rows.append(
            {
                "phase_id": phase.id,
                "name": phase.name,
                **phases[phase.id].to_json(
                    phase.demand_per_year, round(covered / len(lane_ids), 2)
                ),
                "handovers_onward": onward[phase.id],
            }
        )
    cell_rows = [
        {
            "phase_id": phase_id,
            "lane_id": lane_id,
            **tally.to_json(None, 1.0 if tally.offers else 0.0),
        }
        for (phase_id, lane_id), tally in cells.items()
    ]
    return {"phases": phase_rows, "cells": cell_rows}


def analyse(state: BoardState) -> dict:
    """Return the figures of the three lenses plus the board's suggestions."""
    result = figures(state)
    return {
        "board_id": state.board.id,
        "seq": state.board.seq,
        "household_units": sorted(HOUSEHOLD_UNITS),
        **result,
        "suggestions": suggest(state, result),
    }
