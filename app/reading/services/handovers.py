"""Handovers (warme overdracht): a referral from one offer to the next."""

from flask_babel import gettext as _

from app import events
from app.extensions import db
from app.lookup import get_entity
from app.models import Handover
from app.permissions import EDIT, Actor, board_for
from app.reading.services.editing import edit, invalid, live_cards
from app.transaction import write


def get_handover(board_id: int, handover_id: int) -> Handover:
    """Load a handover of the board or raise NotFound."""
    return get_entity(Handover, board_id, handover_id, _("Deze overdracht bestaat niet."))


def _check(handover: Handover, _unused=None) -> None:
    """Both ends are live cards of this board, different, and the pair is new."""
    live_cards(handover.board_id, [handover.from_card_id], "from_card_id")
    live_cards(handover.board_id, [handover.to_card_id], "to_card_id")
    if handover.from_card_id == handover.to_card_id:
        raise invalid("to_card_id", _("Een kaart kan niet naar zichzelf overdragen."))
    duplicate = db.session.execute(
        db.select(Handover.id).where(
            Handover.from_card_id == handover.from_card_id,
            Handover.to_card_id == handover.to_card_id,
            Handover.id != (handover.id or -1),
        )
    ).first()
    if duplicate:
        raise invalid("to_card_id", _("Deze overdracht bestaat al."))


@write
def create_handover(
    actor: Actor, board_id: int, from_card_id: int, to_card_id: int, note: str = ""
) -> Handover:
    """Link offer A to offer B."""
    board_for(actor, board_id, EDIT)
    handover = Handover(
        board_id=board_id, from_card_id=from_card_id, to_card_id=to_card_id, note=note
    )
    _check(handover)
    db.session.add(handover)
    events.record(board_id, "handover.created", handover, actor)
    return handover


@write
def update_handover(
    actor: Actor, board_id: int, handover_id: int, version: int, fields: dict
) -> Handover:
    """Edit a handover from `version`."""
    board_for(actor, board_id, EDIT)
    handover = get_handover(board_id, handover_id)
    edit(handover, version, fields, _check)
    events.record(board_id, "handover.updated", handover, actor)
    return handover


@write
def delete_handover(actor: Actor, board_id: int, handover_id: int) -> None:
    """Remove a handover."""
    board_for(actor, board_id, EDIT)
    handover = get_handover(board_id, handover_id)
    events.record(board_id, "handover.deleted", handover, actor)
    db.session.delete(handover)
