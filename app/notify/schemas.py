"""Input of the notification preference."""

from typing import Literal

from app.validation import Schema

Mode = Literal["immediate", "daily", "off"]


class Preference(Schema):
    """How a person hears of a board: every change (batched), a daily digest, or nothing."""

    mode: Mode
