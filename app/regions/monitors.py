"""The monitors of many boards at once: app/monitor/figures.load_monitor's three queries with
`board_id IN`, so that a region's overview does not cost three queries per board."""

from collections import defaultdict

from sqlalchemy import func

from app.extensions import db
from app.models import Card, Figure, Phase, TargetGroup
from app.monitor.figures import Cell, Monitor, quarters
from app.monitor.schemas import FIGURE_FIELDS


def load_monitors(board_ids: list[int]) -> dict[int, Monitor]:
    """Return each board's monitor over the quarters that have figures (as load_monitor())."""
    if not board_ids:
        return {}
    phases = defaultdict(list)
    for row in db.session.execute(
        db.select(Phase.board_id, Phase.id, Phase.name, Phase.demand_per_year)
        .where(Phase.board_id.in_(board_ids))
        .order_by(Phase.board_id, Phase.position, Phase.id)
    ):
        phases[row.board_id].append(row)
    own = Figure.card_id.is_(None).label("own")
    rows = db.session.execute(
        db.select(
            Figure.board_id,
            Figure.period,
            Figure.phase_id,
            own,
            Card.lane_id,
            func.sum(Figure.reached).label("reached"),
            func.sum(Figure.moved_on).label("moved_on"),
            func.max(Figure.waiting_weeks).label("waiting_weeks"),
        )
        .outerjoin(Card, Card.id == Figure.card_id)
        .where(Figure.board_id.in_(board_ids), Card.deleted_at.is_(None))
        .group_by(Figure.board_id, Figure.period, Figure.phase_id, own, Card.lane_id)
    ).all()
    cells: dict = defaultdict(dict)
    lane_reach: dict = defaultdict(dict)
    seen: dict = defaultdict(set)
    for row in rows:
        seen[row.board_id].add(row.period)
        cell = cells[row.board_id].setdefault((row.phase_id, row.period), Cell())
        if row.own:
            cell.own = {k: getattr(row, k) for k in FIGURE_FIELDS if getattr(row, k) is not None}
            continue
        cell.add_cards(row.reached, row.moved_on, row.waiting_weeks)
        if row.reached is not None:
            lane_reach[row.board_id][(row.phase_id, row.period, row.lane_id)] = row.reached
    groups = defaultdict(list)
    for group in db.session.execute(
        db.select(TargetGroup).where(TargetGroup.board_id.in_(board_ids)).order_by(TargetGroup.id)
    ).scalars():
        groups[group.board_id].append(group)
    result = {}
    for board_id in board_ids:
        periods = sorted(seen[board_id])
        result[board_id] = Monitor(
            phases[board_id],
            quarters(periods[0], periods[-1]) if periods else [],
            cells[board_id],
            lane_reach[board_id],
            groups[board_id],
        )
    return result
