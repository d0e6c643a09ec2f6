"""Test fixtures: an app per test on its own SQLite file, and factories for users and boards.

With TEST_DATABASE_URL (a PostgreSQL server URL) the whole suite runs on PostgreSQL instead: one
fresh database per run, tables created once, emptied after every test.
"""

import itertools
import os

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app import create_app
from app.auth.services import create_user as _create_user
from app.auth.services import issue_token
from app.boards.services import add_member
from app.boards.services import create_board as _create_board
from app.cards.services import create_card as _create_card
from app.config import TestConfig
from app.extensions import db
from app.permissions import Actor
from app.structure.services import create_organisation

PASSWORD = "correct-horse-battery"
_ids = itertools.count(1)


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


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def create_user(app):
    """Return a factory: create_user(name=..., email=...) -> User."""

    def factory(name: str | None = None, email: str | None = None):
        n = next(_ids)
        return _create_user(email or f"user{n}@example.nl", name or f"User {n}", PASSWORD)

    return factory


@pytest.fixture
def create_board(app, create_user):
    """Return a factory: create_board(owner=None, **kw) -> Board, with the owner coordinating."""

    def factory(owner=None, name: str = "Testbord", **kwargs):
        owner = owner or create_user()
        return _create_board(Actor(user=owner), name, **kwargs)

    return factory


@pytest.fixture
def board_with_roles(app, create_user, create_board):
    """A board with a coordinator, a partner, a viewer, an outsider and one organisation."""
    people = {
        role: create_user(name=role.capitalize())
        for role in ("coordinator", "partner", "viewer", "outsider")
    }
    board = create_board(owner=people["coordinator"], lane_template="measure_type")
    actor = Actor(user=people["coordinator"])
    for role in ("partner", "viewer"):
        add_member(actor, board.id, people[role].email, role)
    organisation = create_organisation(actor, board.id, "Energieloket", "energieloket", "#0b5fa5")
    return {"board": board, "people": people, "organisation": organisation}


@pytest.fixture
def create_card(app):
    """Return a factory: create_card(board, user, organisation, phase=0, lane=0, **kw) -> Card."""

    def factory(board, user, organisation, phase: int = 0, lane: int | None = 0, **fields):
        fields.setdefault("title", f"Kaart {next(_ids)}")
        lane_id = board.lanes[lane].id if lane is not None and board.lanes else None
        return _create_card(
            Actor(user=user),
            board.id,
            phase_id=board.phases[phase].id,
            lane_id=lane_id,
            organisation_id=organisation.id,
            **fields,
        )

    return factory


@pytest.fixture
def api(app):
    """Return a factory: api(user) -> a test client that sends the user's bearer token."""

    class ApiClient:
        def __init__(self, user):
            self.client = app.test_client()
            self.headers = {"Authorization": f"Bearer {issue_token(user)}"} if user else {}

        def __getattr__(self, method):
            def call(path, **kwargs):
                headers = {**self.headers, **kwargs.pop("headers", {})}
                return getattr(self.client, method)(f"/api/v1{path}", headers=headers, **kwargs)

            return call

    return ApiClient


@pytest.fixture
def login(client):
    """Return login(user): sign the test client in through the login form."""

    def do(user, password: str = PASSWORD):
        return client.post("/login", data={"email": user.email, "password": password})

    return do
