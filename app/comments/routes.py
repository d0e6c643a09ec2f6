"""Comment pages and form posts (htmx answers the thread fragment; without JavaScript the
thread's page); they call the same services as the API."""

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required

from app.comments import queries, services
from app.comments.mentions import members_of
from app.comments.schemas import CommentCreate, CommentUpdate
from app.errors import ValidationFailed
from app.extensions import htmx
from app.models.comment import REF_TYPES
from app.permissions import EDIT, MANAGE, allows, role_on
from app.validation import parse
from app.views import current_actor

bp = Blueprint("comments", __name__)


def _thread(board_id: int, ref_type: str, ref_id: int, errors: dict | None = None, body=""):
    """Answer the thread of one card, marker or next step: a fragment for htmx, else a page."""
    if ref_type not in REF_TYPES:
        abort(404)
    actor = current_actor()
    comments = queries.thread(actor, board_id, ref_type, ref_id)
    role = role_on(actor, board_id)
    members = members_of(board_id)
    context = {
        "board_id": board_id,
        "ref_type": ref_type,
        "ref_id": ref_id,
        "subject": services.subject_of(board_id, ref_type, ref_id),
        "comments": comments,
        "can_comment": allows(role, EDIT),
        "can_hide": allows(role, MANAGE),
        "me": actor.id,
        "member_names": [name for _id, name in members],
        "errors": errors or {},
        "body": body,
    }
    template = "comments/_thread.html" if htmx and not htmx.boosted else "comments/thread.html"
    return render_template(template, **context), 422 if errors else 200


def _back(board_id: int, ref_type: str, ref_id: int) -> ResponseReturnValue:
    if htmx:
        return _thread(board_id, ref_type, ref_id)
    return redirect(url_for("comments.thread", board_id=board_id, ref_type=ref_type, ref_id=ref_id))


@login_required
def thread(board_id: int, ref_type: str, ref_id: int) -> ResponseReturnValue:
    """Show the comments on a card, marker or next step."""
    return _thread(board_id, ref_type, ref_id)


# One thread page per kind, under the thing it is about: /boards/1/cards/5/comments.
for _segment, _ref_type in (("cards", "card"), ("markers", "marker"), ("next-steps", "next_step")):
    bp.add_url_rule(
        f"/boards/<int:board_id>/{_segment}/<int:ref_id>/comments",
        "thread",
        thread,
        defaults={"ref_type": _ref_type},
    )


@bp.post("/boards/<int:board_id>/comments")
@login_required
def create(board_id: int) -> ResponseReturnValue:
    """Post a comment from the thread's form."""
    form = request.form
    ref_type, ref_id = form.get("ref_type", ""), form.get("ref_id", type=int)
    if ref_type not in REF_TYPES or ref_id is None:
        abort(404)
    try:
        data = parse(
            CommentCreate, {"ref_type": ref_type, "ref_id": ref_id, "body": form.get("body", "")}
        )
        services.create_comment(current_actor(), board_id, **data.model_dump())
    except ValidationFailed as error:
        return _thread(board_id, ref_type, ref_id, error.fields, form.get("body", ""))
    return _back(board_id, ref_type, ref_id)


def _change(board_id: int, comment_id: int, change) -> ResponseReturnValue:
    comment = services.get_comment(current_actor(), board_id, comment_id)
    ref_type, ref_id = comment.ref_type, comment.ref_id
    change()
    return _back(board_id, ref_type, ref_id)


@bp.post("/boards/<int:board_id>/comments/<int:comment_id>/edit")
@login_required
def edit(board_id: int, comment_id: int) -> ResponseReturnValue:
    """Save the new text of your own comment."""
    comment = services.get_comment(current_actor(), board_id, comment_id)
    try:
        data = parse(CommentUpdate, {"body": request.form.get("body", "")})
    except ValidationFailed as error:
        fields = {f"edit-{comment_id}": error.fields.get("body")}
        return _thread(board_id, comment.ref_type, comment.ref_id, fields)
    return _change(
        board_id,
        comment_id,
        lambda: services.update_comment(current_actor(), board_id, comment_id, data.body),
    )


@bp.post("/boards/<int:board_id>/comments/<int:comment_id>/delete")
@login_required
def delete(board_id: int, comment_id: int) -> ResponseReturnValue:
    """Delete your own comment."""
    return _change(
        board_id,
        comment_id,
        lambda: services.delete_comment(current_actor(), board_id, comment_id),
    )


@bp.post("/boards/<int:board_id>/comments/<int:comment_id>/hide")
@login_required
def hide(board_id: int, comment_id: int) -> ResponseReturnValue:
    """Hide a comment (coordinators)."""
    return _change(
        board_id,
        comment_id,
        lambda: services.hide_comment(current_actor(), board_id, comment_id),
    )


@bp.get("/mentions")
@login_required
def mentions() -> ResponseReturnValue:
    """List where you were mentioned (Vermeldingen); opening it marks them read."""
    actor = current_actor()
    found = queries.mentions_of(actor.id)
    unread = {m.id for m in found if m.read_at is None}
    services.mark_mentions_read(actor)
    return render_template("comments/mentions.html", mentions=found, unread=unread)
