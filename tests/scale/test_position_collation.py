"""Card positions sort the same in Python, SQLite and PostgreSQL, whatever the collation.

Position keys use only [0-9a-z] (app/positions.py), so a database in a Dutch or English locale
orders a cell exactly as the server computed it.
"""

import random

import pytest
from sqlalchemy import create_engine, text

from app.positions import key_between

COLLATIONS = ["C", "en-US-x-icu", "nl-NL-x-icu", "und-x-icu"]


def _keys(count: int = 400) -> list[str]:
    """Keys as a busy cell makes them: inserts at random places between neighbours."""
    rng, keys = random.Random(7), []
    for _ in range(count):
        index = rng.randrange(len(keys) + 1)
        before = keys[index - 1] if index else None
        after = keys[index] if index < len(keys) else None
        keys.insert(index, key_between(before, after))
    return keys


@pytest.mark.postgres
def test_postgresql_collations_order_positions_as_python(postgres_database):
    keys = _keys()
    assert keys == sorted(keys)
    engine = create_engine(postgres_database)
    try:
        with engine.begin() as connection:
            available = set(
                connection.execute(
                    text("SELECT collname FROM pg_collation WHERE collname = ANY(:names)"),
                    {"names": COLLATIONS},
                ).scalars()
            )
            connection.execute(text("CREATE TABLE positions (key varchar(255))"))
            shuffled = random.Random(3).sample(keys, len(keys))
            connection.execute(
                text("INSERT INTO positions VALUES (:key)"), [{"key": key} for key in shuffled]
            )
            for collation in COLLATIONS:
                if collation not in available:
                    continue
                ordered = list(
                    connection.execute(
                        text(f'SELECT key FROM positions ORDER BY key COLLATE "{collation}"')
                    ).scalars()
                )
                assert ordered == keys, collation
    finally:
        engine.dispose()
    assert {"C", "und-x-icu"} <= available
