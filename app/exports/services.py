"""The exports' one state change: a new board from a portable document (JSON import)."""

from app.audit.log import record
from app.boards.services import create_board
from app.cards.services import create_card
from app.exports.portable import BoardDocument
from app.models import Board
from app.permissions import Actor
from app.reading.services.handovers import create_handover
from app.reading.services.markers import create_marker
from app.reading.services.next_steps import add_learning, create_next_step
from app.structure import services as structure
from app.transaction import write


@write
def import_board(actor: Actor, doc: BoardDocument) -> Board:
    """Create a new board from a document through the domain services; the importer coordinates."""
    board = create_board(actor, doc.name, phases=[], lanes=[])
    bid = board.id
    ids: dict[tuple[str, str | None], int] = {}  # (kind, ref) -> new id
    for phase in doc.phases:
        ids["phase", phase.ref] = structure.create_axis(
            actor, bid, "phase", phase.name, demand_per_year=phase.demand_per_year
        ).id
    for lane in doc.lanes:
        ids["lane", lane.ref] = structure.create_axis(actor, bid, "lane", lane.name).id
    for org in doc.organisations:
        ids["org", org.ref] = structure.create_organisation(
            actor, bid, org.name, org.kind, org.color, org.contact
        ).id
    for card in doc.cards:
        fields = card.model_dump(exclude={"ref", "phase", "lane", "organisation", "title"})
        ids["card", card.ref] = create_card(
            actor,
            bid,
            ids["phase", card.phase],
            ids["org", card.organisation],
            card.title,
            lane_id=ids.get(("lane", card.lane)),
            **fields,
        ).id
    for marker in doc.markers:
        fields = marker.model_dump(exclude={"ref", "kind", "title", "phase", "lane", "cards"})
        ids["marker", marker.ref] = create_marker(
            actor,
            bid,
            marker.kind,
            marker.title,
            [ids["card", c] for c in marker.cards],
            phase_id=ids.get(("phase", marker.phase)),
            lane_id=ids.get(("lane", marker.lane)),
            **fields,
        ).id
    for handover in doc.handovers:
        create_handover(
            actor,
            bid,
            ids["card", handover.from_card],
            ids["card", handover.to_card],
            handover.note,
        )
    for step in doc.next_steps:
        created = create_next_step(
            actor,
            bid,
            step.title,
            [ids["marker", m] for m in step.markers],
            goal=step.goal,
            owner_organisation_id=ids.get(("org", step.owner)),
            participants=step.participants,
            start_date=step.start_date,
            due_date=step.due_date,
            status=step.status,
        )
        for learning in step.learnings:
            add_learning(actor, bid, created.id, learning.text, learning.learned_on)
    record("import.done", actor, bid, f"{len(doc.cards)} cards")
    return board
