"""Find a board's entities by id, and check the version an edit started from."""

from typing import Any, TypeVar

from flask_babel import gettext as _

from app.errors import Conflict, NotFound, ValidationFailed
from app.extensions import db

T = TypeVar("T")


def board_entity(model: type[T], board_id: int, entity_id: int | None, field: str) -> T:
    """Return the referenced entity of this board, or a 422 on `field` (a bad reference)."""
    entity = db.session.get(model, entity_id) if entity_id is not None else None
    if entity is None or entity.board_id != board_id:
        raise ValidationFailed(
            _("Dit hoort niet bij dit bord."),
            fields={field: _("Kies een bestaande waarde van dit bord.")},
        )
    return entity


def get_entity(model: type[T], board_id: int, entity_id: int, message: str | None = None) -> T:
    """Return the entity of this board addressed by the URL, or a 404."""
    entity = db.session.get(model, entity_id)
    if entity is None or entity.board_id != board_id:
        raise NotFound(message or _("Niet gevonden."))
    return entity


def check_version(entity: Any, version: int | None) -> None:
    """Refuse an edit that started from an older version (409 with the current state)."""
    if version is not None and version != entity.version:
        raise Conflict(_("Dit is intussen door iemand anders gewijzigd."), current=entity.to_json())
