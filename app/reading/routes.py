"""Pages and fragments: the bridge, markers and suggestions, next steps, rounds, the overlay."""

from functools import partial

from flask import Response, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import login_required

from app.boards.queries import BoardState
from app.permissions import EDIT, READ, board_for
from app.reading.analysis import figures
from app.reading.blueprint import bp
from app.reading.facts import OVERLAY_COLUMNS, load_facts
from app.reading.rendering import (
    bridge_context,
    marker_filter,
    render,
    render_bridge,
    render_shared,
)
from app.reading.rules import suggest
from app.reading.services import rounds
from app.reading.services.markers import get_marker
from app.reading.services.next_steps import get_next_step
from app.reading.view import overlay_cards, reading_view
from app.views import current_actor

# -- Markers, suggestions, handovers -------------------------------------------------------


@bp.get("/boards/<int:board_id>/markers")
@login_required
def markers_page(board_id: int) -> ResponseReturnValue:
    """Show markers, suggestions and handovers on a page of their own."""
    return render("reading/markers.html", board_id, wanted=marker_filter())


@bp.get("/boards/<int:board_id>/reading/panel")
@login_required
def panel(board_id: int) -> ResponseReturnValue:
    """Return the canvas side panel: markers with filter, suggestions, handovers, forms."""
    return render("reading/_panel_body.html", board_id, wanted=marker_filter())


@bp.get("/boards/<int:board_id>/markers/list")
@login_required
def markers_list(board_id: int) -> ResponseReturnValue:
    """Return the filtered marker list."""
    return render_shared("reading/_markers_list.html", board_id, wanted=marker_filter())


@bp.get("/boards/<int:board_id>/markers/new")
@login_required
def marker_new(board_id: int) -> ResponseReturnValue:
    """Return the empty form for a new marker (the side panel asks for it when it is opened)."""
    board_for(current_actor(), board_id, EDIT)
    return render("reading/_marker_form.html", board_id, marker=None, values={}, errors={})


@bp.get("/boards/<int:board_id>/handovers/new")
@login_required
def handover_new(board_id: int) -> ResponseReturnValue:
    """Return the empty form for a new handover (asked for when the side panel opens it)."""
    board_for(current_actor(), board_id, EDIT)
    return render("reading/_handover_form.html", board_id, values={}, errors={})


@bp.get("/boards/<int:board_id>/markers/<int:marker_id>/edit")
@login_required
def marker_edit(board_id: int, marker_id: int) -> ResponseReturnValue:
    """Return the edit form of a marker."""
    board_for(current_actor(), board_id, EDIT)
    marker = get_marker(board_id, marker_id)
    return render(
        "reading/_marker_form.html", board_id, marker=marker, values=marker.to_json(), errors={}
    )


@bp.get("/boards/<int:board_id>/suggestions")
@login_required
def suggestions_list(board_id: int) -> ResponseReturnValue:
    """Return the board's current suggestions."""
    return render_shared(
        "reading/_suggestions.html",
        board_id,
        extend=lambda state: {"suggestions": suggest(state, figures(state))},
    )


@bp.get("/boards/<int:board_id>/handovers")
@login_required
def handovers_list(board_id: int) -> ResponseReturnValue:
    """Return the list of handovers."""
    return render_shared("reading/_handovers_list.html", board_id)


@bp.get("/boards/<int:board_id>/reading/overlay")
@login_required
def overlay(board_id: int) -> ResponseReturnValue:
    """Return the badges and lens figures of every phase and cell and of every card, or with
    `?cards=1,2` only of those cards and their handover partners (`?cards=`: no card)."""
    asked = request.args.get("cards")
    wanted = None if asked is None else {int(i) for i in asked.split(",") if i.strip().isdigit()}

    def extend(state: BoardState) -> dict:
        view = reading_view(state)
        return {"reading": view, "cards": overlay_cards(state, view, wanted)}

    # Cards as rows (facts.py): the overlay reads a few columns of 2,000 cards after every event.
    return render_shared(
        "reading/_overlay.html",
        board_id,
        extend=extend,
        load=partial(load_facts, columns=OVERLAY_COLUMNS),
    )


# -- The bridge ----------------------------------------------------------------------------


@bp.get("/boards/<int:board_id>/bridge")
@login_required
def bridge_page(board_id: int) -> ResponseReturnValue:
    """Show the bridge picture with what makes each span solid, cracked or missing."""
    return render_bridge("reading/bridge.html", board_id)


@bp.get("/boards/<int:board_id>/bridge/part")
@login_required
def bridge_part(board_id: int) -> ResponseReturnValue:
    """Return the bridge picture and its table (live refresh)."""
    return render_bridge("reading/_bridge_part.html", board_id)


@bp.get("/boards/<int:board_id>/bridge.svg")
@login_required
def bridge_svg(board_id: int) -> ResponseReturnValue:
    """Serve the bridge picture as an SVG image."""
    board = board_for(current_actor(), board_id, READ)
    svg = render_template("reading/_bridge.svg", board=board, **bridge_context(load_facts(board)))
    return Response(svg, mimetype="image/svg+xml")


# -- Next steps and rounds -----------------------------------------------------------------


@bp.get("/boards/<int:board_id>/next-steps")
@login_required
def next_steps_page(board_id: int) -> ResponseReturnValue:
    """Show the next steps with their learning logs."""
    return render("reading/next_steps.html", board_id, values={}, errors={})


@bp.get("/boards/<int:board_id>/next-steps/list")
@login_required
def next_steps_list(board_id: int) -> ResponseReturnValue:
    """Return the list of next steps."""
    return render("reading/_next_steps_list.html", board_id)


@bp.get("/boards/<int:board_id>/next-steps/<int:next_step_id>/edit")
@login_required
def next_step_edit(board_id: int, next_step_id: int) -> ResponseReturnValue:
    """Return the edit form of a next step."""
    board_for(current_actor(), board_id, EDIT)
    step = get_next_step(board_id, next_step_id)
    return render(
        "reading/_next_step_form.html", board_id, step=step, values=step.to_json(), errors={}
    )


@bp.get("/boards/<int:board_id>/rounds")
@login_required
def rounds_page(board_id: int) -> ResponseReturnValue:
    """Show the timeline of rounds, with a form to start one."""
    return render("reading/rounds.html", board_id, rounds=rounds.rounds_of(board_id), errors={})


@bp.get("/boards/<int:board_id>/rounds/<int:round_id>")
@login_required
def round_page(board_id: int, round_id: int) -> ResponseReturnValue:
    """Compare a round with now (or with a later round)."""
    against = request.args.get("against", type=int)
    diff = rounds.diff(current_actor(), board_id, round_id, against)
    return render(
        "reading/round.html",
        board_id,
        rounds=rounds.rounds_of(board_id),
        diff=diff,
        since=rounds.get_round(board_id, round_id),
    )
