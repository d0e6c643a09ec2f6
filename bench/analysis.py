"""Analysis and bridge picture for big boards: time (median of 20) and SQL statement count.

    python -m bench.analysis [--sizes 600 1200] [--repeat 20] [--postgres URL|none]

A board of 7 phases × 4 lanes is seeded directly through the models: `cards` cards over 12
organisations (some stopped, some judged), cards/3 handovers between consecutive phases, markers
and next steps. Goals (issue 3): analysis < 100 ms with a statement count that does not grow
with the board; the bridge picture < 50 ms.
"""

import os
import random
from functools import partial

from flask import render_template

from app.auth.services import create_user, issue_token
from app.boards.services import create_board
from app.extensions import db
from app.models import Board, Handover, Marker, NextStep
from app.permissions import Actor
from app.reading.analysis import analyse, figures
from app.reading.bridge import picture
from app.reading.facts import load_facts
from app.structure.services import create_organisation
from bench.render import (
    PASSWORD,
    fetch,
    place_cards,
    run,
    seeded_app,
    signed_in,
    size_arguments,
    timed,
)

KINDS = [
    "gemeente",
    "energieloket",
    "energiecooperatie",
    "energiecoach",
    "marktpartij",
    "warmtefonds",
    "sociaal_domein",
    "energiecooperatie",
    "marktpartij",
    "energiecoach",
    "vve_ondersteuning",
    "overig",
]


def seed(cards: int) -> dict:
    """Seed the board; return its id and a bearer token. Needs a request context."""
    user = create_user(f"analysis{cards}@example.nl", "Bench", PASSWORD)
    actor = Actor(user=user)
    board = create_board(actor, f"Analyse {cards}", lane_template="measure_type")
    organisations = [
        create_organisation(actor, board.id, f"Organisatie {i}", kind, "#0b5fa5").id
        for i, kind in enumerate(KINDS)
    ]
    rng = random.Random(cards)
    for phase in board.phases:
        phase.demand_per_year = rng.randrange(500, 5000)
    cells = [(p.id, lane.id) for p in board.phases for lane in board.lanes]

    def details(number: int) -> dict:
        return {
            "title": f"Aanbod {number}",
            "capacity_per_year": rng.randrange(20, 400),
            "capacity_unit": rng.choice(["huishoudens/jaar"] * 4 + ["gesprekken/jaar"]),
            "status": rng.choice(["existing"] * 9 + ["stopped"]),
            "quality": rng.choice([None, "good", "adequate", "weak"]),
        }

    rows = place_cards(board.id, cells, cards, organisations, rng, details)
    by_phase: dict = {}
    for card in rows:
        by_phase.setdefault(card.phase_id, []).append(card.id)
    phase_ids = [p.id for p in board.phases]
    pairs: set = set()
    while len(pairs) < cards // 3:
        index = rng.randrange(len(phase_ids) - 1)
        pairs.add(
            (rng.choice(by_phase[phase_ids[index]]), rng.choice(by_phase[phase_ids[index + 1]]))
        )
    db.session.add_all(Handover(board_id=board.id, from_card_id=a, to_card_id=b) for a, b in pairs)
    for i in range(cards // 20):
        phase_id, lane_id = cells[i % len(cells)]
        marker = Marker(
            board_id=board.id,
            kind=("gap", "bottleneck", "overlap")[i % 3],
            phase_id=phase_id,
            lane_id=lane_id,
            title=f"Markering {i}",
            severity=("low", "medium", "high")[i % 3],
            author_id=user.id,
            dropouts_per_year=10 * i if i % 3 == 1 else None,
        )
        if marker.kind == "overlap":
            marker.cards.extend(rows[i * 2 : i * 2 + 2])
        db.session.add(marker)
    db.session.add_all(NextStep(board_id=board.id, title=f"Vervolgstap {i}") for i in range(10))
    db.session.commit()
    return {
        "board_id": board.id,
        "token": issue_token(user),
        "email": user.email,
        "handovers": len(pairs),
    }


def measure(kind: str, url: str, cards: int, repeat: int) -> list[tuple]:
    """Seed one board and time the analysis and the bridge picture on it."""
    rows = []
    with seeded_app(url, partial(seed, cards)) as (app, seeded, counter):
        board_id = seeded["board_id"]
        api = app.test_client()
        headers = {"Authorization": f"Bearer {seeded['token']}"}
        page = signed_in(app, seeded["email"])

        def service():
            with app.test_request_context():  # suggestions are worded in the request's language
                analyse(load_facts(db.session.get(Board, board_id)))
            db.session.rollback()

        def svg_only():
            # The picture from an already loaded board: figures, spans and the SVG template.
            with app.test_request_context():
                render_template(
                    "reading/_bridge.svg", board=state.board, picture=picture(state, figures(state))
                )

        with app.test_request_context():
            state = load_facts(db.session.get(Board, board_id))
        for what, fn in (
            (
                "API GET /analysis",
                lambda: fetch(api, f"/api/v1/boards/{board_id}/analysis", headers=headers),
            ),
            ("analyse(load_facts) in-process", service),
            ("GET /bridge.svg", lambda: fetch(page, f"/boards/{board_id}/bridge.svg")),
            ("bridge picture (state loaded)", svg_only),
        ):
            took = timed(fn, repeat, counter)
            rows.append(
                (
                    kind,
                    cards,
                    seeded["handovers"],
                    what,
                    took["median_ms"],
                    took["cpu_ms"],
                    took["queries"],
                )
            )
    return rows


def _line(row: tuple) -> str:
    return (
        f"{row[0]:<10} {row[1]:>5} cards {row[2]:>4} handovers  {row[3]:<30} "
        f"median {row[4]:6.1f} ms (cpu {row[5]:6.1f} ms)  statements {row[6]}"
    )


def main(argv: list[str] | None = None) -> list[tuple]:
    """Print the analysis and bridge timings and statement counts."""
    args = size_arguments(argv, __doc__, sizes=[600, 1200], repeat=20)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    return run(args.sizes, args.repeat, args.postgres, measure, _line)


if __name__ == "__main__":
    main()
