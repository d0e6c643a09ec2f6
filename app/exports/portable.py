"""A whole board as portable JSON, and a new board from it (also a template for another town).

Ids become local references ("phase-1", "card-3", ...) so that export -> import -> export gives
the same document apart from timestamps. People (members, authors), share links, meetings and
history stay behind: the document describes the structure, not who worked on it.
"""

import json
from datetime import date
from typing import Annotated, Literal

from flask_babel import gettext as _
from pydantic import Field, StringConstraints

from app.boards.queries import BoardState
from app.boards.schemas import Color, Demand, OrganisationKind
from app.cards.schemas import Capacity, CardStatus, Quality
from app.errors import ServiceError, ValidationFailed
from app.models._types import iso, utcnow
from app.reading.schemas import Dropouts, MarkerKind, MarkerStatus, NextStepStatus, Note, Severity
from app.validation import Description, Name, Schema, Title, parse, text

FORMAT = "brugwerk.board"
VERSION = 1
LIMITS = {
    "phases": 15,
    "lanes": 12,
    "organisations": 200,
    "cards": 3000,
    "markers": 1000,
    "handovers": 3000,
    "next_steps": 500,
}

Ref = Annotated[str, StringConstraints(pattern=r"^[a-z_]+-[0-9]{1,6}$", max_length=20)]


class TooLarge(ServiceError):
    status = 413
    code = "too_large"


class PhaseIn(Schema):
    ref: Ref
    name: Name
    demand_per_year: Demand | None = None


class LaneIn(Schema):
    ref: Ref
    name: Name


class OrganisationIn(Schema):
    ref: Ref
    name: Name
    kind: OrganisationKind = "overig"
    color: Color = "#0b5fa5"
    contact: text(200, min_length=0) = ""


class CardIn(Schema):
    ref: Ref
    phase: Ref
    lane: Ref | None = None
    organisation: Ref
    title: Title
    description: Description = ""
    capacity_per_year: Capacity | None = None
    capacity_unit: text(40) = "huishoudens/jaar"
    status: CardStatus = "existing"
    quality: Quality | None = None
    quality_reason: text(500, min_length=0) = ""


class MarkerIn(Schema):
    ref: Ref
    kind: MarkerKind
    title: Title
    phase: Ref | None = None
    lane: Ref | None = None
    cards: Annotated[list[Ref], Field(max_length=200)] = []
    note: Description = ""
    severity: Severity = "medium"
    status: MarkerStatus = "open"
    dropouts_per_year: Dropouts | None = None


class HandoverIn(Schema):
    from_card: Ref
    to_card: Ref
    note: Note = ""


class LearningIn(Schema):
    text: text(5000)
    learned_on: date | None = None


class NextStepIn(Schema):
    ref: Ref
    title: Title
    goal: Description = ""
    owner: Ref | None = None
    participants: Note = ""
    start_date: date | None = None
    due_date: date | None = None
    status: NextStepStatus = "proposed"
    markers: Annotated[list[Ref], Field(max_length=200)] = []
    learnings: Annotated[list[LearningIn], Field(max_length=200)] = []


class BoardDocument(Schema):
    format: Literal["brugwerk.board"]
    version: Literal[1]
    exported_at: str | None = Field(default=None, max_length=40)
    name: text(200)
    phases: list[PhaseIn] = []
    lanes: list[LaneIn] = []
    organisations: list[OrganisationIn] = []
    cards: list[CardIn] = []
    markers: list[MarkerIn] = []
    handovers: list[HandoverIn] = []
    next_steps: list[NextStepIn] = []


# -- Export ---------------------------------------------------------------------------------


