"""Board page server render time and query count for big boards (600 and 2,000 cards).

    python -m bench.render [--sizes 600 2000] [--repeat 15] [--postgres URL|none]

Measures, per database, in-process with the Flask test client (no network, no browser):
the canvas page GET /boards/<id> for the first reader of a board version (its canvas and
reading panel rendered; app/boards/shared_html.py) and for every next reader (served from the
shared HTML), the JSON API GET /api/v1/boards/<id>, and load_state alone.
The query count must not grow with the number of cards.
"""

import argparse
import random
import statistics
import tempfile
import time
import uuid
from contextlib import contextmanager
from functools import partial

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


def database_kinds(postgres_url: str | None) -> list[str]:
    """Return "sqlite", and "postgresql" when a URL is given and its server answers."""
    kinds = ["sqlite"]
    if postgres_url and postgres_available(postgres_url):
        kinds.append("postgresql")
    return kinds


def run_on_fresh_databases(runs: list[tuple], postgres_url: str | None, line) -> list:
    """Run each (kind, measure) pair: measure(url) on a new, empty database of that kind returns
    rows; print line(row) for each as soon as its run is done. Return all the rows."""
    results = []
    for kind, measure in runs:
        with database(kind, postgres_url or DEFAULT_POSTGRES) as url:
            rows = measure(url)
        for row in rows:
            print(line(row), flush=True)
        results.extend(rows)
    return results


def place_cards(
    board_id: int, cells: list[tuple], cards: int, organisations: list[int], rng, fields
) -> list[Card]:
    """Add `cards` cards to the session, spread over the (phase id, lane id) cells in turn (in
    position order within a cell) and at random over the organisations; fields(number) gives a
    card's other columns. Flush and return the cards. Needs an app context."""
    per_cell: dict = {}
    for i in range(cards):
        per_cell.setdefault(cells[i % len(cells)], []).append(i)
    rows = []
    for (phase_id, lane_id), numbers in per_cell.items():
        for number, key in zip(numbers, keys_after(None, len(numbers)), strict=True):
            organisation_id = rng.choice(organisations)
            rows.append(
                Card(
                    board_id=board_id,
                    phase_id=phase_id,
                    lane_id=lane_id,
                    organisation_id=organisation_id,
                    position=key,
                    **fields(number),
                )
            )
    db.session.add_all(rows)
    db.session.flush()
    return rows


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

    def details(number: int) -> dict:
        return {
            "title": f"Aanbod {number}: energiecoach en advies aan huis",
            "description": "Gratis bezoek van een energiecoach; " * 3,
            "capacity_per_year": rng.randrange(20, 2000),
        }

    rows = place_cards(board.id, cells, cards, organisations, rng, details)
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


def timed(fn, repeat: int, counter: QueryCounter) -> dict:
    """Call fn once to warm up, then `repeat` times; return the median and p95 wall time and the
    median CPU time in ms, the statement counts seen, and what fn returned the last time.

    CPU time (this process only) is what the server spends, and the fairer figure on a busy
    machine, where wall time also counts the waits for a core."""
    fn()  # warm-up: template compilation, caches
    walls, cpus, queries = [], [], set()
    for _ in range(repeat):
        before = counter.count
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        cpus.append((time.process_time() - cpu) * 1000)
        walls.append((time.perf_counter() - wall) * 1000)
        queries.add(counter.count - before)
    walls.sort()
    return {
        "median_ms": statistics.median(walls),
        "p95_ms": walls[int(0.95 * (len(walls) - 1))],
        "cpu_ms": statistics.median(cpus),
        "queries": sorted(queries),
        "result": result,
    }


@contextmanager
def seeded_app(url: str, seed):
    """A test app on a new schema at `url`, in its app context, seeded by seed() in a request
    context; yield (app, what seed returned, a QueryCounter on its engine)."""
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        db.create_all()
        with app.test_request_context():
            seeded = seed()
        yield app, seeded, QueryCounter(db.engine)
        db.session.remove()
        db.engine.dispose()


def signed_in(app, email: str):
    """Return a test client signed in as `email` (password PASSWORD)."""
    client = app.test_client()
    login = client.post("/login", data={"email": email, "password": PASSWORD})
    assert login.status_code in (302, 303), login.status_code
    return client


def fetch(client, path: str, **kwargs) -> int:
    """GET `path` with a test client, check it answers 200; return the body's size in bytes."""
    response = client.get(path, **kwargs)
    assert response.status_code == 200, (path, response.status_code)
    return len(response.data)


def measure(kind: str, url: str, cards: int, repeat: int) -> list[dict]:
    """Seed one board and time its page, its API read and load_state."""
    results = []
    with seeded_app(url, partial(seed_board, cards)) as (app, seeded, counter):
        page = signed_in(app, seeded["email"])
        api_headers = {"Authorization": f"Bearer {seeded['token']}"}
        board_id = seeded["board_id"]

        def state():
            board = db.session.get(Board, board_id)
            loaded = load_state(board)
            db.session.rollback()
            return len(loaded.cards)

        shared_html = app.extensions["brugwerk_shared_html"]

        def first_reader():
            # What the first reader after a change pays: the board's shared HTML not there yet.
            shared_html.forget(board_id)
            return fetch(page, f"/boards/{board_id}")

        for what, fn in (
            ("page GET, first reader", first_reader),
            ("page GET, every next reader", lambda: fetch(page, f"/boards/{board_id}")),
            (
                "API GET /api/v1/boards/<id>",
                lambda: fetch(app.test_client(), f"/api/v1/boards/{board_id}", headers=api_headers),
            ),
            ("load_state", state),
        ):
            figures = timed(fn, repeat, counter)
            figures["bytes"] = figures.pop("result")
            results.append({"database": kind, "cards": cards, "what": what, **figures})
    return results


def _line(row: dict) -> str:
    unit = "bytes" if "GET" in row["what"] else "cards"
    return (
        f"{row['database']:<10} {row['cards']:>5} cards  {row['what']:<28} "
        f"median {row['median_ms']:7.1f} ms  p95 {row['p95_ms']:7.1f} ms  "
        f"cpu {row['cpu_ms']:7.1f} ms  queries {row['queries']}  "
        f"{row['bytes']} {unit}"
    )


def run(
    sizes: list[int], repeat: int, postgres_url: str | None, measure=measure, line=_line
) -> list:
    """Measure every size on SQLite, and on PostgreSQL when it is available: one board of each
    size on a new database, measure(kind, url, cards, repeat) returning rows; print line(row)."""
    runs = [
        (kind, partial(measure, kind, cards=cards, repeat=repeat))
        for kind in database_kinds(postgres_url)
        for cards in sizes
    ]
    return run_on_fresh_databases(runs, postgres_url, line)


def size_arguments(argv: list[str] | None, doc: str, sizes: list[int], repeat: int):
    """Parse --sizes, --repeat and --postgres (None for 'none') for a bench over board sizes."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=sizes)
    parser.add_argument("--repeat", type=int, default=repeat)
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="'none' to skip PostgreSQL")
    args = parser.parse_args(argv)
    args.postgres = None if args.postgres == "none" else args.postgres
    return args


def main(argv: list[str] | None = None) -> list[dict]:
    """Print render times and query counts for big boards."""
    args = size_arguments(argv, __doc__, sizes=[600, 2000], repeat=15)
    return run(args.sizes, args.repeat, args.postgres)


if __name__ == "__main__":
    main()
