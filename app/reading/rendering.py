"""Rendering of the reading pages and fragments, shared by its page routes and form posts."""

from flask import render_template, request
from markupsafe import Markup

from app.boards.queries import BoardState, load_state
from app.boards.shared_html import shared, variant
from app.models import Marker
from app.permissions import EDIT, READ, allows, board_for, role_on
from app.reading import bridge
from app.reading.analysis import figures
from app.reading.bridge import STATUSES
from app.reading.facts import load_facts
from app.reading.services.markers import OPEN
from app.reading.services.markers import TRANSITIONS as MARKER_TRANSITIONS
from app.reading.services.next_steps import TRANSITIONS as STEP_TRANSITIONS
from app.views import current_actor


def render(template: str, board_id: int, extend=None, load=load_state, **context) -> str:
    """Render a reading page or fragment with the board, the role and the state `load(board)`
    reads; `extend(state)` adds what is computed from the state."""
    who = current_actor()
    board = board_for(who, board_id, READ)
    role = role_on(who, board_id)
    state = load(board)
    return render_template(
        template,
        board=board,
        role=role,
        can_edit=allows(role, EDIT),
        state=state,
        **reading_context(state, context.get("wanted")),
        **(extend(state) if extend else {}),
        **context,
    )


def render_shared(template: str, board_id: int, **kwargs) -> Markup:
    """`render`, once per board version for every reader with the same rights and query: what
    every open page asks for again after each event (shared_html)."""
    who = current_actor()
    board = board_for(who, board_id, READ)
    readers = variant(allows(role_on(who, board_id), EDIT), query=True)
    return shared(board, template, readers, lambda: render(template, board_id, **kwargs))


def reading_context(state: BoardState, wanted: dict | None = None) -> dict:
    """What the reading fragments read besides board and role: lookups by id, the allowed
    transitions and, given the side list's filter, the markers it shows."""
    context = {
        "lookup": {
            "phase": {p.id: p for p in state.phases},
            "lane": {x.id: x for x in state.lanes},
            "card": {c.id: c for c in state.cards},
            "org": {o.id: o for o in state.organisations},
        },
        "marker_transitions": MARKER_TRANSITIONS,
        "step_transitions": STEP_TRANSITIONS,
    }
    if wanted is not None:
        context["markers_shown"] = filtered(state.markers, wanted)
    return context


def render_bridge(template: str, board_id: int) -> str:
    """Render the bridge page or its live part (structure, cards and markers read lean)."""
    who = current_actor()
    board = board_for(who, board_id, READ)
    return render_template(
        template, board=board, role=role_on(who, board_id), **bridge_context(load_facts(board))
    )


def marker_filter() -> dict:
    """Return the side list's filter from the query; status 'open' means open or in hand."""
    return {"kind": request.args.get("kind") or "", "status": request.args.get("status", "open")}


def filtered(markers: list[Marker], wanted: dict) -> list:
    """Apply the side list's filter, newest first."""
    return [
        m
        for m in reversed(markers)
        if (not wanted["kind"] or m.kind == wanted["kind"])
        and (
            wanted["status"] in ("", "all")
            or m.status == wanted["status"]
            or (wanted["status"] == "open" and m.status in OPEN)
        )
    ]


def bridge_context(state: BoardState) -> dict:
    """Return what the bridge templates draw."""
    return {"picture": bridge.picture(state, figures(state)), "span_statuses": STATUSES}
