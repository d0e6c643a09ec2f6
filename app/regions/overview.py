"""The region's overview: its boards side by side, each in its latest quarter with figures.

Per board: the funnel of that quarter (app/monitor), reach per 1,000 households of its target
groups, the bridge's spans by state and open gaps (app/reading), and card texts only where the
board's coordinator allowed it. A constant number of queries, whatever the number of boards: the
boards, memberships, shared card texts, the bridge's facts (app/regions/facts.py) and the monitors
(app/monitor/figures.load_monitors) of all boards at once.
"""

from app.boards.queries import BoardState
from app.extensions import db
from app.models import Board, Card, Phase, RegionBoard
from app.monitor.figures import Monitor, load_monitors
from app.permissions import Actor
from app.reading import bridge
from app.reading.analysis import figures
from app.reading.services.markers import OPEN
from app.regions.access import region_for
from app.regions.facts import load_many_facts

PER_THOUSAND = 1000


def _funnel(monitor: Monitor, period: str | None) -> list[dict]:
    """Each phase's numbers in the quarter (all None for a board without figures)."""
    return [
        {"phase_id": p.id, "name": p.name, **monitor.value(p.id, period)} for p in monitor.phases
    ]


def _reach(monitor: Monitor, period: str | None) -> dict:
    """Reach of the target groups in the quarter, per 1,000 households of each group."""
    latest = Monitor(
        monitor.phases,
        [period] if period else [],
        monitor.cells,
        monitor.lane_reach,
        monitor.target_groups,
    )
    groups = []
    for group in monitor.target_groups:
        reach = latest.reach(group) if period else {"reached": None, "reach": None}
        per_1000 = (
            None
            if reach["reached"] is None
            else round(reach["reached"] * PER_THOUSAND / group.size, 1)
        )
        groups.append(
            {
                "name": group.name,
                "size": group.size,
                "reached": reach["reached"],
                "per_1000": per_1000,
            }
        )
    known = [g for g in groups if g["reached"] is not None]
    size = sum(g["size"] for g in known)
    total = round(sum(g["reached"] for g in known) * PER_THOUSAND / size, 1) if size else None
    return {"target_groups": groups, "per_1000": total}


def _statuses(state: BoardState) -> dict:
    """Count the bridge's spans per state, without the labels the picture writes for them
    (they were a third of the overview's time on 40 boards)."""
    counts = dict.fromkeys(bridge.STATUSES, 0)
    for _index, _row, status, _causes, _reasons in bridge.judged(state, figures(state)):
        counts[status] += 1
    return counts


def _bridge(state: BoardState) -> dict:
    gaps = sum(1 for m in state.markers if m.kind == "gap" and m.status in OPEN)
    return {"bridge": _statuses(state), "open_gaps": gaps}


def _texts(board_ids: list[int]) -> dict[int, list[dict]]:
    """Return the live cards' texts of the boards that share them (one query for all)."""
    if not board_ids:
        return {}
    rows = db.session.execute(
        db.select(Card.board_id, Card.id, Card.title, Card.description, Phase.name)
        .join(Phase, Phase.id == Card.phase_id)
        .where(Card.board_id.in_(board_ids), Card.deleted_at.is_(None))
        .order_by(Card.board_id, Phase.position, Card.position, Card.id)
    ).all()
    texts: dict[int, list[dict]] = {}
    for row in rows:
        texts.setdefault(row.board_id, []).append(
            {"id": row.id, "title": row.title, "description": row.description, "phase": row.name}
        )
    return texts


def board_overview(
    board: Board, part: RegionBoard, roles: dict, texts: dict, state: BoardState, monitor: Monitor
) -> dict:
    """One board's column of the overview."""
    period = monitor.periods[-1] if monitor.periods else None
    result = {
        "board_id": board.id,
        "name": board.name,
        "share_texts": part.share_texts,
        "member": board.id in roles,
        "period": period,
        "phases": _funnel(monitor, period),
        **_reach(monitor, period),
        **_bridge(state),
    }
    if part.share_texts:  # never otherwise: the coordinator decides what the region sees
        result["cards"] = texts.get(board.id, [])
    return result


def load_overview(actor: Actor, region_id: int) -> dict:
    """Return the region with its boards side by side (lead or member boards' coordinators)."""
    region, leads, roles = region_for(actor, region_id)
    rows = db.session.execute(
        db.select(Board, RegionBoard)
        .join(RegionBoard, RegionBoard.board_id == Board.id)
        .where(RegionBoard.region_id == region_id)
        .order_by(Board.name, Board.id)
    ).all()
    texts = _texts([board.id for board, part in rows if part.share_texts])
    states = load_many_facts([board for board, _part in rows])
    monitors = load_monitors([board.id for board, _part in rows])
    return {
        "id": region.id,
        "name": region.name,
        "lead": leads,
        "boards": [
            board_overview(board, part, roles, texts, states[board.id], monitors[board.id])
            for board, part in rows
        ],
    }
