"""What a reader of the audit log may filter on: `from`, `to` (days, inclusive) and `actor`."""

from datetime import date

from pydantic import Field, model_validator

from app.validation import Schema, text


class AuditQuery(Schema):
    start: date | None = Field(None, alias="from")
    to: date | None = None
    actor: text(254, min_length=0) | None = None

    @model_validator(mode="after")
    def _in_order(self):
        if self.start and self.to and self.start > self.to:
            raise ValueError("out of range")
        return self
