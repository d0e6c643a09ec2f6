"""API: how the signed-in person hears of a board (reminders and digests, contract §6.2.4)."""

from flask.typing import ResponseReturnValue

from app.api.base import actor, body, bp
from app.api.spec import doc
from app.notify.schemas import Preference
from app.notify.services.preferences import mode_of, set_mode
from app.validation import parse

MINE = "/boards/<int:board_id>/notifications/me"


@bp.get(MINE)
@doc("Your mail about the board: immediate, daily or off (members)", tag="notifications")
def get_notifications(board_id: int) -> ResponseReturnValue:
    """Return how the person hears of the board."""
    return {"mode": mode_of(actor(), board_id)}


@bp.put(MINE)
@doc("Choose your mail about the board (members)", body=Preference, tag="notifications")
def set_notifications(board_id: int) -> ResponseReturnValue:
    """Choose how the person hears of the board."""
    data = parse(Preference, body())
    return {"mode": set_mode(actor(), board_id, data.mode)}
