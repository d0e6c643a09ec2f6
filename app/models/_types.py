"""Column helpers shared by the models."""

from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import cache

from sqlalchemy import Date, DateTime
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    """Return the current time as an aware UTC datetime."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Store aware datetimes as UTC; SQLite forgets the zone, so put it back on load."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


def iso(value: date | None) -> str | None:
    """Format a date or datetime for the API."""
    return value.isoformat() if value is not None else None


def fields_of(entity: object, names: str) -> dict:
    """Return the columns named in `names` (separated by spaces), in that order, as the API shows
    them: dates and datetimes in ISO 8601."""
    return _reader(type(entity), names)(entity)


@cache
def _reader(model: type, names: str) -> Callable[[object], dict]:
    # Compiled once per model and list into the dict literal one would write by hand (as
    # dataclasses do for __init__): a 2,000-card board is read field by field on every API read,
    # and a loop with getattr costs that read a fifth more. `names` are literals of the models.
    columns = sa_inspect(model).columns
    items = ", ".join(
        f'"{name}": iso(entity.{name})'
        if name in columns and isinstance(columns[name].type, Date | DateTime | UTCDateTime)
        else f'"{name}": entity.{name}'
        for name in names.split()
    )
    return eval(f"lambda entity: {{{items}}}", {"iso": iso})  # names: the models' own literals
