"""The read-only view behind a share link, and the coordinator's list of links."""

from collections.abc import Callable

from flask import Blueprint, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from app.boards.page import canvas_context, canvas_region
from app.boards.queries import load_state
from app.errors import Gone, NotFound, ValidationFailed
from app.exports.summary import (
    OPEN_KINDS,
    agreed_next_steps,
    open_markers,
    phase_summaries,
)
from app.meetings.pages import current_timer
from app.models import Board
from app.models._types import utcnow
from app.monitor.funnel import latest_funnel
from app.permissions import MANAGE, READ, Actor, board_for
from app.reading.analysis import figures
from app.reading.bridge import picture
from app.share import linked_data, services
from app.share.schemas import ShareLinkCreate
from app.validation import form_data, parse
from app.views import organisation_css, today
from app.vocab import MARKER_KINDS
from app.votes.pages import votes_panel

bp = Blueprint("share", __name__)


def _shared_board(token: str):
    link = services.open_link(token)
    return link, board_for(Actor(share_link=link), link.board_id, READ)


@bp.get("/s/<token>")
def view(token: str) -> ResponseReturnValue:
    """Show the board read-only, live, to the holder of a share link."""
    try:
        link, board = _shared_board(token)
    except (Gone, NotFound) as error:
        return render_template("share/invalid.html", error=error), error.status
    context = canvas_context(board, "viewer", can_edit=False)
    services.touch(link)
    return render_template(
        "share/view.html",
        **{
            **context,
            **_reading_context(context["state"]),
            "canvas_region": canvas_region(board, "viewer", False, full=lambda: context),
            "timer_slot_url": url_for("share.timer", token=token),
        },
        token=token,
        label=link.label,
        today=today(),
        canvas_url=url_for("share.canvas", token=token),
        org_css_url=url_for("share.organisation_styles", token=token),
        linked_data=linked_data.offer(context["state"]),
    )


def _reading_context(state) -> dict:
    """What the read-only view shows beside the canvas: bridge, figures, markers, next steps."""
    return {
        "picture": picture(state, figures(state)),
        "summaries": phase_summaries(state),
        "phases": {p.id: p for p in state.phases},
        "organisations": {o.id: o for o in state.organisations},
        "open_markers": open_markers(state, OPEN_KINDS),
        "next_steps": agreed_next_steps(state),
        "marker_kinds": MARKER_KINDS,
        # The bridge's spans point at the phases on this page, not at the members' canvas.
        "bridge_link_base": "",
        "funnel": latest_funnel(state.board.id),
    }


def _fragment(token: str, template: str, context: Callable[[Board], dict]) -> ResponseReturnValue:
    """Render a part of the read-only view for the link's board, or why the link is refused."""
    try:
        _link, board = _shared_board(token)
    except (Gone, NotFound) as error:
        return render_template("errors/_error.html", error=error), error.status
    return render_template(template, **context(board))


@bp.get("/s/<token>/part/<any(overview, reading):name>")
def part(token: str, name: str) -> ResponseReturnValue:
    """Return a part of the read-only view again, after a change (live refresh)."""
    return _fragment(
        token,
        f"share/_{name}.html",
        lambda board: {"board": board, **_reading_context(load_state(board))},
    )


@bp.get("/s/<token>/votes")
def votes(token: str) -> ResponseReturnValue:
    """Return the votes' results again after a vote closed (live refresh): closed votes only."""
    return _fragment(
        token,
        "votes/_panel.html",
        lambda board: {
            "board": board,
            "role": "viewer",
            "votes_panel": votes_panel(board.id, "viewer", None),
            "votes_panel_url": url_for("share.votes", token=token),
        },
    )


@bp.get("/s/<token>/timer")
def timer(token: str) -> ResponseReturnValue:
    """Return the current meeting's timer, without controls (when another meeting starts)."""
    return _fragment(
        token,
        "meetings/_timer.html",
        lambda board: {"timer_view": current_timer(board.id), "role": "viewer"},
    )


@bp.get("/s/<token>/canvas")
def canvas(token: str) -> ResponseReturnValue:
    """Return the read-only canvas fragment (after a structural change)."""
    try:
        _link, board = _shared_board(token)
    except (Gone, NotFound) as error:
        return render_template("errors/_error.html", error=error), error.status
    return canvas_region(board, "viewer", can_edit=False)


@bp.get("/s/<token>/organisations.css")
def organisation_styles(token: str) -> ResponseReturnValue:
    """Serve the organisations' colours to the read-only view."""
    try:
        _link, board = _shared_board(token)
    except (Gone, NotFound) as error:
        return "", error.status
    return organisation_css(board.organisations)


def _coordinator() -> Actor:
    return Actor(user=current_user._get_current_object())


def _links_page(board_id: int, created=None, errors=None, status: int = 200):
    actor = _coordinator()
    board = board_for(actor, board_id, MANAGE)
    fragment = bool(request.headers.get("HX-Request"))
    # htmx only swaps 2xx answers; a fragment shows its errors itself.
    return render_template(
        "share/_links.html" if fragment else "share/links.html",
        board=board,
        links=services.list_links(actor, board_id),
        created=created,
        errors=errors or {},
        now=utcnow(),
    ), 200 if fragment else status


@bp.get("/boards/<int:board_id>/share-links")
@login_required
def links(board_id: int) -> ResponseReturnValue:
    """List the board's read-only links, with a form to make one."""
    return _links_page(board_id)


@bp.post("/boards/<int:board_id>/share-links")
@login_required
def create(board_id: int) -> ResponseReturnValue:
    """Create a link and show its URL once."""
    try:
        data = parse(ShareLinkCreate, form_data(request.form))
        link, token = services.create_link(_coordinator(), board_id, **data.model_dump())
    except ValidationFailed as error:
        return _links_page(board_id, errors=error.fields or {"_": error.message}, status=422)
    return _links_page(board_id, created={"link": link, "url": services.share_url(token)})


@bp.post("/boards/<int:board_id>/share-links/<int:link_id>/revoke")
@login_required
def revoke(board_id: int, link_id: int) -> ResponseReturnValue:
    """Revoke a link: its viewers are cut off at once."""
    services.revoke_link(_coordinator(), board_id, link_id)
    return _links_page(board_id)
