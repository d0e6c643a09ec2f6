"""Fixtures for the scale-out tests: the machine's PostgreSQL and Redis, and scratch databases.

Without the service the tests skip and say why; under CI=true they fail instead, so that a CI run
never passes by skipping what it is meant to check.
"""

import os
import shutil
import uuid
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

POSTGRES_URL = os.environ.get(
    "SCALE_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REDIS_URL = os.environ.get("SCALE_REDIS_URL", "redis://127.0.0.1:6379/0")


def unavailable(reason: str):
    """Skip with the reason, or fail under CI where the service must be there."""
    if os.environ.get("CI", "").lower() in ("1", "true"):
        pytest.fail(f"{reason} (CI=true: the service must be running)")
    pytest.skip(reason)


def _postgres_reachable() -> str | None:
    engine = create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 (any failure means: not reachable)
        return f"PostgreSQL at {POSTGRES_URL} is not reachable: {exc.__class__.__name__}"
    finally:
        engine.dispose()
    return None


@contextmanager
def _new_postgres_database():
    problem = _postgres_reachable()
    if problem:
        unavailable(problem)
    server = make_url(POSTGRES_URL)
    name = f"brugwerk_scale_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def postgres_database():
    """Return the URL of a new, empty PostgreSQL database; drop it afterwards."""
    with _new_postgres_database() as url:
        yield url


@pytest.fixture(scope="module")
def postgres_module_database():
    """Like postgres_database, shared by the tests of one module."""
    with _new_postgres_database() as url:
        yield url


@pytest.fixture(scope="module")
def nginx():
    """Return the nginx binary, after checking that it is installed."""
    path = shutil.which("nginx")
    if path is None:
        unavailable("nginx is not installed (apt-get install -y nginx)")
    return path


@pytest.fixture(scope="module")
def redis_url():
    """Return the Redis URL, after checking that Redis answers."""
    import redis  # noqa: PLC0415

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3)
    try:
        client.ping()
    except redis.RedisError as exc:
        unavailable(f"Redis at {REDIS_URL} is not reachable: {exc.__class__.__name__}")
    finally:
        client.close()
    return REDIS_URL
