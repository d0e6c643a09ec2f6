"""Dates and numbers in the reader's language (Dutch by default): Jinja filters over Flask-Babel.

Templates write `{{ meeting.starts_at|datetime }}`, `{{ step.due_date|date }}`,
`{{ ratio|percent }}`; `number` is registered by app/web.py.
"""

from datetime import date as Date
from datetime import datetime as DateTime

from flask import Blueprint
from flask_babel import format_date, format_percent, format_time

bp = Blueprint("i18n", __name__)

UNKNOWN = "–"


@bp.app_template_filter("date")
def date_filter(value: Date | DateTime | None, format: str = "long") -> str:
    """Format a date: 26 november 2026 (nl), November 26, 2026 (en)."""
    return UNKNOWN if value is None else format_date(value, format)


@bp.app_template_filter("datetime")
def datetime_filter(value: DateTime | None) -> str:
    """Format a moment in the default time zone, to the minute: 26 november 2026 14:05 (nl)."""
    if value is None:
        return UNKNOWN
    return f"{format_date(value, 'long')} {format_time(value, 'short')}"


@bp.app_template_filter("percent")
def percent_filter(value: float | None) -> str:
    """Format a ratio as a percentage: 0.85 -> 85% (nl and en)."""
    return UNKNOWN if value is None else format_percent(value)
