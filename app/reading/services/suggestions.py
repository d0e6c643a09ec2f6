"""Accept a suggestion (it becomes a marker) or dismiss it (until the situation changes)."""

from flask_babel import gettext as _

from app import events
from app.errors import NotFound
from app.extensions import db
from app.models import Marker, SuggestionDismissal
from app.permissions import EDIT, Actor, board_for
from app.reading.analysis import figures
from app.reading.facts import load_facts
from app.reading.rules import suggest
from app.reading.services.markers import create_marker
from app.transaction import write


def _find(board, key: str) -> dict:
    state = load_facts(board)
    for suggestion in suggest(state, figures(state)):
        if suggestion["key"] == key:
            return suggestion
    raise NotFound(_("Deze suggestie is er niet (meer)."))


@write
def accept(actor: Actor, board_id: int, key: str) -> Marker:
    """Turn a current suggestion into a marker."""
    suggestion = _find(board_for(actor, board_id, EDIT), key)
    return create_marker(
        actor,
        board_id,
        kind=suggestion["marker_kind"],
        title=suggestion["title"],
        note=suggestion["reason"],
        phase_id=suggestion["phase_id"],
        lane_id=suggestion["lane_id"],
        card_ids=suggestion["card_ids"],
        suggestion_key=key,
    )


@write
def dismiss(actor: Actor, board_id: int, key: str) -> dict:
    """Hide a current suggestion while its situation (fingerprint) stays the same."""
    suggestion = _find(board_for(actor, board_id, EDIT), key)
    dismissal = db.session.execute(
        db.select(SuggestionDismissal).filter_by(board_id=board_id, key=key)
    ).scalar_one_or_none()
    if dismissal is None:
        dismissal = SuggestionDismissal(board_id=board_id, key=key)
        db.session.add(dismissal)
    dismissal.fingerprint = suggestion["fingerprint"]
    data = {"key": key, "status": "dismissed", "fingerprint": suggestion["fingerprint"]}
    events.record(board_id, "suggestion.updated", actor=actor, data=data)
    return data
