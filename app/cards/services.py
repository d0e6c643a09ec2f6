"""Card operations: create, edit (optimistic concurrency), move, delete and restore."""

from flask_babel import gettext as _
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.exc import StaleDataError

from app import events
from app.errors import Conflict, NotFound, ValidationFailed
from app.extensions import db
from app.lookup import board_entity
from app.models import Card, Lane, Organisation, Phase
from app.models._types import utcnow
from app.permissions import EDIT, Actor, board_for
from app.positions import key_between
from app.transaction import write

# Fields that may be cleared to null by an edit; the others keep their value when sent as null.
NULLABLE = {"capacity_per_year", "quality"}


def get_card(board_id: int, card_id: int, include_deleted: bool = False) -> Card:
    """Load a card of the board or raise NotFound."""
    # With its organisation: the live push renders it after the commit, where a lazy load
    # would cost a transaction of its own.
    card = db.session.get(Card, card_id, options=[joinedload(Card.organisation)])
    if card is None or card.board_id != board_id or (card.deleted_at and not include_deleted):
        raise NotFound(_("Deze kaart bestaat niet (meer)."))
    return card


def _cell(board_id: int, phase_id: int, lane_id: int | None) -> tuple[int, int | None]:
    """Check that a cell belongs to the board and fits its lanes; return it."""
    board_entity(Phase, board_id, phase_id, "phase_id")
    has_lanes = (
        db.session.execute(db.select(Lane.id).filter_by(board_id=board_id).limit(1)).first()
        is not None
    )
    if lane_id is not None:
        board_entity(Lane, board_id, lane_id, "lane_id")
    elif has_lanes:
        raise ValidationFailed(_("Kies een baan."), fields={"lane_id": _("Kies een baan.")})
    return phase_id, lane_id


def _cell_keys(board_id: int, phase_id: int, lane_id: int | None, exclude: int | None = None):
    return db.session.execute(
        db.select(Card.id, Card.position)
        .where(
            Card.board_id == board_id,
            Card.phase_id == phase_id,
            Card.lane_id.is_not_distinct_from(lane_id),
            Card.deleted_at.is_(None),
            Card.id != (exclude or -1),
        )
        .order_by(Card.position, Card.id)
    ).all()


def _position(
    board_id: int,
    phase_id: int,
    lane_id: int | None,
    after_card_id: int | None,
    at_end: bool,
    exclude: int | None = None,
) -> str:
    """Compute a key right after `after_card_id` in the cell (None: first, or last if at_end)."""
    keys = _cell_keys(board_id, phase_id, lane_id, exclude)
    if after_card_id is None:
        if at_end:
            return key_between(keys[-1].position if keys else None, None)
        return key_between(None, keys[0].position if keys else None)
    index = next((i for i, row in enumerate(keys) if row.id == after_card_id), None)
    if index is None:
        raise ValidationFailed(
            _("Die kaart staat niet in deze cel."),
            fields={"after_card_id": _("Die kaart staat niet in deze cel.")},
        )
    before = keys[index].position
    # Cards that arrived from a deleted phase or lane may share a key: skip to a larger one.
    following = next((row.position for row in keys[index + 1 :] if row.position > before), None)
    return key_between(before, following)


@write
def create_card(
    actor: Actor,
    board_id: int,
    phase_id: int,
    organisation_id: int,
    title: str,
    lane_id: int | None = None,
    after_card_id: int | None = None,
    **fields,
) -> Card:
    """Put a new offer in a cell; it goes after `after_card_id`, or last."""
    board_for(actor, board_id, EDIT)
    phase_id, lane_id = _cell(board_id, phase_id, lane_id)
    board_entity(Organisation, board_id, organisation_id, "organisation_id")
    card = Card(
        board_id=board_id,
        phase_id=phase_id,
        lane_id=lane_id,
        organisation_id=organisation_id,
        title=title,
        position=_position(board_id, phase_id, lane_id, after_card_id, at_end=True),
        **fields,
    )
    db.session.add(card)
    events.record(board_id, "card.created", card, actor)
    return card


@write
def update_card(actor: Actor, board_id: int, card_id: int, version: int, fields: dict) -> Card:
    """Edit a card's text and figures, starting from `version`; a stale edit gets 409."""
    # The most frequent write: it reads without locking the board, so that on PostgreSQL many
    # edits of one board prepare at once, and locks it only for the seq and the UPDATE, which
    # checks the version again (Card's version_id_col). A new organisation is checked under
    # the lock: it could be going away.
    new_organisation = fields.get("organisation_id")
    board_for(actor, board_id, EDIT, lock=new_organisation is not None)
    card = get_card(board_id, card_id)
    if version != card.version:
        raise Conflict(
            _("Iemand anders heeft deze kaart intussen gewijzigd."), current=card.to_json()
        )
    if new_organisation is not None:
        board_entity(Organisation, board_id, new_organisation, "organisation_id")
    for key, value in fields.items():
        if value is not None or key in NULLABLE:
            setattr(card, key, value)
    card.version += 1
    try:
        events.record(board_id, "card.updated", card, actor)
    except StaleDataError:  # another edit committed between our read and our UPDATE
        db.session.rollback()
        raise Conflict(
            _("Iemand anders heeft deze kaart intussen gewijzigd."),
            current=get_card(board_id, card_id).to_json(),
        ) from None
    return card


@write
def move_card(
    actor: Actor,
    board_id: int,
    card_id: int,
    phase_id: int,
    lane_id: int | None = None,
    after_card_id: int | None = None,
) -> Card:
    """Move one card into a cell, right after `after_card_id` (None: at the top)."""
    board_for(actor, board_id, EDIT)
    card = get_card(board_id, card_id)
    phase_id, lane_id = _cell(board_id, phase_id, lane_id)
    if after_card_id == card.id:
        raise ValidationFailed(
            _("Een kaart kan niet na zichzelf staan."),
            fields={"after_card_id": _("Kies een andere kaart.")},
        )
    card.position = _position(
        board_id, phase_id, lane_id, after_card_id, at_end=False, exclude=card.id
    )
    card.phase_id, card.lane_id = phase_id, lane_id
    card.version += 1
    events.record(board_id, "card.moved", card, actor)
    return card


@write
def delete_card(actor: Actor, board_id: int, card_id: int) -> Card:
    """Delete a card; it stays in the history, from where it can be restored."""
    board_for(actor, board_id, EDIT)
    card = get_card(board_id, card_id)
    card.deleted_at = utcnow()
    card.version += 1
    events.record(board_id, "card.deleted", card, actor)
    return card


@write
def restore_card(actor: Actor, board_id: int, card_id: int) -> Card:
    """Bring a deleted card back, at the end of its cell (or the first lane if its lane went)."""
    board_for(actor, board_id, EDIT)
    card = get_card(board_id, card_id, include_deleted=True)
    if card.deleted_at is None:
        return card
    if card.lane_id is None:
        card.lane_id = db.session.execute(
            db.select(Lane.id).filter_by(board_id=board_id).order_by(Lane.position).limit(1)
        ).scalar_one_or_none()
    card.deleted_at = None
    card.position = _position(board_id, card.phase_id, card.lane_id, None, at_end=True)
    card.version += 1
    events.record(board_id, "card.restored", card, actor)
    return card


def deleted_cards(board_id: int) -> list[Card]:
    """Return the board's deleted cards, most recently deleted first."""
    return list(
        db.session.execute(
            db.select(Card)
            .where(Card.board_id == board_id, Card.deleted_at.is_not(None))
            .order_by(Card.deleted_at.desc())
        ).scalars()
    )
