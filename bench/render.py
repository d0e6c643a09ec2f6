"""Board page server render time and query count for big boards (600 and 2,000 cards).

    python -m bench.render [--sizes 600 2000] [--repeat 15] [--postgres URL|none]

Measures, per database, in-process with the Flask test client (no network, no browser):
the canvas page GET /boards/<id>, the JSON API GET /api/v1/boards/<id>, and load_state alone.
The query count must not grow with the number of cards.
"""

import argparse
import random
import statistics
import tempfile
import time
import uuid
from contextlib import contextmanager

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url

from app import create_app
from app.auth.services import create_user, issue_token
from app.boards.queries import load_state
from app.boards.services import create_board
from app.config import Config, TestConfig
from app.extensions import db
from app.models import Board, Card, Handover, Marker
from app.permissions import Actor
from app.positions import keys_after
from app.structure.services import create_organisation

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
PASSWORD = "bench-password-123"
COLOURS = [
    "#0b5fa5",
    "#b3261e",
    "#2e7d32",
    "#6a1b9a",
    "#ef6c00",
    "#00838f",
    "#5d4037",
    "#c2185b",
    "#455a64",
    "#827717",
    "#1565c0",
    "#4e342e",
]


@contextmanager
def database(kind: str, postgres_url: str):
    """Yield the URL of a new, empty database of that kind; remove it afterwards."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory(prefix="brugwerk-bench-") as folder:
            yield f"sqlite:///{folder}/bench.db"
        return
    server = make_url(postgres_url)
    name = f"brugwerk_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def postgres_available(url: str) -> bool:
    """Tell whether the PostgreSQL server answers."""
    engine = create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect():
            return True
    except Exception:  # noqa: BLE001 (any failure: not available)
        return False
    finally:
        engine.dispose()


def seed_board(cards: int, email: str = "bench@example.nl") -> dict:
    """Create a coordinator and a board with lanes, 12 organisations and `cards` cards spread over
    the cells, plus markers and handovers; return ids and an API token. Needs an app context."""
    user = create_user(email, "Bench", PASSWORD)
    actor = Actor(user=user)
    board = create_board(actor, f"Bord met {cards} kaarten", lane_template="measure_type")
    organisations = [
        create_organisation(
            actor, board.id, f"Organisatie {i}", "other", COLOURS[i % len(COLOURS)]
        ).id
        for i in range(12)
    ]
    cells = [(p.id, lane.id) for p in board.phases for lane in board.lanes] or [
        (p.id, None) for p in board.phases
    ]
    rng = random.Random(cards)
    per_cell: dict = {}
    for i in range(cards):
        per_cell.setdefault(cells[i % len(cells)], []).append(i)
    rows = []
    for (phase_id, lane_id), numbers in per_cell.items():
        for number, key in zip(numbers, keys_after(None, len(numbers)), strict=True):
            rows.append(
                Card(
                    board_id=board.id,
                    phase_id=phase_id,
                    lane_id=lane_id,
                    organisation_id=rng.choice(organisations),
                    title=f"Aanbod {number}: energiecoach en advies aan huis",
                    description="Gratis bezoek van een energiecoach; " * 3,
                    capacity_per_year=rng.randrange(20, 2000),
                    position=key,
                )
            )
    db.session.add_all(rows)
    db.session.flush()
    for i in range(cards // 20):
        db.session.add(
            Handover(board_id=board.id, from_card_id=rows[i].id, to_card_id=rows[-1 - i].id)
        )
    for i in range(cards // 40):
        marker = Marker(
            board_id=board.id,
            kind="gap",
            phase_id=cells[i % len(cells)][0],
            title=f"Gat {i}",
            author_id=user.id,
        )
        marker.cards.extend(rows[i * 3 : i * 3 + 2])
        db.session.add(marker)
    db.session.commit()
    return {"board_id": board.id, "email": email, "token": issue_token(user)}


def seed_database(url: str, cards: int) -> dict:
    """Seed a board into a migrated database (for a server to serve); add card ids and seq."""
    app = create_app(Config, SQLALCHEMY_DATABASE_URI=url, SOCKETIO_MESSAGE_QUEUE=None)
    with app.test_request_context():
        seeded = seed_board(cards)
        seeded["cards"] = list(
            db.session.execute(
                db.select(Card.id).filter_by(board_id=seeded["board_id"]).order_by(Card.id)
            ).scalars()
        )
        seeded["seq"] = db.session.get(Board, seeded["board_id"]).seq
        db.session.remove()
        db.engine.dispose()
    return seeded


class QueryCounter:
    """Count the SQL statements an engine executes."""

    def __init__(self, engine):
        self.count = 0
        event.listen(engine, "before_cursor_execute", self._count)

    def _count(self, *_args) -> None:
        self.count += 1


def _timed(fn, repeat: int, counter: QueryCounter) -> dict:
    fn()  # warm-up: template compilation, caches
    walls, cpus, queries = [], [], set()
    for _ in range(repeat):
        before = counter.count
        wall, cpu = time.perf_counter(), time.process_time()
        size = fn()
        cpus.append((time.process_time() - cpu) * 1000)
        walls.append((time.perf_counter() - wall) * 1000)
        queries.add(counter.count - before)
    walls.sort()
    # CPU time is what the server spends; wall time also counts other load on the machine.
    return {
        "median_ms": statistics.median(walls),
        "p95_ms": walls[int(0.95 * (len(walls) - 1))],
        "cpu_ms": statistics.median(cpus),
        "queries": sorted(queries),
        "bytes": size,
    }


def measure(kind: str, url: str, cards: int, repeat: int) -> list[dict]:
    """Seed one board and time its page, its API read and load_state."""
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=url)
    results = []
    with app.app_context():
        db.create_all()
        with app.test_request_context():
            seeded = seed_board(cards)
        counter = QueryCounter(db.engine)
        page = app.test_client()
        login = page.post("/login", data={"email": seeded["email"], "password": PASSWORD})
        assert login.status_code in (302, 303), login.status_code
        api_headers = {"Authorization": f"Bearer {seeded['token']}"}
        board_id = seeded["board_id"]

        def get(client, path, **kwargs):
            response = client.get(path, **kwargs)
            assert response.status_code == 200, (path, response.status_code)
            return len(response.data)

        def state():
            board = db.session.get(Board, board_id)
            loaded = load_state(board)
            db.session.rollback()
            return len(loaded.cards)

        for what, fn in (
            ("page GET /boards/<id>", lambda: get(page, f"/boards/{board_id}")),
            (
                "API GET /api/v1/boards/<id>",
                lambda: get(app.test_client(), f"/api/v1/boards/{board_id}", headers=api_headers),
            ),
            ("load_state", state),
        ):
            results.append(
                {"database": kind, "cards": cards, "what": what, **_timed(fn, repeat, counter)}
            )
        db.session.remove()
        db.engine.dispose()
    return results


def run(sizes: list[int], repeat: int, postgres_url: str | None) -> list[dict]:
    """Measure every size on SQLite, and on PostgreSQL when it is available."""
    kinds = ["sqlite"]
    if postgres_url and postgres_available(postgres_url):
        kinds.append("postgresql")
    results = []
    for kind in kinds:
        for cards in sizes:
            with database(kind, postgres_url or DEFAULT_POSTGRES) as url:
                rows = measure(kind, url, cards, repeat)
            for row in rows:
                unit = "bytes" if "GET" in row["what"] else "cards"
                print(
                    f"{row['database']:<10} {row['cards']:>5} cards  {row['what']:<28} "
                    f"median {row['median_ms']:7.1f} ms  p95 {row['p95_ms']:7.1f} ms  "
                    f"cpu {row['cpu_ms']:7.1f} ms  queries {row['queries']}  "
                    f"{row['bytes']} {unit}",
                    flush=True,
                )
            results.extend(rows)
    return results


def main(argv: list[str] | None = None) -> list[dict]:
    """Print render times and query counts for big boards."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[600, 2000])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="'none' to skip PostgreSQL")
    args = parser.parse_args(argv)
    return run(args.sizes, args.repeat, None if args.postgres == "none" else args.postgres)


if __name__ == "__main__":
    main()
