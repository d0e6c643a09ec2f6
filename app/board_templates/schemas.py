"""Input schema for saving a board's structure as a template."""

from app.validation import Schema, text


class TemplateSave(Schema):
    name: text(200)
