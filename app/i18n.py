"""Dates and numbers in the reader's language (Dutch by default): Jinja filters over Flask-Babel.

Templates write `{{ meeting.starts_at|datetime }}`, `{{ step.due_date|date }}`,
`{{ ratio|percent }}`; `number` is registered by app/web.py.
"""

from datetime import date as Date
from datetime import datetime as DateTime

from flask import Blueprint, g
from flask_babel import format_date, format_percent, format_time, get_translations

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


def _translations():
    """Return this request's catalog, looked up once: a big board asks for it thousands of times,
    and Flask-Babel's own lookup walks several context proxies each time."""
    translations = g.get("_bw_translations")
    if translations is None:
        translations = g._bw_translations = get_translations()
    return translations


def _forget_translations() -> None:
    g.pop("_bw_translations", None)  # g outlives a request when a test keeps its app context


def init_app(app) -> None:
    """Let templates translate through the per-request catalog (same strings, same escaping)."""
    app.before_request(_forget_translations)
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: _translations().ugettext(s),
        ngettext=lambda s, p, n: _translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: _translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _translations().unpgettext(c, s, p, n),
    )
