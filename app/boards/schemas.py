"""Input schemas for boards, members, phases, lanes and organisations."""

from typing import Annotated, Literal

from pydantic import EmailStr, Field, StringConstraints

from app.validation import HEX_COLOR, Name, Schema, edit_schema, text

Role = Literal["coordinator", "partner", "viewer"]
OrganisationKind = Literal[
    "gemeente",
    "energieloket",
    "energiecooperatie",
    "energiecoach",
    "marktpartij",
    "warmtefonds",
    "rvo",
    "provincie",
    "woningcorporatie",
    "vve_ondersteuning",
    "sociaal_domein",
    "overig",
]
Demand = Annotated[int, Field(ge=0, le=10_000_000)]
Color = Annotated[str, StringConstraints(pattern=HEX_COLOR)]


class BoardCreate(Schema):
    name: text(200)
    phases: list[Name] | None = Field(default=None, max_length=15)
    lanes: list[Name] | None = Field(default=None, max_length=12)
    lane_template: Literal["measure_type", "target_group"] | None = None
    # A built-in template's key or `saved-<id>` (GET /api/v1/templates), or a board to copy.
    template: Annotated[str, StringConstraints(max_length=40)] | None = None
    copy_from: int | None = None
    # `copy` in the input (a field may not be called so: pydantic models have a copy method).
    copy_level: Literal["structure", "organisations", "cards"] | None = Field(
        default=None, alias="copy"
    )


class BoardUpdate(Schema):
    name: text(200) | None = None
    archived: bool | None = None
    version: int | None = None


class MemberAdd(Schema):
    email: EmailStr
    role: Role


class MemberUpdate(Schema):
    role: Role


class InviteCreate(Schema):
    role: Role
    email: EmailStr | None = None
    organisation_id: int | None = None


class InviteAccept(Schema):
    name: Name
    email: EmailStr
    password: text(200, min_length=10)


class PhaseCreate(Schema):
    name: Name
    demand_per_year: Demand | None = None
    after_id: int | None = None


PhaseUpdate = edit_schema(PhaseCreate, "PhaseUpdate", version_required=False)


class LaneCreate(Schema):
    name: Name
    after_id: int | None = None


LaneUpdate = edit_schema(LaneCreate, "LaneUpdate", version_required=False)


class AxisDelete(Schema):
    """Where the cards of a deleted phase or lane go."""

    move_cards_to: int | None = None


class OrganisationCreate(Schema):
    name: Name
    kind: OrganisationKind = "overig"
    color: Color | None = None  # none: the palette's next colour (app/structure/services.py)
    contact: text(200, min_length=0) = ""


OrganisationUpdate = edit_schema(OrganisationCreate, "OrganisationUpdate", version_required=False)
