"""API: cards (create, edit with version, move, delete, restore)."""

from app.api import actor, body, bp
from app.api.spec import doc
from app.cards.operations import perform
from app.cards.schemas import CardCreate, CardMove, CardUpdate
from app.cards.services import get_card
from app.permissions import READ, board_for


@bp.post("/boards/<int:board_id>/cards")
@doc("Create a card in a cell", body=CardCreate, status=201, tag="cards")
def create_card(board_id: int):
    """Create a card."""
    return perform(actor(), board_id, "card.create", body()), 201


@bp.get("/boards/<int:board_id>/cards/<int:card_id>")
@doc("Get a card", tag="cards")
def get_one_card(board_id: int, card_id: int):
    """Return one card."""
    board_for(actor(), board_id, READ)
    return get_card(board_id, card_id).to_json()


@bp.patch("/boards/<int:board_id>/cards/<int:card_id>")
@doc("Edit a card from `version` (409 with `current` when stale)", body=CardUpdate, tag="cards")
def update_card(board_id: int, card_id: int):
    """Edit a card."""
    return perform(actor(), board_id, "card.update", {**body(), "card_id": card_id})


@bp.post("/boards/<int:board_id>/cards/<int:card_id>/move")
@doc("Move a card into a cell after `after_card_id` (null: on top)", body=CardMove, tag="cards")
def move_card(board_id: int, card_id: int):
    """Move a card."""
    return perform(actor(), board_id, "card.move", {**body(), "card_id": card_id})


@bp.delete("/boards/<int:board_id>/cards/<int:card_id>")
@doc("Delete a card (restorable)", status=204, tag="cards")
def delete_card(board_id: int, card_id: int):
    """Delete a card."""
    perform(actor(), board_id, "card.delete", {"card_id": card_id})
    return "", 204


@bp.post("/boards/<int:board_id>/cards/<int:card_id>/restore")
@doc("Restore a deleted card", tag="cards")
def restore_card(board_id: int, card_id: int):
    """Restore a deleted card."""
    return perform(actor(), board_id, "card.restore", {"card_id": card_id})
