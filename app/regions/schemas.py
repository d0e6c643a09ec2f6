"""Input schemas for regions and the boards taking part in them."""

from typing import Annotated

from flask_babel import gettext as _
from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from app.validation import Name, Schema

Id = Annotated[int, Field(ge=1)]


def _yes_or_no(value: object) -> bool:
    """Accept a JSON boolean only (a string 'false' would be true in many clients' eyes)."""
    if not isinstance(value, bool):
        raise PydanticCustomError("bool", _("Kies ja of nee (true of false)."))
    return value


YesNo = Annotated[bool, BeforeValidator(_yes_or_no)]


class RegionCreate(Schema):
    name: Name


class RegionJoin(Schema):
    board_id: Id
    share_texts: YesNo = False


class RegionBoardUpdate(Schema):
    share_texts: YesNo


class RegionJoinForm(Schema):
    """The board settings' form: the region's id (given by its lead) and the sharing choice."""

    region_id: Id
    share_texts: YesNo = False
