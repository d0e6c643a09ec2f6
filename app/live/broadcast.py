"""Send committed events to everyone on a board: JSON for API clients, a fragment for pages.

Rooms per board and audience: `json` (API clients: the event only) and `page` per language
(pages: the event plus the rendered fragment and the event's line of the activity feed, the same
for editors and viewers, in the reader's language).
"""

from collections.abc import Callable
from contextlib import nullcontext

from flask import current_app, has_request_context

from app.extensions import db, socketio
from app.i18n import rendering_in
from app.models import Event

# Renderers turn an entity into the fragment a page inserts: kind -> fn(entity).
_renderers: dict[str, Callable] = {}
# Models to reload an entity by id when replaying its event to a page: kind -> model.
_models: dict[str, type] = {}
# Renders an event as a line of the activity feed: fn(event) -> str (one for all kinds).
_feed: list[Callable] = []


def register_renderer(kind: str, model: type, render: Callable) -> None:
    """Render an entity kind's pushes (e.g. 'card') with `render(entity)`; `model` reloads the
    entity by id when a missed event is replayed to a page."""
    _renderers[kind] = render
    _models[kind] = model


def register_feed(render: Callable) -> None:
    """Render each event's line of the activity feed with `render(event)` for page pushes."""
    _feed[:] = [render]


def feed_line(event: Event) -> str | None:
    """Render an event's feed line in the current language (None without a renderer)."""
    return _feed[0](event) if _feed else None


def room(board_id: int, audience: str, locale: str | None = None) -> str:
    """Return the room name of a board for an audience (`page` rooms: one per language)."""
    return f"board:{board_id}:{audience}" + (f":{locale}" if locale else "")


def rooms_of(board_id: int) -> list[str]:
    """Return every room of a board: the JSON room and a page room per language."""
    return [room(board_id, "json")] + [
        room(board_id, "page", locale) for locale in current_app.config["SUPPORTED_LOCALES"]
    ]


def _listened(target: str) -> bool:
    """Tell whether a room may have members. One process knows; with a message queue the other
    processes' members are unknown here, so then always."""
    if current_app.config.get("SOCKETIO_MESSAGE_QUEUE"):
        return True
    return bool(socketio.server.manager.rooms.get("/", {}).get(target))


def payload(event: Event) -> dict:
    """Return an event as the `board_event` message carries it (contract §5)."""
    return {
        "board_id": event.board_id,
        "seq": event.seq,
        "type": event.type,
        "data": event.data,
        "actor": {"id": event.actor_id, "name": event.actor_name},
    }


def broadcast(event: Event, entity: object = None) -> None:
    """Send one committed event to everyone on the board: JSON, plus HTML for pages."""
    message = payload(event)
    socketio.emit("board_event", message, to=room(event.board_id, "json"))
    render = _renderers.get(event.type.split(".")[0])
    deleted = event.type.endswith(".deleted")
    # Changes made outside a request (CLI, scripts, tests) still render with working URLs.
    context = nullcontext() if has_request_context() else current_app.test_request_context("/")
    with context:
        for locale in current_app.config["SUPPORTED_LOCALES"]:
            target = room(event.board_id, "page", locale)
            if not _listened(target):
                continue  # nobody reads this language here: nothing to render
            html = None
            with rendering_in(locale):
                if render and entity and not deleted:
                    html = render(entity)
                feed = feed_line(event)
            socketio.emit("board_event", {**message, "html": html, "feed": feed}, to=target)


def current_html(event: Event) -> str | None:
    """Render the entity of a replayed event as it is now (None when it is gone)."""
    kind = event.type.split(".")[0]
    model, render = _models.get(kind), _renderers.get(kind)
    if model is None or render is None or event.type.endswith(".deleted"):
        return None
    entity = db.session.get(model, event.data.get("id"))
    if entity is None or getattr(entity, "deleted_at", None) is not None:
        return None
    return render(entity)
