"""What the canvas page shows: the board's state plus what other features add to it.

Two kinds of additions. A board-wide one (`register_page_extension`: the reading lens, comment
counts) reads the loaded state and feeds the canvas and the reading panel, which every reader of
the board at one seq shares (shared_html). A reader's own one (`per_reader=True`: the meeting
panel, the timer, the votes panel) reads only the board and the person, every request. So a page
whose shared parts are rendered already does not load the board's state at all.
"""

from collections.abc import Callable
from functools import cache

from flask import render_template
from markupsafe import Markup

from app.boards.queries import BoardState, load_state
from app.boards.shared_html import shared, variant
from app.models import Board
from app.permissions import EDIT, MANAGE, allows

_extensions: list[Callable[[BoardState, str], dict]] = []
_reader_extensions: list[Callable[[Board, str], dict]] = []


def register_page_extension(fn: Callable, *, per_reader: bool = False) -> Callable:
    """Let a feature add template variables to the canvas page: fn(state, role) -> dict, or,
    `per_reader`, fn(board, role) -> dict (what depends on the person, not on the state)."""
    registry = _reader_extensions if per_reader else _extensions
    if fn not in registry:
        registry.append(fn)
    return fn


def _base(board: Board, role: str, can_edit: bool | None) -> dict:
    context = {
        "board": board,
        "role": role,
        "can_edit": allows(role, EDIT) if can_edit is None else can_edit,
        "can_manage": allows(role, MANAGE) and can_edit is not False,
    }
    for extension in _reader_extensions:
        context.update(extension(board, role))
    return context


def canvas_context(
    board: Board, role: str, can_edit: bool | None = None, base: dict | None = None
) -> dict:
    """Return everything the canvas templates need, prepared (templates only loop); `base`:
    the reader's own part, when the caller has it already."""
    state = load_state(board)
    cells = state.cells()
    context = {
        **(base if base is not None else _base(board, role, can_edit)),
        "state": state,
        "rows": [
            (
                lane,
                [
                    (phase, cells.get((phase.id, lane.id if lane else None), []))
                    for phase in state.phases
                ],
            )
            for lane in (state.lanes or [None])
        ],
        "organisations": {o.id: o for o in state.organisations},
    }
    for extension in _extensions:
        context.update(extension(state, role))
    return context


def canvas_region(
    board: Board,
    role: str,
    can_edit: bool | None = None,
    full: Callable[[], dict] | None = None,
) -> Markup:
    """The legend and the canvas, as every reader with the same rights sees them (shared);
    `full` gives the canvas context when it has to be rendered (else it is loaded then)."""
    can_edit = allows(role, EDIT) if can_edit is None else can_edit
    full = full or (lambda: canvas_context(board, role, can_edit))
    return shared(
        board,
        "canvas",
        variant(can_edit),
        lambda: render_template("boards/_canvas_region.html", **full()),
    )


def canvas_page(board: Board, role: str) -> dict:
    """The members' canvas page: the reader's own parts, and the canvas and the reading panel
    from shared HTML. The state is loaded (once) only when one of the two has to be rendered."""
    context = _base(board, role, None)
    full = cache(lambda: canvas_context(board, role, base=context))
    context["canvas_region"] = canvas_region(board, role, full=full)
    # The panel's markers list follows the page's query (?kind=…&status=…).
    context["reading_panel"] = shared(
        board,
        "reading-panel",
        variant(context["can_edit"], query=True),
        lambda: render_template("reading/_panel.html", **full()),
    )
    return context
