"""Pages: a person's "Meldingen" choice for a board, and the unsubscribe link of the mails."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import login_required

from app.errors import ServiceError, ValidationFailed
from app.extensions import csrf
from app.notify.schemas import Preference
from app.notify.services.preferences import mode_of, set_mode, unsubscribing
from app.notify.services.preferences import unsubscribe as turn_off
from app.permissions import READ, board_for
from app.validation import form_data, parse
from app.views import current_actor

bp = Blueprint("notify", __name__)


def _page(board_id: int, mode: str | None = None, error: str | None = None, status: int = 200):
    actor = current_actor()
    board = board_for(actor, board_id, READ)
    chosen = mode or mode_of(actor, board_id)
    return render_template("notify/preferences.html", board=board, mode=chosen, error=error), status


@bp.get("/boards/<int:board_id>/notifications")
@login_required
def preferences(board_id: int) -> ResponseReturnValue:
    """Show the person's choice: every change, a daily digest, or nothing."""
    return _page(board_id)


@bp.post("/boards/<int:board_id>/notifications")
@login_required
def save(board_id: int) -> ResponseReturnValue:
    """Save the person's choice."""
    try:
        data = parse(Preference, form_data(request.form))
    except ValidationFailed as exc:
        return _page(board_id, error=exc.fields.get("mode", exc.message), status=422)
    set_mode(current_actor(), board_id, data.mode)
    flash(_("Je keuze voor e-mail is opgeslagen."), "success")
    return redirect(url_for("notify.preferences", board_id=board_id))


@bp.route("/notifications/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # RFC 8058: the mail program POSTs "List-Unsubscribe=One-Click", no session
def unsubscribe(token: str) -> ResponseReturnValue:
    """GET shows one button (a mail scanner fetching the link changes nothing); POST turns the
    person's mail about the board off, without sign-in."""
    try:
        if request.method == "GET":
            return render_template(
                "notify/unsubscribe.html", board=unsubscribing(token), token=token
            )
        board = turn_off(token)
    except ServiceError as exc:
        return render_template("notify/unsubscribe_gone.html", error=exc), exc.status
    return render_template("notify/unsubscribed.html", board=board)
