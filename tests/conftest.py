"""Test fixtures: an app per test on its own SQLite file; factories and clients in tests/plugin.py.

With TEST_DATABASE_URL (a PostgreSQL server URL) the whole suite runs on PostgreSQL instead: one
fresh database per run, tables created once, emptied after every test.
"""

import os

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app import create_app
from app.config import TestConfig
from app.extensions import db

pytest_plugins = ["tests.plugin"]  # the factories and clients every folder uses


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "sqlite_only: works on the SQLite file itself; skipped in the PostgreSQL pass"
    )


def pytest_collection_modifyitems(config, items):
    if not os.environ.get("TEST_DATABASE_URL"):
        return
    skip = pytest.mark.skip(reason="works on the SQLite file itself (TEST_DATABASE_URL is set)")
    for item in items:
        if item.get_closest_marker("sqlite_only"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def server_database():
    """Create a fresh PostgreSQL database for this run (None on SQLite); drop it at the end."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        yield None
        return
    server = make_url(url)
    name = f"brugwerk_test_{os.getpid()}"
    admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    database = server.set(database=name).render_as_string(hide_password=False)
    engine = create_engine(database)
    db.metadata.create_all(engine)
    engine.dispose()
    yield database
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def app(tmp_path, server_database):
    uri = server_database or f"sqlite:///{tmp_path}/test.db"
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=uri)
    with app.app_context():
        if server_database is None:
            db.create_all()
        yield app
        db.session.remove()
        if server_database is not None:
            _empty_tables()
        db.engine.dispose()


def _empty_tables() -> None:
    """Remove every row and restart the ids, so the next test starts as on a new database."""
    # DELETE in one round trip is several times faster than TRUNCATE on tables this small.
    deletes = [f'DELETE FROM "{table.name}"' for table in reversed(db.metadata.sorted_tables)]
    with db.engine.begin() as connection:
        sequences = (
            connection.exec_driver_sql(
                "SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'"
            )
            .scalars()
            .all()
        )
        restarts = [f'ALTER SEQUENCE "{name}" RESTART' for name in sequences]
        connection.exec_driver_sql("; ".join(deletes + restarts))
