"""Inventory import: a 2,000-row XLSX checked (dry run) and imported on SQLite, timed and counted.

    python -m bench.inventory_import [--rows 2000]

Goals (issue 16): dry run < 2 s, real run < 5 s, lookups that do not grow with the rows.
The file is built in memory: 2,000 offers over 40 organisations, 4 phases and 4 lanes (new to
the empty board, so the run also creates organisations and lanes).
"""

import argparse
import io
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

from app import create_app
from app.auth.services import create_user
from app.boards.services import create_board
from app.config import TestConfig
from app.extensions import db
from app.intake import services
from app.intake.sheet import read
from app.permissions import Actor
from bench.render import QueryCounter

PHASES = ["Bewustwording", "Oriëntatie", "Advies & plan", "Uitvoering"]
LANES = ["Eigenaar-bewoners", "VvE's", "Huurders", "Particuliere verhuurders"]


def workbook(rows: int) -> bytes:
    """Return an inventory of `rows` offers as XLSX bytes."""
    book = Workbook()
    sheet = book.active
    sheet.append(["Organisatie", "Fase", "Doelgroep", "Aanbod", "Omschrijving", "Capaciteit"])
    for n in range(rows):
        sheet.append(
            [
                f"Organisatie {n % 40}",
                PHASES[n % 4],
                LANES[(n // 4) % 4],
                f"Aanbod {n}",
                "Een regel uitleg over dit aanbod, zoals inventarisaties die hebben.",
                n % 500,
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def timed(counter: QueryCounter, fn, *args) -> tuple[tuple, int]:
    """Call fn(*args); return (its result, wall seconds, CPU seconds of this process) and the
    statements it ran. CPU time is the fairer figure on a busy machine."""
    before, wall, cpu = counter.count, time.perf_counter(), time.process_time()
    result = fn(*args)
    spent = (result, time.perf_counter() - wall, time.process_time() - cpu)
    return spent, counter.count - before


def measure(rows: int) -> dict:
    """Time reading, the dry run and the real run of one file on a fresh SQLite database."""
    data = workbook(rows)
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{Path(folder)}/b.db")
        with app.app_context(), app.test_request_context():
            db.create_all()
            user = create_user("bench@example.nl", "Bench", "bench-wachtwoord-1")
            actor = Actor(user=user)
            board = create_board(actor, "Import")
            counter = QueryCounter(db.engine)
            (sheet, read_s, read_cpu), _ = timed(counter, read, data, "inventaris.xlsx")
            (plan, dry_s, dry_cpu), dry_queries = timed(
                counter, services.preview, actor, board.id, sheet
            )
            assert not plan.errors, plan.errors[:3]
            (_plan, run_s, run_cpu), run_queries = timed(
                counter, services.import_inventory, actor, board.id, sheet
            )
            db.session.remove()
            db.engine.dispose()
    return {
        "rows": rows,
        "bytes": len(data),
        "read_s": round(read_s, 3),
        "dry_run_s": round(read_s + dry_s, 3),
        "dry_run_cpu_s": round(read_cpu + dry_cpu, 3),
        "dry_run_queries": dry_queries,
        "real_run_s": round(read_s + run_s, 3),
        "real_run_cpu_s": round(read_cpu + run_cpu, 3),
        "real_run_queries": run_queries,
    }


def main(argv: list[str] | None = None) -> dict:
    """Print the import's timings and statement counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    args = parser.parse_args(argv)
    result = measure(args.rows)
    print(
        f"{result['rows']} rows ({result['bytes'] / 1024:.0f} KiB XLSX): "
        f"read {result['read_s']} s; "
        f"dry run {result['dry_run_s']} s (CPU {result['dry_run_cpu_s']} s), "
        f"{result['dry_run_queries']} statements (goal < 2 s); "
        f"real run {result['real_run_s']} s (CPU {result['real_run_cpu_s']} s), "
        f"{result['real_run_queries']} statements (goal < 5 s)",
        flush=True,
    )
    return result


if __name__ == "__main__":
    main()
