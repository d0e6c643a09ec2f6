"""Markers: gaps (gat), overlaps and bottlenecks (knelpunt) on phases, cells and cards."""

from flask_babel import gettext as _

from app import events
from app.extensions import db
from app.lookup import board_entity, get_entity
from app.models import Lane, Marker, Phase
from app.permissions import EDIT, Actor, board_for
from app.reading.services.editing import edit, invalid, live_cards
from app.transaction import write

# open -> being addressed -> resolved / dismissed; a closed marker may be reopened.
TRANSITIONS = {
    "open": {"being_addressed", "resolved", "dismissed"},
    "being_addressed": {"open", "resolved", "dismissed"},
    "resolved": {"open"},
    "dismissed": {"open"},
}
OPEN = ("open", "being_addressed")
NULLABLE = {"phase_id", "lane_id", "dropouts_per_year"}


def get_marker(board_id: int, marker_id: int) -> Marker:
    """Load a marker of the board or raise NotFound."""
    return get_entity(Marker, board_id, marker_id, _("Deze markering bestaat niet."))


def _place(marker: Marker, card_ids: list[int] | None) -> None:
    """Check where a marker sits: gaps and bottlenecks on a phase or cell, overlaps on cards."""
    board_id = marker.board_id
    if marker.phase_id is not None:
        board_entity(Phase, board_id, marker.phase_id, "phase_id")
    if marker.lane_id is not None:
        board_entity(Lane, board_id, marker.lane_id, "lane_id")
        if marker.phase_id is None:
            raise invalid("phase_id", _("Kies ook een fase: een cel is fase × baan."))
    if card_ids is not None:
        marker.cards = live_cards(board_id, card_ids, "card_ids")
    if marker.kind == "overlap":
        if len(marker.cards) < 2:
            raise invalid("card_ids", _("Een overlap gaat over minstens twee kaarten."))
    else:
        if marker.phase_id is None:
            raise invalid("phase_id", _("Kies de fase (of cel) van het gat of knelpunt."))
        if marker.cards:
            raise invalid("card_ids", _("Alleen een overlap gaat over kaarten."))
    if marker.kind != "bottleneck" and marker.dropouts_per_year is not None:
        raise invalid(
            "dropouts_per_year", _("Alleen bij een knelpunt schat je het aantal afhakers.")
        )


@write
def create_marker(
    actor: Actor,
    board_id: int,
    kind: str,
    title: str,
    card_ids=(),
    suggestion_key: str | None = None,
    **fields,
) -> Marker:
    """Mark a gap, overlap or bottleneck."""
    board_for(actor, board_id, EDIT)
    marker = Marker(
        board_id=board_id,
        kind=kind,
        title=title,
        author_id=actor.id,
        suggestion_key=suggestion_key,
        **fields,
    )
    _place(marker, list(card_ids))
    db.session.add(marker)
    events.record(board_id, "marker.created", marker, actor)
    return marker


@write
def update_marker(
    actor: Actor, board_id: int, marker_id: int, version: int, fields: dict
) -> Marker:
    """Edit a marker from `version`; its status moves only along the allowed transitions."""
    board_for(actor, board_id, EDIT)
    marker = get_marker(board_id, marker_id)
    edit(
        marker,
        version,
        fields,
        _place,
        nullable=NULLABLE,
        transitions=TRANSITIONS,
        list_field="card_ids",
    )
    events.record(board_id, "marker.updated", marker, actor)
    return marker


@write
def delete_marker(actor: Actor, board_id: int, marker_id: int) -> None:
    """Remove a marker."""
    board_for(actor, board_id, EDIT)
    marker = get_marker(board_id, marker_id)
    events.record(board_id, "marker.deleted", marker, actor)
    db.session.delete(marker)
