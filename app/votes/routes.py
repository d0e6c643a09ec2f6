"""Vote pages: the side panel's votes, spending dots with +/−, and the coordinator's controls.

Each action answers htmx with the redrawn panel and a plain form post with a redirect to the
board. All go through app/votes/services.py, like the API.
"""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import login_required

from app.errors import ValidationFailed
from app.extensions import htmx
from app.permissions import MANAGE, READ, board_for, role_on
from app.validation import form_data, parse
from app.views import current_actor
from app.votes import services
from app.votes.pages import panel_for
from app.votes.schemas import DotMove, ResultsAdopt, VoteCreate

bp = Blueprint("votes", __name__)

VOTE = "/boards/<int:board_id>/votes/<int:vote_id>"


def _panel(board_id: int, error: str | None = None, values: dict | None = None):
    actor = current_actor()
    board = board_for(actor, board_id, READ)
    context = panel_for(actor, board, role_on(actor, board_id))
    return render_template("votes/_panel.html", error=error, values=values or {}, **context)


def _answer(board_id: int, action, values: dict | None = None) -> ResponseReturnValue:
    """Run an action; answer htmx with the panel (and the refusal), else redirect to the board."""
    error = None
    try:
        action(current_actor())
    except ValidationFailed as exc:
        error = " ".join([exc.message, *dict.fromkeys(exc.fields.values())])
    if htmx:
        return _panel(board_id, error, values if error else None)
    if error:
        flash(error, "error")
    return redirect(url_for("boards.show", board_id=board_id))


@bp.get("/boards/<int:board_id>/votes/panel")
@login_required
def panel(board_id: int) -> ResponseReturnValue:
    """Return the side panel's votes, for a page to swap in after a vote changed."""
    return _panel(board_id)


@bp.post("/boards/<int:board_id>/votes")
@login_required
def create(board_id: int) -> ResponseReturnValue:
    """Start a vote on the chosen markers, next steps or cards."""
    board_for(current_actor(), board_id, MANAGE)  # refuse before judging the form
    form = form_data(request.form)
    chosen = {
        kind: [int(v) for v in request.form.getlist(f"{kind}_ids") if v.isdigit()]
        for kind in ("marker", "next_step", "card")
    }
    kinds = [kind for kind, ids in chosen.items() if ids]
    fields = {
        "question": form.get("question", ""),
        "ref_type": kinds[0] if len(kinds) == 1 else "marker",
        "ref_ids": chosen[kinds[0]] if len(kinds) == 1 else [],
        "budget": form.get("budget", 3),
        "max_per_option": form.get("max_per_option"),
        "anonymous": "anonymous" in request.form,
        "closes_at": form.get("closes_at"),
    }

    def action(actor):
        if len(kinds) > 1:
            raise ValidationFailed(_("Kies keuzes van één soort: markeringen of vervolgstappen."))
        data = parse(VoteCreate, {k: v for k, v in fields.items() if v is not None})
        services.create_vote(actor, board_id, **data.model_dump())

    return _answer(board_id, action, request.form)


@bp.post(f"{VOTE}/dots")
@login_required
def dots(board_id: int, vote_id: int) -> ResponseReturnValue:
    """Put one dot more or less on an option."""

    def action(actor):
        move = parse(DotMove, form_data(request.form))
        services.move_dot(actor, board_id, vote_id, move.ref_id, move.delta)

    return _answer(board_id, action)


@bp.post(f"{VOTE}/reveal")
@login_required
def reveal(board_id: int, vote_id: int) -> ResponseReturnValue:
    """Show the ranking to the members while the vote stays open."""
    return _answer(board_id, lambda actor: services.reveal_vote(actor, board_id, vote_id))


@bp.post(f"{VOTE}/close")
@login_required
def close(board_id: int, vote_id: int) -> ResponseReturnValue:
    """Close the vote."""
    return _answer(board_id, lambda actor: services.close_vote(actor, board_id, vote_id))


@bp.post(f"{VOTE}/adopt")
@login_required
def adopt(board_id: int, vote_id: int) -> ResponseReturnValue:
    """Turn the ranking into agreed next steps or the agenda's order."""

    def action(actor):
        data = parse(ResultsAdopt, form_data(request.form))
        services.adopt_results(actor, board_id, vote_id, **data.model_dump())

    return _answer(board_id, action)
