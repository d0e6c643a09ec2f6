"""API: cards (create, edit with version, move, delete, restore)."""

from flask.typing import ResponseReturnValue

from app.api.base import actor, body, bp
from app.api.spec import doc
from app.cards import services
from app.cards.schemas import CardCreate, CardMove, CardUpdate
from app.permissions import READ, board_for
from app.validation import changed_fields, parse


@bp.post("/boards/<int:board_id>/cards")
@doc("Create a card in a cell", body=CardCreate, status=201, tag="cards")
def create_card(board_id: int) -> ResponseReturnValue:
    """Create a card."""
    data = parse(CardCreate, body())
    return services.create_card(actor(), board_id, **data.model_dump()).to_json(), 201


@bp.get("/boards/<int:board_id>/cards/<int:card_id>")
@doc("Get a card", tag="cards")
def get_one_card(board_id: int, card_id: int) -> ResponseReturnValue:
    """Return one card."""
    board_for(actor(), board_id, READ)
    return services.get_card(board_id, card_id).to_json()


@bp.patch("/boards/<int:board_id>/cards/<int:card_id>")
@doc("Edit a card from `version` (409 with `current` when stale)", body=CardUpdate, tag="cards")
def update_card(board_id: int, card_id: int) -> ResponseReturnValue:
    """Edit a card."""
    data = parse(CardUpdate, body())
    card = services.update_card(actor(), board_id, card_id, data.version, changed_fields(data))
    return card.to_json()


@bp.post("/boards/<int:board_id>/cards/<int:card_id>/move")
@doc("Move a card into a cell after `after_card_id` (null: on top)", body=CardMove, tag="cards")
def move_card(board_id: int, card_id: int) -> ResponseReturnValue:
    """Move a card."""
    data = parse(CardMove, body())
    return services.move_card(actor(), board_id, card_id, **data.model_dump()).to_json()


@bp.delete("/boards/<int:board_id>/cards/<int:card_id>")
@doc("Delete a card (restorable)", status=204, tag="cards")
def delete_card(board_id: int, card_id: int) -> ResponseReturnValue:
    """Delete a card."""
    services.delete_card(actor(), board_id, card_id)
    return "", 204


@bp.post("/boards/<int:board_id>/cards/<int:card_id>/restore")
@doc("Restore a deleted card", tag="cards")
def restore_card(board_id: int, card_id: int) -> ResponseReturnValue:
    """Restore a deleted card."""
    return services.restore_card(actor(), board_id, card_id).to_json()
