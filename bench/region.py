"""A region overview of many boards: time (median) and SQL statement count.

    python -m bench.region [--sizes 40] [--cards 60] [--repeat 10] [--postgres URL|none]

`size` boards (bench.render's seed_board, `--cards` cards each, with markers and handovers) each get
8 quarters of figures per phase and two target groups, and join one region; half share their card
texts. Goal (issue 18): GET /regions/{r}/overview of 40 boards < 300 ms. The statement count grows
not with the number of boards (monitors and bridge facts of all boards are read at once); the
page is timed beside it.
"""

import argparse
import os
import random
from functools import partial

from app.auth.services import issue_token
from app.extensions import db
from app.models import Figure, Lane, Phase, Region, RegionBoard, TargetGroup, User
from app.monitor.figures import quarters
from bench.render import fetch, run, seed_board, seeded_app, signed_in, size_arguments, timed

PERIODS = quarters("2025-Q1", "2026-Q4")


def _figures(board_id: int, rng: random.Random) -> list:
    rows = []
    phases = db.session.execute(db.select(Phase.id).filter_by(board_id=board_id)).scalars()
    for position, phase_id in enumerate(phases):
        for period in PERIODS:
            reached = rng.randrange(200, 2000) // (position + 1)
            rows.append(
                Figure(
                    board_id=board_id,
                    period=period,
                    phase_id=phase_id,
                    reached=reached,
                    moved_on=rng.randrange(0, reached + 1),
                    waiting_weeks=rng.randrange(0, 12),
                    entered_by="Bench",
                )
            )
    return rows


def seed(boards: int, cards: int) -> dict:
    """Seed `boards` boards into one region; return the lead's e-mail, token and the region id."""
    rng = random.Random(boards)
    seeded = [seed_board(cards, email=f"region{i}@example.nl") for i in range(boards)]
    lead = db.session.execute(db.select(User).filter_by(email="region0@example.nl")).scalar_one()
    region = Region(name="RES-regio Bench", created_by_id=lead.id)
    db.session.add(region)
    db.session.flush()
    for index, board in enumerate(seeded):
        board_id = board["board_id"]
        lane = db.session.execute(db.select(Lane.id).filter_by(board_id=board_id)).scalars().first()
        db.session.add_all(_figures(board_id, rng))
        db.session.add_all(
            [
                TargetGroup(board_id=board_id, name="Eigenaar-bewoners D–G", size=42000),
                TargetGroup(board_id=board_id, name="Huurders", size=31000, lane_id=lane),
            ]
        )
        db.session.add(
            RegionBoard(region_id=region.id, board_id=board_id, share_texts=index % 2 == 0)
        )
    db.session.commit()
    return {"region_id": region.id, "email": lead.email, "token": issue_token(lead)}


def measure(kind: str, url: str, boards: int, repeat: int, cards: int) -> list[dict]:
    """Seed the region and time its overview through the API and its page."""
    rows = []
    with seeded_app(url, partial(seed, boards, cards)) as (app, seeded, counter):
        region_id = seeded["region_id"]
        api = app.test_client()
        headers = {"Authorization": f"Bearer {seeded['token']}"}
        page = signed_in(app, seeded["email"])
        for what, fn in (
            (
                "API GET /regions/<r>/overview",
                lambda: fetch(api, f"/api/v1/regions/{region_id}/overview", headers=headers),
            ),
            ("page GET /regions/<r>", lambda: fetch(page, f"/regions/{region_id}")),
        ):
            took = timed(fn, repeat, counter)
            took["bytes"] = took.pop("result")
            rows.append({"database": kind, "boards": boards, "cards": cards, **took, "what": what})
    return rows


def _line(row: dict) -> str:
    return (
        f"{row['database']}: {row['what']} of {row['boards']} boards ({row['cards']} cards each): "
        f"median {row['median_ms']:.1f} ms, p95 {row['p95_ms']:.1f} ms, "
        f"CPU {row['cpu_ms']:.1f} ms, SQL statements {row['queries']} "
        f"({row['queries'][0] / row['boards']:.1f} per board), {row['bytes']} bytes"
    )


def _by_size(kind: str, url: str, cards: int, repeat: int, per_board: int) -> list[dict]:
    # bench.render.run() passes each size as `cards`: here it is the number of boards.
    return measure(kind, url, boards=cards, repeat=repeat, cards=per_board)


def main(argv: list[str] | None = None) -> list[dict]:
    """Print the region overview's timings and statement counts (load average first)."""
    extra = argparse.ArgumentParser(add_help=False)
    extra.add_argument("--cards", type=int, default=60)
    known, rest = extra.parse_known_args(argv)
    args = size_arguments(rest, __doc__, sizes=[40], repeat=10)
    print(f"load average {os.getloadavg()[0]:.1f}", flush=True)
    measure_size = partial(_by_size, per_board=known.cards)
    return run(args.sizes, args.repeat, args.postgres, measure_size, _line)


if __name__ == "__main__":
    main()
