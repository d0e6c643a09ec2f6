"""What the canvas page shows: the board's state plus what other features add to it."""

from collections.abc import Callable

from app.boards.queries import BoardState, load_state
from app.models import Board
from app.permissions import EDIT, MANAGE, allows

_extensions: list[Callable[[BoardState, str], dict]] = []


def register_page_extension(fn: Callable[[BoardState, str], dict]) -> Callable:
    """Let a feature add template variables to the canvas page: fn(state, role) -> dict."""
    if fn not in _extensions:
        _extensions.append(fn)
    return fn


def canvas_context(board: Board, role: str, can_edit: bool | None = None) -> dict:
    """Return everything the canvas templates need, prepared (templates only loop)."""
    state = load_state(board)
    cells = state.cells()
    organisations = {o.id: o for o in state.organisations}
    context = {
        "board": board,
        "state": state,
        "role": role,
        "can_edit": allows(role, EDIT) if can_edit is None else can_edit,
        "can_manage": allows(role, MANAGE) and can_edit is not False,
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
        "organisations": organisations,
    }
    for extension in _extensions:
        context.update(extension(state, role))
    return context
