"""Input schemas for comments: the text is kept exactly as written (not stripped)."""

from typing import Annotated, Literal

from flask_babel import gettext as _
from pydantic import AfterValidator, BeforeValidator, ConfigDict, StringConstraints
from pydantic_core import PydanticCustomError

from app.validation import Schema, _no_control_characters

MAX_BODY = 5000


def _line_breaks(value: object) -> object:
    # A browser sends a textarea's line breaks as CRLF; count them as one character, as the
    # textarea's maxlength does, before the length is checked.
    if isinstance(value, str):
        return _no_control_characters(value)
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank", _("Schrijf eerst je reactie."))
    return value


# Pydantic runs a BeforeValidator listed after the constraints first: line breaks are made one
# character, then the length is checked (with the usual "Maximaal 5000 tekens").
Body = Annotated[
    str,
    StringConstraints(min_length=1, max_length=MAX_BODY),
    BeforeValidator(_line_breaks),
    AfterValidator(_not_blank),
]

RefType = Literal["card", "marker", "next_step"]


class CommentSchema(Schema):
    # Comments come back exactly as written (DESIGN.md §4): no stripping of spaces.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


class CommentCreate(CommentSchema):
    ref_type: RefType
    ref_id: int
    body: Body


class CommentUpdate(CommentSchema):
    body: Body
