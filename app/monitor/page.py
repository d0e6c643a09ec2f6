"""What the monitor page shows: the funnel of a quarter, the trend, the grid form, target groups."""

from datetime import date

from app.extensions import db
from app.models import Board, Figure, Lane, Membership, Organisation, Round
from app.monitor import funnel
from app.monitor.figures import card_figures, load_monitor, quarters
from app.monitor.schemas import FIGURE_FIELDS
from app.permissions import EDIT, MANAGE, Actor, allows

# The trend shows this many quarters up to the chosen one: two years.
TREND_QUARTERS = 8


def quarter_of(day: date) -> str:
    """Return the quarter a day falls in, e.g. '2026-Q4'."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def neighbours(period: str) -> tuple[str, str]:
    """Return the quarters before and after one."""
    year, quarter = int(period[:4]), int(period[-1])
    before = f"{year - 1}-Q4" if quarter == 1 else f"{year}-Q{quarter - 1}"
    after = f"{year + 1}-Q1" if quarter == 4 else f"{year}-Q{quarter + 1}"
    return before, after


def _own_organisation(actor: Actor, board_id: int) -> int | None:
    return db.session.execute(
        db.select(Membership.organisation_id).filter_by(board_id=board_id, user_id=actor.id)
    ).scalar_one_or_none()


def _entered(board_id: int, period: str) -> dict:
    """Who entered each figure of a quarter, and when: {(phase_id, card_id or 0): row}."""
    rows = db.session.execute(
        db.select(Figure.phase_id, Figure.card_id, Figure.entered_by, Figure.entered_at).filter_by(
            board_id=board_id, period=period
        )
    )
    return {(row.phase_id, row.card_id or 0): row for row in rows}


def _grid(monitor, figures: dict, period: str, cards: list, role: str, own) -> list[dict]:
    """Rows of the quarter's form: per phase its total (coordinator) and the cards one may fill."""
    rows = []
    for phase in monitor.phases:
        if role == MANAGE:
            stored = monitor.cells.get((phase.id, period))
            rows.append(
                {
                    "phase": phase,
                    "card": None,
                    "values": dict(stored.own) if stored else {},
                    "summed": monitor.value(phase.id, period),
                    "key": (phase.id, 0),
                }
            )
        for card in cards:
            if card.phase_id != phase.id or (role != MANAGE and card.organisation_id != own):
                continue
            figure = figures.get(card.id)
            values = {k: getattr(figure, k) for k in FIGURE_FIELDS} if figure else {}
            rows.append(
                {
                    "phase": phase,
                    "card": card,
                    "values": values,
                    "summed": None,
                    "key": (phase.id, card.id),
                }
            )
    return rows


def _trend(monitor, period: str, rounds: list) -> dict:
    """The quarters up to the chosen one, each phase's figures in them, and the rounds marked."""
    shown = [p for p in monitor.periods if p <= period][-TREND_QUARTERS:]
    marks: dict[str, list[str]] = {}
    for round_ in rounds:
        marks.setdefault(quarter_of(round_.created_at.date()), []).append(round_.name)
    return {
        "periods": shown,
        "rounds": marks,
        "phases": [(p, [monitor.value(p.id, q) for q in shown]) for p in monitor.phases],
    }


def monitor_context(board: Board, role: str, actor: Actor, period: str | None) -> dict:
    """Return everything the monitor page needs, prepared (templates only loop)."""
    overall = load_monitor(board.id)
    period = period or (overall.periods[-1] if overall.periods else quarter_of(date.today()))
    quarter = overall if period in overall.periods else load_monitor(board.id, period, period)
    cards = funnel.load_cards(board.id)
    steps = funnel.steps(quarter, period, funnel.capacities(cards))
    rounds = db.session.execute(
        db.select(Round.name, Round.created_at).filter_by(board_id=board.id).order_by(Round.id)
    ).all()
    organisations = dict(
        db.session.execute(
            db.select(Organisation.id, Organisation.name).filter_by(board_id=board.id)
        ).all()
    )
    before, after = neighbours(period)
    known = sorted({*overall.periods, period, *quarters(before, after)}, reverse=True)
    return {
        "board": board,
        "role": role,
        "can_edit": allows(role, EDIT),
        "can_manage": allows(role, MANAGE),
        "period": period,
        "before": before,
        "after": after,
        "known_periods": known,
        "steps": steps,
        "picture": funnel.picture(steps, period),
        "trend": _trend(overall, period, rounds),
        "grid": _grid(
            quarter,
            card_figures(board.id, period),
            period,
            cards,
            role,
            _own_organisation(actor, board.id),
        )
        if allows(role, EDIT)
        else [],
        "entered": _entered(board.id, period) if allows(role, EDIT) else {},
        "organisations": organisations,
        "target_groups": [(g, overall.reach(g)) for g in overall.target_groups],
        "reach_per_phase": [(g, overall.reach_per_phase(g)) for g in overall.target_groups],
        "phases": overall.phases,
        "has_figures": bool(overall.periods),
        "lanes": _lanes(board.id),
    }


def _lanes(board_id: int) -> list:
    return db.session.execute(
        db.select(Lane.id, Lane.name).filter_by(board_id=board_id).order_by(Lane.position)
    ).all()
