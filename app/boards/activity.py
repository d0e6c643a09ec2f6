"""The activity feed: events of the board told in words."""

from flask import render_template
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
        "figure": _("cijfers van"),
        "target_group": _("doelgroep"),
    }
    return labels.get(kind, kind)


# A comment event tells what was said about (the text stays in the thread, for members).
_COMMENT = {
    "created": _l("reageerde op"),
    "updated": _l("wijzigde een reactie op"),
    "deleted": _l("verwijderde een reactie op"),
    "hidden": _l("verborg een reactie op"),
}


def describe(event: Event, phase_names: dict[int, str], lane_names: dict[int, str]) -> str:
    """Tell one event in a sentence, e.g. "Anna verplaatste kaart 'X' naar Advies & plan"."""
    kind, _dot, action = event.type.partition(".")
    data = event.data or {}
    if kind == "comment":
        label, title = _entity_label(data.get("ref_type", "")), data.get("ref_title", "")
        return f"{event.actor_name} {_COMMENT.get(action, action)} {label} ‘{title}’"
    name = (
        data.get("title")
        or data.get("name")
        or data.get("label")
        or data.get("email")
        or data.get("period")  # a figure: its quarter
        or ""
    )
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


# How many lines the feed shows; a page that prepends pushed lines keeps to it too.
FEED_LIMIT = 40


def names(model, board_id: int) -> dict[int, str]:
    """Return the names of a board's phases or lanes by id."""
    rows = db.session.execute(db.select(model.id, model.name).filter_by(board_id=board_id))
    return dict(rows.all())


def _item(event: Event, phases: dict[int, str], lanes: dict[int, str]) -> dict:
    return {
        "seq": event.seq,
        "text": describe(event, phases, lanes),
        "at": event.created_at,
        "when": format_datetime(event.created_at, "d MMM HH:mm"),
        "type": event.type,
        "card_id": event.data.get("id") if event.type.startswith("card.") else None,
    }


def recent(board_id: int, limit: int = FEED_LIMIT) -> list[dict]:
    """Return the latest events of a board as feed items, newest first."""
    events = (
        db.session.execute(
            db.select(Event).filter_by(board_id=board_id).order_by(Event.seq.desc()).limit(limit)
        )
        .scalars()
        .all()
    )
    phases, lanes = names(Phase, board_id), names(Lane, board_id)
    return [_item(e, phases, lanes) for e in events]


def render_line(event: Event) -> str:
    """Render one event as a line of the feed (a live push carries it to pages); only a move
    looks up the names of phases and lanes."""
    moved = event.type == "card.moved"
    phases = names(Phase, event.board_id) if moved else {}
    item = _item(event, phases, names(Lane, event.board_id) if moved else {})
    return render_template("boards/_feed_item.html", item=item)
