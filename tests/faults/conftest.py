"""Fixtures for the fault tests: the scale-out folder's PostgreSQL database and service checks."""

from tests.scale.conftest import postgres_database, unavailable  # noqa: F401 (fixtures)
