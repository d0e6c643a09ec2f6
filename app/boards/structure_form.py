"""The settings page's one form for all phases (or lanes): what was typed, and what to show.

Each row sends its fields as `<field>-<id>`, the value it showed as `was-<field>-<id>` and the
version it was read at as `version-<id>`. Only what the person changed is saved, so a row
someone else edited meanwhile is a conflict only when this person changed it too; and whatever
was typed is shown again after a refusal, never thrown away.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from app.boards.schemas import LaneUpdate, PhaseUpdate
from app.errors import ValidationFailed
from app.validation import changed_fields, parse

FIELDS = {"phase": ("name", "demand_per_year"), "lane": ("name",)}
SCHEMAS = {"phase": PhaseUpdate, "lane": LaneUpdate}


@dataclass
class Row:
    """One phase or lane as the form shows it."""

    id: int
    values: dict
    was: dict
    version: int
    errors: dict = field(default_factory=dict)
    conflict: dict | None = None  # the values someone else saved meanwhile


def _shown(value: object) -> str:
    return "" if value is None else str(value)


def _row_ids(form: Mapping) -> list[int]:
    ids = (key.removeprefix("version-") for key in form if key.startswith("version-"))
    return [int(entity_id) for entity_id in ids if entity_id.isdigit()]


def _edited(axis: str, form: Mapping, entity_id: int) -> dict[str, str]:
    """Return the fields of one row whose typed value differs from the one it showed."""
    typed = {name: form.get(f"{name}-{entity_id}", "").strip() for name in FIELDS[axis]}
    return {
        name: value
        for name, value in typed.items()
        if value != form.get(f"was-{name}-{entity_id}", "").strip()
    }


def typed_changes(axis: str, form: Mapping) -> dict[int, tuple[int | None, dict]]:
    """Return {id: (version, fields)} for the rows the person changed; a 422 names bad fields
    per row (`<field>-<id>`)."""
    changes: dict[int, tuple[int | None, dict]] = {}
    errors: dict[str, str] = {}
    for entity_id in _row_ids(form):
        edited = _edited(axis, form, entity_id)
        if not edited:
            continue
        raw = {
            **{
                name: (value if value or name == "name" else None) for name, value in edited.items()
            },
            "version": form.get(f"version-{entity_id}"),
        }
        try:
            update = parse(SCHEMAS[axis], raw)
        except ValidationFailed as exc:
            errors.update({f"{name}-{entity_id}": text for name, text in exc.fields.items()})
            continue
        changes[entity_id] = (update.version, changed_fields(update))
    if errors:
        raise ValidationFailed(next(iter(errors.values())), fields=errors)
    return changes


def rows(
    axis: str,
    items: list,
    form: Mapping | None = None,
    errors: dict | None = None,
    stale: dict | None = None,
) -> list[Row]:
    """Return the rows to show: what is saved, or what the person typed where they changed it
    (after a refusal), with the errors and the conflicting values beside it."""
    form, errors, stale = form or {}, errors or {}, stale or {}
    shown = []
    for item in items:
        saved = {name: _shown(getattr(item, name)) for name in FIELDS[axis]}
        row = Row(item.id, saved, dict(saved), item.version)
        if f"version-{item.id}" in form and _edited(axis, form, item.id):
            row.values = {name: form.get(f"{name}-{item.id}", "") for name in FIELDS[axis]}
            row.was = {name: form.get(f"was-{name}-{item.id}", "") for name in FIELDS[axis]}
            row.version = int(form.get(f"version-{item.id}") or item.version)
            row.errors = {
                name: errors[f"{name}-{item.id}"]
                for name in FIELDS[axis]
                if f"{name}-{item.id}" in errors
            }
        if item.id in stale:
            # Saving again keeps what was typed, knowing it replaces the other person's values.
            row.conflict, row.was, row.version = saved, saved, item.version
        shown.append(row)
    return shown
