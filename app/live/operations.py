"""The socket's `op` message: card operations (and a ballot, and writing a comment) by name,
performed by their services."""

from flask_babel import gettext as _

from app.cards import services
from app.cards.schemas import CardCreate, CardMove, CardUpdate
from app.comments import services as comments
from app.comments.schemas import CommentCreate
from app.errors import ValidationFailed
from app.permissions import Actor
from app.validation import changed_fields, fits_database, parse
from app.votes import services as votes
from app.votes.schemas import BallotCast


def _id(data: dict, field: str) -> int:
    value = data.pop(field, None)
    if not isinstance(value, int) or isinstance(value, bool) or not fits_database(value):
        raise ValidationFailed(
            _("Controleer de invoer."), fields={field: _("Dit veld is verplicht.")}
        )
    return value


def _card_id(data: dict) -> int:
    return _id(data, "card_id")


def perform(actor: Actor, board_id: int, op: str, data: dict) -> dict | None:
    """Validate and perform one operation; return its entity as the API shows it."""
    if not isinstance(data, dict):
        raise ValidationFailed(_("Verwacht een JSON-object."))
    data = dict(data)
    if op == "card.create":
        fields = parse(CardCreate, data).model_dump()
        return services.create_card(actor, board_id, **fields).to_json()
    if op == "card.update":
        card_id = _card_id(data)
        update = parse(CardUpdate, data)
        return services.update_card(
            actor, board_id, card_id, update.version, changed_fields(update)
        ).to_json()
    if op == "card.move":
        card_id = _card_id(data)
        move = parse(CardMove, data)
        return services.move_card(actor, board_id, card_id, **move.model_dump()).to_json()
    if op == "card.delete":
        services.delete_card(actor, board_id, _card_id(data))
        return None
    if op == "card.restore":
        return services.restore_card(actor, board_id, _card_id(data)).to_json()
    if op == "vote.cast":
        vote_id = _id(data, "vote_id")
        ballot = parse(BallotCast, data)
        vote = votes.cast_ballot(actor, board_id, vote_id, ballot.allocations)
        return votes.vote_json(vote, actor)
    if op == "comment.create":
        fields = parse(CommentCreate, data).model_dump()
        return comments.create_comment(actor, board_id, **fields).to_json()
    raise ValidationFailed(_("Controleer de invoer."), fields={"op": _("Ongeldige waarde.")})
