"""The activity feed: events of the board told in words."""

from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.models import Event, Lane, Phase

_VERBS = {
    "created": _l("maakte"),
    "updated": _l("wijzigde"),
    "moved": _l("verplaatste"),
    "deleted": _l("verwijderde"),
    "restored": _l("herstelde"),
    "revoked": _l("trok in"),
    "accepted": _l("accepteerde"),
}


def _entity_label(kind: str) -> str:
    labels = {
        "card": _("kaart"),
        "phase": _("fase"),
        "lane": _("baan"),
        "organisation": _("organisatie"),
        "board": _("bord"),
        "member": _("lid"),
        "marker": _("markering"),
        "handover": _("overdracht"),
        "next_step": _("vervolgstap"),
        "share_link": _("alleen-lezen link"),
        "meeting": _("overleg"),
        "round": _("ronde"),
        "invitation": _("uitnodiging"),
    }
    return labels.get(kind, kind)


def describe(event: Event, phase_names: dict[int, str], lane_names: dict[int, str]) -> str:
    """Tell one event in a sentence, e.g. "Anna verplaatste kaart 'X' naar Advies & plan"."""
    kind, _dot, action = event.type.partition(".")
    data = event.data or {}
    name = data.get("title") or data.get("name") or data.get("label") or data.get("email") or ""
    verb = _VERBS.get(action, action)
    text = f"{event.actor_name} {verb} {_entity_label(kind)}"
    if name:
        text += f" ‘{name}’"
    if kind == "card" and action == "moved":
        place = phase_names.get(data.get("phase_id"), "?")
        if data.get("lane_id") in lane_names:
            place += f" · {lane_names[data['lane_id']]}"
        text += " " + _("naar %(place)s", place=place)
    return text


def recent(board_id: int, limit: int = 40) -> list[dict]:
    """Return the latest events of a board as feed items, newest first."""
    events = (
        db.session.execute(
            db.select(Event).filter_by(board_id=board_id).order_by(Event.seq.desc()).limit(limit)
        )
        .scalars()
        .all()
    )
    phases = dict(
        db.session.execute(db.select(Phase.id, Phase.name).filter_by(board_id=board_id)).all()
    )
    lanes = dict(
        db.session.execute(db.select(Lane.id, Lane.name).filter_by(board_id=board_id)).all()
    )
    return [
        {
            "seq": e.seq,
            "text": describe(e, phases, lanes),
            "at": e.created_at,
            "when": format_datetime(e.created_at, "d MMM HH:mm"),
            "type": e.type,
            "card_id": e.data.get("id") if e.type.startswith("card.") else None,
        }
        for e in events
    ]
