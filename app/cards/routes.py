"""Card fragments and forms for the canvas (htmx); moves go through the JSON API."""

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import login_required

from app.cards import services
from app.cards.schemas import CardCreate, CardUpdate
from app.comments.queries import card_counts
from app.errors import Conflict, ValidationFailed
from app.models import Card
from app.permissions import EDIT, READ, board_for
from app.validation import changed_fields, form_data, parse
from app.views import current_actor
from app.vocab import CARD_STATUSES

bp = Blueprint("cards", __name__)

TEXTS = ("title", "description", "capacity_unit", "quality_reason")
EDITABLE = (*TEXTS, "organisation_id", "capacity_per_year", "status", "quality", "version")


def render_card(card: Card) -> str:
    """Render one card as the canvas shows it (also used for live pushes). Editors and viewers
    get the same fragment: an editor's page adds the card's controls itself (canvas.js)."""
    return render_template(
        "cards/_card.html", card=card, comment_counts=card_counts(card.board_id, [card.id])
    )


def _form(
    board_id: int,
    card=None,
    values: dict | None = None,
    errors: dict | None = None,
    cell: dict | None = None,
    status: int = 200,
):
    board = board_for(current_actor(), board_id, EDIT)
    return render_template(
        "cards/_form.html",
        board=board,
        card=card,
        values=values or {},
        errors=errors or {},
        cell=cell or {},
        statuses=CARD_STATUSES,
        organisations=board.organisations,
    ), status


@bp.get("/boards/<int:board_id>/cards/new")
@login_required
def new(board_id: int) -> ResponseReturnValue:
    """Return an empty card form for a cell."""
    cell = {
        "phase_id": request.args.get("phase_id", type=int),
        "lane_id": request.args.get("lane_id", type=int),
    }
    return _form(board_id, cell=cell)


@bp.post("/boards/<int:board_id>/cards")
@login_required
def create(board_id: int) -> ResponseReturnValue:
    """Create a card from the form; answer with the card, or the form with errors."""
    values = form_data(request.form)
    try:
        data = parse(CardCreate, values)
        card = services.create_card(current_actor(), board_id, **data.model_dump())
    except ValidationFailed as exc:
        cell = {"phase_id": values.get("phase_id"), "lane_id": values.get("lane_id")}
        return _form(
            board_id, values=values, errors=exc.fields or {"_": exc.message}, cell=cell, status=422
        )
    return render_card(card), 201


@bp.get("/boards/<int:board_id>/cards/<int:card_id>")
@login_required
def show(board_id: int, card_id: int) -> ResponseReturnValue:
    """Return one card's fragment (cancel an edit, or catch up after a missed push)."""
    board_for(current_actor(), board_id, READ)
    return render_card(services.get_card(board_id, card_id))


@bp.get("/boards/<int:board_id>/cards/<int:card_id>/edit")
@login_required
def edit(board_id: int, card_id: int) -> ResponseReturnValue:
    """Return the edit form of a card, starting from its current version."""
    card = services.get_card(board_id, card_id)
    return _form(board_id, card=card, values=card.to_json())


@bp.post("/boards/<int:board_id>/cards/<int:card_id>")
@login_required
def update(board_id: int, card_id: int) -> ResponseReturnValue:
    """Save an edit; a stale one gets the conflict view (theirs beside mine), never a loss."""
    values = form_data(request.form)
    # Only what the form sent changes; text keeps "" (a cleared title is an error, a cleared
    # description is empty), an emptied number or choice becomes null.
    fields = {
        key: request.form[key] if key in TEXTS else values.get(key)
        for key in EDITABLE
        if key in request.form
    }
    try:
        edit = parse(CardUpdate, fields)
        card = services.update_card(
            current_actor(), board_id, card_id, edit.version, changed_fields(edit)
        )
    except Conflict as exc:
        board = board_for(current_actor(), board_id, EDIT)
        return render_template(
            "cards/_conflict.html",
            board=board,
            mine=values,
            theirs=exc.current,
            card_id=card_id,
            statuses=CARD_STATUSES,
            organisations={o.id: o for o in board.organisations},
        ), 409
    except ValidationFailed as exc:
        card = services.get_card(board_id, card_id)
        return _form(
            board_id, card=card, values=values, errors=exc.fields or {"_": exc.message}, status=422
        )
    return render_card(card)


@bp.post("/boards/<int:board_id>/cards/<int:card_id>/delete")
@login_required
def delete(board_id: int, card_id: int) -> ResponseReturnValue:
    """Delete a card (it stays restorable in the history)."""
    services.delete_card(current_actor(), board_id, card_id)
    return "", 200


@bp.post("/boards/<int:board_id>/cards/<int:card_id>/restore")
@login_required
def restore(board_id: int, card_id: int) -> ResponseReturnValue:
    """Restore a deleted card from the history."""
    services.restore_card(current_actor(), board_id, card_id)
    return "", 200, {"HX-Trigger": "bw-feed-stale"}
