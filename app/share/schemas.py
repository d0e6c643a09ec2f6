"""Input schemas for read-only share links."""

from app.validation import Moment, Schema, text


class ShareLinkCreate(Schema):
    label: text(100, min_length=0) = ""
    expires_at: Moment | None = None
