"""Input schemas for figures and target groups."""

import re
from typing import Annotated

from flask_babel import gettext as _
from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from app.validation import Name, Schema, edit_schema

_PERIOD = re.compile(r"^\d{4}-Q[1-4]$")
# Counts of households per quarter; a municipality of a million has fewer.
Count = Annotated[int, Field(ge=0, le=10_000_000)]
# Waiting times above two years are not a queue but a missing offer.
WaitingWeeks = Annotated[int, Field(ge=0, le=104)]


def check_period(value: str) -> str:
    value = value.strip().upper()
    if not _PERIOD.match(value) or not 2000 <= int(value[:4]) <= 2100:
        raise PydanticCustomError(
            "period", _("Gebruik een kwartaal als JJJJ-Qn, bijvoorbeeld 2026-Q3.")
        )
    return value


Period = Annotated[str, Field(max_length=7, examples=["2026-Q3"]), AfterValidator(check_period)]


class FigurePut(Schema):
    """Upsert one phase's or card's figures in a quarter; a field sent as null clears it."""

    period: Period
    phase_id: int
    card_id: int | None = None
    reached: Count | None = None
    moved_on: Count | None = None
    waiting_weeks: WaitingWeeks | None = None


FIGURE_FIELDS = ("reached", "moved_on", "waiting_weeks")


class TargetGroupCreate(Schema):
    name: Name
    size: Annotated[int, Field(ge=1, le=100_000_000)]
    lane_id: int | None = None


TargetGroupUpdate = edit_schema(TargetGroupCreate, "TargetGroupUpdate", version_required=False)


class FiguresUpload(Schema):
    """The multipart form of the figures import (described in the OpenAPI document)."""

    file: bytes = Field(
        max_length=5 * 1024 * 1024,
        description="The figures: XLSX (first sheet) or CSV, at most 5 MB",
    )
    dry_run: bool = False


class TargetGroupsUpload(Schema):
    """The multipart form of the target-group import (described in the OpenAPI document)."""

    file: bytes = Field(
        max_length=5 * 1024 * 1024,
        description="The target groups: XLSX (first sheet) or CSV, at most 5 MB",
    )
    dry_run: bool = False
