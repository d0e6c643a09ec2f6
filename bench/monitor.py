"""The monitor of big boards: time (median) and SQL statement count.

    python -m bench.monitor [--sizes 600 1200] [--repeat 20] [--postgres URL|none]

A board of `cards` cards (bench.render's seed_board) gets 8 quarters of figures for every card
(reached, moved on, waiting), a total of its own for every phase in half of the quarters, and two
target groups, one tied to a lane. Goal (issue 18): GET /monitor < 100 ms with a statement count
that does not grow with the board. The monitor page and the analysis with the figures' rules are
printed beside it.
"""

import os
import random
from functools import partial

from app.extensions import db
from app.models import Board, Card, Figure, Lane, Phase, TargetGroup
from app.monitor.figures import load_monitor, quarters
from app.reading.analysis import analyse
from app.reading.facts import load_facts
from bench.render import fetch, run, seed_board, seeded_app, signed_in, size_arguments, timed

PERIODS = quarters("2025-Q1", "2026-Q4")


def seed(cards: int) -> dict:
    """Seed the board and its figures; return ids and a bearer token. Needs a request context."""
    seeded = seed_board(cards, email=f"monitor{cards}@example.nl")
    board_id = seeded["board_id"]
    rng = random.Random(cards)
    rows = db.session.execute(db.select(Card.id, Card.phase_id).filter_by(board_id=board_id)).all()
    figures = []
    for card_id, phase_id in rows:
        for period in PERIODS:
            reached = rng.randrange(0, 200)
            figures.append(
                Figure(
                    board_id=board_id,
                    period=period,
                    phase_id=phase_id,
                    card_id=card_id,
                    reached=reached,
                    moved_on=rng.randrange(0, reached + 1),
                    waiting_weeks=rng.randrange(0, 12),
                    entered_by="Bench",
                )
            )
    phases = db.session.execute(db.select(Phase.id).filter_by(board_id=board_id)).scalars()
    for phase_id in phases:
        for period in PERIODS[::2]:
            figures.append(
                Figure(
                    board_id=board_id,
                    period=period,
                    phase_id=phase_id,
                    reached=5000,
                    moved_on=2500,
                    entered_by="Bench",
                )
            )
    lane = db.session.execute(db.select(Lane.id).filter_by(board_id=board_id)).scalars().first()
    db.session.add_all(figures)
    db.session.add_all(
        [
            TargetGroup(board_id=board_id, name="Eigenaar-bewoners D–G", size=42000),
            TargetGroup(board_id=board_id, name="Huurders", size=31000, lane_id=lane),
        ]
    )
    db.session.commit()
    return {**seeded, "figures": len(figures)}


def measure(kind: str, url: str, cards: int, repeat: int) -> list[dict]:
    """Seed one board and time the monitor's API, its service, the page and the analysis."""
    rows = []
    with seeded_app(url, partial(seed, cards)) as (app, seeded, counter):
        board_id = seeded["board_id"]
        api = app.test_client()
        headers = {"Authorization": f"Bearer {seeded['token']}"}
        page = signed_in(app, seeded["email"])

        def service():
            load_monitor(board_id).to_json()
            db.session.rollback()

        def analysis():
            with app.test_request_context():
                analyse(load_facts(db.session.get(Board, board_id)))
            db.session.rollback()

        for what, fn in (
            (
                "API GET /monitor",
                lambda: fetch(api, f"/api/v1/boards/{board_id}/monitor", headers=headers),
            ),
            ("load_monitor().to_json()", service),
            ("page GET /boards/<b>/monitor", lambda: fetch(page, f"/boards/{board_id}/monitor")),
            ("analyse (with figure rules)", analysis),
        ):
            took = timed(fn, repeat, counter)
            took.pop("result")
            rows.append(
                {
                    "database": kind,
                    "cards": cards,
                    "figures": seeded["figures"],
                    **took,
                    "what": what,
                }
            )
    return rows


def _line(row: dict) -> str:
    return (
        f"{row['database']}: {row['what']} on {row['cards']} cards with {row['figures']} figures: "
        f"median {row['median_ms']:.1f} ms, p95 {row['p95_ms']:.1f} ms, "
        f"CPU {row['cpu_ms']:.1f} ms, SQL statements {row['queries']}"
    )


def main(argv: list[str] | None = None) -> list[dict]:
    """Print the monitor's timings and statement counts (load average first: a busy host)."""
    args = size_arguments(argv, __doc__, sizes=[600, 1200], repeat=20)
    print(f"load average {os.getloadavg()[0]:.1f}", flush=True)
    return run(args.sizes, args.repeat, args.postgres, measure, _line)


if __name__ == "__main__":
    main()
