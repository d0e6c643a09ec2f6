"""Dates and numbers in the reader's language (Dutch by default): Jinja filters over Flask-Babel.

Templates write `{{ meeting.starts_at|datetime }}`, `{{ step.due_date|date }}`,
`{{ ratio|percent }}`, `{{ card.capacity_per_year|number }}`.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date as Date
from datetime import datetime as DateTime
from functools import cache

from babel.numbers import get_group_symbol
from flask import Blueprint, Flask, g
from flask_babel import (
    force_locale,
    format_date,
    format_decimal,
    format_percent,
    format_time,
    get_locale,
    get_translations,
)
from jinja2 import pass_context

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
def percent_filter(value: float | None, decimals: int = 0) -> str:
    """Format a ratio as a percentage: 0.85 -> 85%; with `decimals`, up to that many where they
    are not zero (the monitor's conversions: 0.3333 -> 33,3% in nl, 33.3% in en; 0.4 -> 40%)."""
    if value is None:
        return UNKNOWN
    return format_percent(value, format="#,##0." + "#" * decimals + "%" if decimals else None)


@bp.app_template_filter("number")
@pass_context
def number_filter(context, value: int | float | None) -> str:
    """Format a number the reader's way: 1.200 (nl), 1,200 (en); a dash when unknown."""
    if value is None:
        return UNKNOWN
    if isinstance(value, int):
        # A 2,000-card board formats thousands of capacities; Babel's format_decimal spends
        # ~50 µs on each (it looks the group symbol up anew), this ~1 µs with the same result.
        # Pages carry the locale in their context (app/web.py); other templates ask Babel.
        locale = context.get("current_locale") or str(get_locale() or "nl")
        return f"{value:,}".replace(",", _group_symbol(locale))
    return format_decimal(value)


@cache
def _group_symbol(locale: str) -> str:
    return get_group_symbol(locale)


def _translations():
    """Return this request's catalog, looked up once: a big board asks for it thousands of times,
    and Flask-Babel's own lookup walks several context proxies each time."""
    translations = g.get("_bw_translations")
    if translations is None:
        translations = g._bw_translations = get_translations()
    return translations


def _forget_translations() -> None:
    g.pop("_bw_translations", None)  # g outlives a request when a test keeps its app context


@contextmanager
def rendering_in(locale: str) -> Iterator[None]:
    """Render in another language than the request's: a live push reaches readers of each."""
    saved = g.pop("_bw_translations", None)
    try:
        with force_locale(locale):
            yield
    finally:
        g.pop("_bw_translations", None)
        if saved is not None:
            g._bw_translations = saved


def init_app(app: Flask) -> None:
    """Let templates translate through the per-request catalog (same strings, same escaping)."""
    app.before_request(_forget_translations)
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: _translations().ugettext(s),
        ngettext=lambda s, p, n: _translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: _translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _translations().unpgettext(c, s, p, n),
    )
