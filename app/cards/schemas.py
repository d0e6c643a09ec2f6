"""Input schemas for cards."""

from typing import Annotated, Literal

from pydantic import Field

from app.validation import Description, Schema, Title, text

CardStatus = Literal["existing", "planned", "pilot", "stopped"]
Quality = Literal["good", "adequate", "weak"]
Capacity = Annotated[int, Field(ge=0, le=10_000_000)]


class CardCreate(Schema):
    phase_id: int
    organisation_id: int
    title: Title
    lane_id: int | None = None
    description: Description = ""
    capacity_per_year: Capacity | None = None
    capacity_unit: text(40) = "huishoudens/jaar"
    status: CardStatus = "existing"
    after_card_id: int | None = None


class CardUpdate(Schema):
    version: int
    title: Title | None = None
    description: Description | None = None
    organisation_id: int | None = None
    capacity_per_year: Capacity | None = None
    capacity_unit: text(40) | None = None
    status: CardStatus | None = None
    quality: Quality | None = None
    quality_reason: text(500, min_length=0) | None = None


class CardMove(Schema):
    phase_id: int
    lane_id: int | None = None
    after_card_id: int | None = None
