"""Input schemas of an inventory import: one row of the sheet, and the person's choices."""

from typing import Literal

from pydantic import Field

from app.boards.schemas import OrganisationKind
from app.cards.schemas import Capacity, CardStatus, Quality
from app.validation import Description, Name, Schema, Title, text

FieldKey = Literal[
    "organisation",
    "kind",
    "contact",
    "phase",
    "lane",
    "title",
    "description",
    "capacity_per_year",
    "capacity_unit",
    "status",
    "quality",
    "quality_reason",
]


class InventoryRow(Schema):
    """One row as a card and its organisation: the same bounds as the card and organisation
    schemas (phase and lane are names here; the import looks them up)."""

    organisation: Name
    kind: OrganisationKind = "overig"
    contact: text(200, min_length=0) = ""
    phase: Name
    lane: text(100, min_length=0) = ""
    title: Title
    description: Description = ""
    capacity_per_year: Capacity | None = None
    capacity_unit: text(40) = "huishoudens/jaar"
    status: CardStatus = "existing"
    quality: Quality | None = None
    quality_reason: text(500, min_length=0) = ""


class ImportChoices(Schema):
    """What the person chose: {column header: field or null} and, per phase or lane value
    of the file, the existing phase or lane (id) it stands for."""

    mapping: dict[str, FieldKey | None] | None = Field(default=None, max_length=100)
    values: dict[Literal["phase", "lane"], dict[str, int]] = Field(default_factory=dict)
    dry_run: bool = False


class InventoryUpload(Schema):
    """The multipart form of the import (described in the OpenAPI document)."""

    file: bytes = Field(
        max_length=5 * 1024 * 1024,
        description="The inventory: XLSX (first sheet) or CSV, at most 5 MB",
    )
    mapping: str | None = Field(
        None, max_length=20_000, description="JSON {column header: field or null}"
    )
    values: str | None = Field(
        None,
        max_length=20_000,
        description='JSON {"phase": {value: phase id}, "lane": {value: lane id}}',
    )
    dry_run: bool = False
