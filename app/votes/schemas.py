"""Input schemas for votes and ballots."""

from typing import Annotated, Literal

from pydantic import Field

from app.validation import Moment, Schema, text

Id = Annotated[int, Field(ge=1, le=2**31 - 1)]
Dots = Annotated[int, Field(ge=0, le=100)]
RefType = Literal["marker", "next_step", "card"]


class VoteCreate(Schema):
    question: text(300)
    ref_type: RefType
    ref_ids: Annotated[list[Id], Field(min_length=2, max_length=50)]
    budget: Annotated[int, Field(ge=1, le=100)] = 3
    # Not given: all of a person's dots may go to one option.
    max_per_option: Annotated[int, Field(ge=1, le=100)] | None = None
    anonymous: bool = False
    closes_at: Moment | None = None
    meeting_id: Id | None = None


class BallotCast(Schema):
    # JSON object keys are text: {"12": 2}; pydantic turns them into ids.
    allocations: Annotated[dict[Id, Dots], Field(max_length=50)]


class DotMove(Schema):
    """One press on a +/− button: a dot more or less on one option."""

    ref_id: Id
    delta: Annotated[int, Field(ge=-1, le=1)]  # a form sends text: "1" or "-1"


class ResultsAdopt(Schema):
    """Turn a vote's ranking into agreed next steps or into the order of a meeting's agenda."""

    into: Literal["next_steps", "agenda"]
    meeting_id: Id | None = None
    top: Annotated[int, Field(ge=1, le=50)] | None = None
