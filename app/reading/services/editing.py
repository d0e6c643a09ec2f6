"""Helpers shared by the reading services: live cards of a board, status transitions, edits."""

from flask_babel import gettext as _

from app.errors import ValidationFailed
from app.extensions import db
from app.lookup import check_version
from app.models import Card


def invalid(field: str, message: str) -> ValidationFailed:
    """Return a 422 error about one field."""
    return ValidationFailed(message, fields={field: message})


def live_cards(board_id: int, card_ids: list[int], field: str) -> list[Card]:
    """Load live cards of the board by id; every id must be one, else 422."""
    ids = set(card_ids)
    if not ids:
        return []
    cards = (
        db.session.execute(
            db.select(Card).where(
                Card.id.in_(ids), Card.board_id == board_id, Card.deleted_at.is_(None)
            )
        )
        .scalars()
        .all()
    )
    if len(cards) != len(ids):
        raise invalid(field, _("Kies bestaande kaarten van dit bord."))
    return sorted(cards, key=lambda c: c.id)


def check_transition(transitions: dict[str, set[str]], old: str, new: str) -> None:
    """Refuse a status change that the workflow does not allow."""
    if new != old and new not in transitions[old]:
        raise invalid(
            "status",
            _(
                "Deze statuswijziging is niet toegestaan (van %(old)s naar %(new)s).",
                old=old,
                new=new,
            ),
        )


def assign(entity, fields: dict, nullable: set[str]) -> None:
    """Set the sent fields; null clears only the fields that may be empty."""
    for key, value in fields.items():
        if value is not None or key in nullable:
            setattr(entity, key, value)


def edit(
    entity,
    version: int,
    fields: dict,
    check,
    *,
    nullable: set[str] = frozenset(),
    transitions: dict | None = None,
    list_field: str | None = None,
) -> None:
    """Apply an edit that started from `version`: 409 when stale, the status only along its
    transitions, then `check(entity, ids_of_list_field)` on the result (422 writes nothing)."""
    check_version(entity, version)
    if transitions and fields.get("status") is not None:
        check_transition(transitions, entity.status, fields["status"])
    listed = fields.pop(list_field, None) if list_field else None
    with db.session.no_autoflush:  # the checks query; the half-edited entity must not flush
        assign(entity, fields, nullable)
        check(entity, listed)
    entity.version += 1
