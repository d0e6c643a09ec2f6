"""Input schemas for markers, handovers, next steps, learnings, rounds."""

from datetime import date
from typing import Annotated, Literal

from pydantic import Field

from app.validation import Description, Schema, Title, edit_schema, text

MarkerKind = Literal["gap", "overlap", "bottleneck"]
Severity = Literal["low", "medium", "high"]
MarkerStatus = Literal["open", "being_addressed", "resolved", "dismissed"]
NextStepStatus = Literal["proposed", "agreed", "in_progress", "done", "stopped"]
Dropouts = Annotated[int, Field(ge=0, le=10_000_000)]
Ids = Annotated[list[int], Field(max_length=200)]
Note = text(1000, min_length=0)


class MarkerCreate(Schema):
    kind: MarkerKind
    title: Title
    phase_id: int | None = None
    lane_id: int | None = None
    card_ids: Ids = []
    note: Description = ""
    severity: Severity = "medium"
    status: MarkerStatus = "open"
    dropouts_per_year: Dropouts | None = None


MarkerUpdate = edit_schema(MarkerCreate, "MarkerUpdate")


class HandoverCreate(Schema):
    from_card_id: int
    to_card_id: int
    note: Note = ""


HandoverUpdate = edit_schema(HandoverCreate, "HandoverUpdate")


class NextStepCreate(Schema):
    title: Title
    goal: Description = ""
    owner_organisation_id: int | None = None
    participants: Note = ""
    start_date: date | None = None
    due_date: date | None = None
    status: NextStepStatus = "proposed"
    marker_ids: Ids = []


NextStepUpdate = edit_schema(NextStepCreate, "NextStepUpdate")


class LearningCreate(Schema):
    text: text(5000)
    learned_on: date | None = None


class RoundCreate(Schema):
    name: Title
