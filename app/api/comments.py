"""API: comments on cards, markers and next steps, and the caller's mentions."""

from flask import Response, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from app.api.base import actor, body, bp
from app.api.spec import doc
from app.comments import queries, services
from app.comments.schemas import CommentCreate, CommentUpdate
from app.errors import ValidationFailed
from app.models.comment import REF_TYPES
from app.validation import parse


def _ref() -> tuple[str, int]:
    ref_type, ref_id = request.args.get("ref_type"), request.args.get("ref_id", type=int)
    fields = {}
    if ref_type not in REF_TYPES:
        fields["ref_type"] = _("Kies een geldige waarde.")
    if ref_id is None:
        fields["ref_id"] = _("Dit veld is verplicht.")
    if fields:
        raise ValidationFailed(_("Controleer de invoer."), fields=fields)
    return ref_type, ref_id


@bp.get("/boards/<int:board_id>/comments")
@doc(
    "List the comments on a card, marker or next step, oldest first (members only)",
    tag="comments",
    query={"ref_type": "card|marker|next_step", "ref_id": "the card's, marker's or step's id"},
)
def list_comments(board_id: int) -> ResponseReturnValue:
    """List one thread's comments."""
    services.board_for_reader(actor(), board_id)  # who may read, before what was asked
    ref_type, ref_id = _ref()
    return {"comments": [c.to_json() for c in queries.thread(actor(), board_id, ref_type, ref_id)]}


@bp.post("/boards/<int:board_id>/comments")
@doc(
    "Comment (text as written, ≤ 5,000 characters; @name mentions members)",
    body=CommentCreate,
    status=201,
    tag="comments",
)
def create_comment(board_id: int) -> ResponseReturnValue:
    """Write a comment."""
    data = parse(CommentCreate, body())
    return services.create_comment(actor(), board_id, **data.model_dump()).to_json(), 201


@bp.patch("/boards/<int:board_id>/comments/<int:comment_id>")
@doc("Change your own comment (403 for anyone else)", body=CommentUpdate, tag="comments")
def update_comment(board_id: int, comment_id: int) -> ResponseReturnValue:
    """Edit a comment."""
    data = parse(CommentUpdate, body())
    return services.update_comment(actor(), board_id, comment_id, data.body).to_json()


@bp.delete("/boards/<int:board_id>/comments/<int:comment_id>")
@doc("Delete your own comment (403 for anyone else)", status=204, tag="comments")
def delete_comment(board_id: int, comment_id: int) -> tuple[str | Response, int]:
    """Delete a comment."""
    services.delete_comment(actor(), board_id, comment_id)
    return "", 204


@bp.post("/boards/<int:board_id>/comments/<int:comment_id>/hide")
@doc("Hide a comment (coordinators); it shows “hidden by” instead", tag="comments")
def hide_comment(board_id: int, comment_id: int) -> ResponseReturnValue:
    """Hide a comment."""
    return services.hide_comment(actor(), board_id, comment_id).to_json()


@bp.get("/mentions")
@doc("Your mentions, newest first, with the unread count", tag="comments")
def list_mentions() -> ResponseReturnValue:
    """List the caller's mentions (reading them through the API does not mark them read)."""
    caller = actor()
    return {
        "unread": queries.unread_mentions(caller.id),
        "mentions": [m.to_json() for m in queries.mentions_of(caller.id)],
    }


@bp.post("/mentions/read")
@doc("Mark all your mentions read", tag="comments")
def read_mentions() -> ResponseReturnValue:
    """Mark the caller's mentions read."""
    return {"marked": services.mark_mentions_read(actor())}
