"""Column helpers shared by the models."""

from datetime import UTC, date, datetime

from sqlalchemy import DateTime
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


def iso(value: datetime | None) -> str | None:
    """Format a datetime for the API."""
    return value.isoformat() if value is not None else None


def fields_of(entity: object, names: str) -> dict:
    """Return the attributes named in `names` (separated by spaces) as the API shows them, in
    that order: dates and datetimes in ISO 8601."""
    values = {}
    for name in names.split():
        value = getattr(entity, name)
        values[name] = value.isoformat() if isinstance(value, date) else value
    return values