def export_board(state: BoardState) -> dict:
    """Return the board as a portable document with local references instead of ids."""
    ref: dict[tuple[str, int], str] = {}

    def ref_of(kind: str, entity_id: int | None) -> str | None:
        return ref.get((kind, entity_id)) if entity_id is not None else None

    def number(kind: str, entities) -> None:
        for index, entity in enumerate(entities, start=1):
            ref[(kind, entity.id)] = f"{kind}-{index}"

    cells = state.cells()
    cards = [
        card
        for phase in state.phases
        for lane in [*state.lanes, None]
        for card in cells.get((phase.id, lane.id if lane else None), [])
    ]
    for kind, entities in (
        ("phase", state.phases),
        ("lane", state.lanes),
        ("org", state.organisations),
        ("card", cards),
        ("marker", state.markers),
        ("step", state.next_steps),
    ):
        number(kind, entities)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": iso(utcnow()),
        "name": state.board.name,
        "phases": [
            {"ref": ref_of("phase", p.id), "name": p.name, "demand_per_year": p.demand_per_year}
            for p in state.phases
        ],
        "lanes": [{"ref": ref_of("lane", lane.id), "name": lane.name} for lane in state.lanes],
        "organisations": [
            {
                "ref": ref_of("org", o.id),
                "name": o.name,
                "kind": o.kind,
                "color": o.color,
                "contact": o.contact,
            }
            for o in state.organisations
        ],
        "cards": [
            {
                "ref": ref_of("card", c.id),
                "phase": ref_of("phase", c.phase_id),
                "lane": ref_of("lane", c.lane_id),
                "organisation": ref_of("org", c.organisation_id),
                "title": c.title,
                "description": c.description,
                "capacity_per_year": c.capacity_per_year,
                "capacity_unit": c.capacity_unit,
                "status": c.status,
                "quality": c.quality,
                "quality_reason": c.quality_reason,
            }
            for c in cards
        ],
        "markers": [
            {
                "ref": ref_of("marker", m.id),
                "kind": m.kind,
                "title": m.title,
                "phase": ref_of("phase", m.phase_id),
                "lane": ref_of("lane", m.lane_id),
                "cards": [r for r in (ref_of("card", c.id) for c in m.cards) if r],
                "note": m.note,
                "severity": m.severity,
                "status": m.status,
                "dropouts_per_year": m.dropouts_per_year,
            }
            for m in state.markers
        ],
        "handovers": [
            {
                "from_card": ref_of("card", h.from_card_id),
                "to_card": ref_of("card", h.to_card_id),
                "note": h.note,
            }
            for h in state.handovers
            if ref_of("card", h.from_card_id) and ref_of("card", h.to_card_id)
        ],
        "next_steps": [
            {
                "ref": ref_of("step", s.id),
                "title": s.title,
                "goal": s.goal,
                "owner": ref_of("org", s.owner_organisation_id),
                "participants": s.participants,
                "start_date": s.start_date.isoformat() if s.start_date else None,
                "due_date": s.due_date.isoformat() if s.due_date else None,
                "status": s.status,
                "markers": [ref_of("marker", m.id) for m in s.markers],
                "learnings": [
                    {
                        "text": lr.text,
                        "learned_on": lr.learned_on.isoformat() if lr.learned_on else None,
                    }
                    for lr in s.learnings
                ],
            }
            for s in state.next_steps
        ],
    }


# -- Import ---------------------------------------------------------------------------------


def read_document(raw: bytes) -> BoardDocument:
    """Parse and check an uploaded document completely before anything is written."""
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        raise ValidationFailed(_("Dit is geen geldig JSON-bestand."), code="invalid_json") from None
    if not isinstance(data, dict):
        raise ValidationFailed(_("Verwacht een bord-export (een JSON-object)."))
    for key, limit in LIMITS.items():
        if isinstance(data.get(key), list) and len(data[key]) > limit:
            raise TooLarge(
                _("Te groot om in te lezen: maximaal %(n)s %(what)s.", n=limit, what=key),
                fields={key: _("Maximaal %(n)s.", n=limit)},
            )
    document = parse(BoardDocument, data)
    _check_references(document)
    return document


def _check_references(doc: BoardDocument) -> None:
    """Refuse duplicate references and references to entities the document lacks."""
    known: dict[str, set[str]] = {}
    for key in ("phases", "lanes", "organisations", "cards", "markers", "next_steps"):
        refs = [item.ref for item in getattr(doc, key)]
        if len(set(refs)) != len(refs):
            raise ValidationFailed(
                _("Dubbele verwijzing in %(what)s.", what=key),
                fields={key: _("Elke ref komt één keer voor.")},
            )
        known[key] = set(refs)

    def need(key: str, value: str | None, field: str, required: bool = False) -> None:
        if (value is None and required) or (value is not None and value not in known[key]):
            raise ValidationFailed(
                _("Verwijzing naar iets wat niet in het bestand staat."),
                fields={field: _("Onbekende verwijzing %(ref)s.", ref=value or "null")},
            )

    for i, card in enumerate(doc.cards):
        need("phases", card.phase, f"cards.{i}.phase", required=True)
        need("lanes", card.lane, f"cards.{i}.lane", required=bool(doc.lanes))
        need("organisations", card.organisation, f"cards.{i}.organisation", required=True)
    for i, marker in enumerate(doc.markers):
        need("phases", marker.phase, f"markers.{i}.phase")
        need("lanes", marker.lane, f"markers.{i}.lane")
        for card in marker.cards:
            need("cards", card, f"markers.{i}.cards")
    for i, handover in enumerate(doc.handovers):
        need("cards", handover.from_card, f"handovers.{i}.from_card", required=True)
        need("cards", handover.to_card, f"handovers.{i}.to_card", required=True)
    for i, step in enumerate(doc.next_steps):
        need("organisations", step.owner, f"next_steps.{i}.owner")
        for marker in step.markers:
            need("markers", marker, f"next_steps.{i}.markers")
