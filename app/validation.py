"""Input validation: pydantic schemas shared by forms, the JSON API and socket handlers."""

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Annotated, Any

from flask_babel import gettext as _
from flask_babel import to_utc
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    StringConstraints,
    create_model,
    field_validator,
)
from pydantic import ValidationError as PydanticError

from app.errors import ValidationFailed

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
HEX_COLOR = r"^#[0-9a-fA-F]{6}$"


def _no_control_characters(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("control characters are not allowed")
    return value.replace("\r\n", "\n")


def text(max_length: int, min_length: int = 1) -> Any:
    """Return a stripped text type with bounds and without control characters."""
    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=min_length, max_length=max_length),
        AfterValidator(_no_control_characters),
    ]


def _as_utc(value: datetime) -> datetime:
    # A moment typed without a zone (a datetime-local field) is the user's local time.
    return to_utc(value).replace(tzinfo=UTC)


# A moment in time from a form or JSON, stored as aware UTC.
Moment = Annotated[datetime, AfterValidator(_as_utc)]

Title = text(200)
Name = text(100)
Description = text(5000, min_length=0)


# The largest integer a database column holds; a larger id would crash the query, not miss.
DB_INT_MAX = 2**63 - 1


def fits_database(value: object) -> bool:
    """Tell whether a value is not an integer too large for the database."""
    return not isinstance(value, int) or -DB_INT_MAX <= value <= DB_INT_MAX


class Schema(BaseModel):
    """Base for input schemas: unknown fields are an error, strings are stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*")
    @classmethod
    def _integers_fit_the_database(cls, value):
        if not all(fits_database(v) for v in (value if isinstance(value, list) else [value])):
            raise ValueError("out of range")
        return value


def _message(error: dict) -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
    required = kind == "string_too_short" and ctx.get("min_length") == 1
    if kind == "missing" or required or (kind == "string_type" and error.get("input") is None):
        return _("Dit veld is verplicht.")
    if kind == "string_too_long":
        return _("Maximaal %(n)s tekens.", n=ctx.get("max_length"))
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("Vul een heel getal in.")
    if kind in ("literal_error", "enum"):
        return _("Kies een geldige waarde.")
    if kind in ("greater_than_equal", "greater_than"):
        return _("Moet minimaal %(n)s zijn.", n=ctx.get("ge", ctx.get("gt")))
    if kind in ("less_than_equal", "less_than"):
        return _("Mag hoogstens %(n)s zijn.", n=ctx.get("le", ctx.get("lt")))
    if kind == "extra_forbidden":
        return _("Onbekend veld.")
    if kind.startswith("date") or kind.startswith("datetime"):
        return _("Vul een geldige datum in.")
    if kind == "string_pattern_mismatch":
        return _("Ongeldige notatie.")
    if kind == "value_error" and "out of range" in error.get("msg", ""):
        return _("Kies een geldige waarde.")
    if kind == "value_error" and "control characters" in error.get("msg", ""):
        return _("Bevat niet-toegestane tekens.")
    return error.get("msg", _("Ongeldige waarde."))


def parse(schema: type[Schema], data: Any) -> Schema:
    """Validate input against a schema or raise ValidationFailed with a message per field."""
    if not isinstance(data, dict):
        raise ValidationFailed(_("Verwacht een JSON-object."))
    try:
        return schema.model_validate(data)
    except PydanticError as exc:
        fields: dict[str, str] = {}
        for error in exc.errors():
            key = ".".join(str(p) for p in error["loc"]) or "_"
            fields.setdefault(key, _message(error))
        raise ValidationFailed(_("Controleer de invoer."), fields=fields) from None


def form_data(form: Mapping) -> dict:
    """Turn submitted form fields into schema input: empty fields count as not given."""
    return {key: value for key, value in form.items() if key != "csrf_token" and value != ""}


def changed_fields(edit: Schema) -> dict:
    """Return the fields an edit sent, without the version it started from."""
    return edit.model_dump(include=edit.model_fields_set - {"version"})


def edit_schema(create: type[Schema], name: str, version_required: bool = True) -> type[Schema]:
    """Return the schema of an edit to what `create` makes: the version the edit starts from,
    and every field of `create` with the same checks, but optional (not sent: not changed)."""
    fields: dict[str, Any] = {
        key: (_checked(field.annotation, field.metadata) | None, None)
        for key, field in create.model_fields.items()
    }
    version = (int, ...) if version_required else (int | None, None)
    return create_model(
        name, __base__=Schema, __module__=create.__module__, version=version, **fields
    )


def _checked(annotation: Any, checks: list) -> Any:
    return Annotated[annotation, *checks] if checks else annotation
