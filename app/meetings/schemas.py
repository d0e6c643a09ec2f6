"""Input schemas for meetings, agenda items and decisions."""

from datetime import date
from typing import Annotated, Literal

from pydantic import Field

from app.validation import Description, Moment, Schema, Title, edit_schema, text

RefType = Literal["marker", "suggestion", "next_step", "phase", "card", "free"]
Duration = Annotated[int, Field(ge=1, le=480)]
Position = Annotated[int, Field(ge=0, le=1000)]
Id = Annotated[int, Field(ge=1, le=2**31 - 1)]
Participants = text(1000, min_length=0)


class MeetingCreate(Schema):
    title: Title
    starts_at: Moment
    participants: Participants = ""


MeetingUpdate = edit_schema(MeetingCreate, "MeetingUpdate", version_required=False)


class ItemCreate(Schema):
    title: Title
    ref_type: RefType | None = None
    ref_id: Id | None = None
    minutes: Description = ""
    position: Position | None = None
    duration_minutes: Duration | None = None


ItemUpdate = edit_schema(ItemCreate, "ItemUpdate", version_required=False)


class AgreedStep(Schema):
    """A next step agreed by a decision: what, who carries it, by when."""

    title: Title
    owner_organisation_id: Id | None = None
    due_date: date | None = None


class DecisionCreate(Schema):
    item_id: Id | None = None
    text: text(5000)
    next_step_id: Id | None = None
    next_step: AgreedStep | None = None


class CurrentItem(Schema):
    item_id: Id | None = None


class TimerAction(Schema):
    """A coordinator's press on the shared timer; `seconds` sets the start or the extension."""

    action: Literal["start", "pause", "resume", "extend", "reset"]
    seconds: Annotated[int, Field(ge=1, le=8 * 3600)] | None = None
