"""Import an inventory onto a board: check it (dry run), or write it all in one transaction."""

from sqlalchemy.orm import joinedload

from app import events
from app.audit.log import record
from app.extensions import db
from app.intake.columns import fold
from app.intake.plan import CARD_FIELDS, Board, InventoryRefused, Plan, check
from app.intake.sheet import Sheet
from app.models import Card, Lane, Organisation, Phase
from app.permissions import EDIT, Actor, board_for
from app.positions import key_between
from app.structure.services import create_axis, next_styles
from app.transaction import write


def _board(board_id: int) -> Board:
    """Load what the check compares with, in four queries whatever the sheet's size."""

    def named(model) -> dict[str, tuple[int, str]]:
        rows = db.session.execute(
            db.select(model.id, model.name).filter_by(board_id=board_id).order_by(model.position)
        ).all()
        return {fold(row.name): (row.id, row.name) for row in reversed(rows)}

    organisations = db.session.execute(
        db.select(Organisation.id, Organisation.name).filter_by(board_id=board_id)
    ).all()
    cards = db.session.execute(
        db.select(Organisation.name, Card.phase_id, Card.lane_id, Card.title)
        .join(Organisation, Card.organisation_id == Organisation.id)
        .where(Card.board_id == board_id, Card.deleted_at.is_(None))
    ).all()
    return Board(
        phases=named(Phase),
        lanes=named(Lane),
        organisations={fold(row.name): row.id for row in organisations},
        cards={
            (
                fold(row.name),
                row.phase_id,
                ("id", row.lane_id) if row.lane_id else None,
                fold(row.title),
            )
            for row in cards
        },
    )


def preview(
    actor: Actor,
    board_id: int,
    sheet: Sheet,
    mapping: dict | None = None,
    values: dict | None = None,
) -> Plan:
    """Check an inventory against the board without writing: counts, errors, what it creates."""
    board_for(actor, board_id, EDIT)
    return check(sheet, _board(board_id), mapping, values)


@write
def import_inventory(
    actor: Actor,
    board_id: int,
    sheet: Sheet,
    mapping: dict | None = None,
    values: dict | None = None,
) -> Plan:
    """Create the inventory's organisations, lanes and cards, all or nothing (422 with every
    problem when the sheet has any); one event per new thing, so the board fills in live."""
    board_for(actor, board_id, EDIT)
    plan = check(sheet, _board(board_id), mapping, values)
    if plan.errors:
        raise InventoryRefused(plan)
    organisations = _create_organisations(actor, board_id, plan)
    lanes = {key: create_axis(actor, board_id, "lane", name).id for key, name in plan.lanes.items()}
    _create_cards(actor, board_id, plan, organisations, lanes)
    record("import.done", actor, board_id, f"inventory: {len(plan.cards)} cards")
    return plan


def _create_organisations(actor: Actor, board_id: int, plan: Plan) -> dict[tuple, Organisation]:
    """Add the new organisations in one go; return every organisation the cards name."""
    styles = next_styles(board_id, len(plan.organisations)) if plan.organisations else []
    created = {
        ("new", key): Organisation(board_id=board_id, color=colour, pattern=pattern, **fields)
        for (key, fields), (colour, pattern) in zip(plan.organisations.items(), styles, strict=True)
    }
    db.session.add_all(created.values())
    events.record_many(board_id, "organisation.created", list(created.values()), actor)
    known = {card["organisation"][1] for card in plan.cards if card["organisation"][0] == "id"}
    existing = db.session.execute(db.select(Organisation).where(Organisation.id.in_(known)))
    return {**created, **{("id", o.id): o for o in existing.scalars()}}


def _create_cards(
    actor: Actor, board_id: int, plan: Plan, organisations: dict, lanes: dict[str, int]
) -> None:
    """Add the cards at the end of their cells, in the sheet's order, with one event each."""
    # After the lanes: a board's first lane takes its cards without a lane, with their keys.
    last = {
        (phase_id, lane_id): position
        for phase_id, lane_id, position in db.session.execute(
            db.select(Card.phase_id, Card.lane_id, db.func.max(Card.position))
            .where(Card.board_id == board_id, Card.deleted_at.is_(None))
            .group_by(Card.phase_id, Card.lane_id)
        )
    }
    before = db.session.scalar(db.select(db.func.max(Card.id)).where(Card.board_id == board_id))
    rows = []
    for row in plan.cards:
        lane = row["lane"]
        lane_id = None if lane is None else lane[1] if lane[0] == "id" else lanes[lane[1]]
        cell = (row["phase_id"], lane_id)
        last[cell] = key_between(last.get(cell), None)
        rows.append(
            {
                **{key: row[key] for key in CARD_FIELDS},
                "board_id": board_id,
                "phase_id": row["phase_id"],
                "lane_id": lane_id,
                "organisation_id": organisations[row["organisation"]].id,
                "position": last[cell],
            }
        )
    # One executemany, then the new cards read back in one query: a board's new ids grow in
    # the order they were inserted (the board is locked), on SQLite and PostgreSQL alike.
    db.session.execute(db.insert(Card), rows)
    cards = db.session.scalars(
        db.select(Card)
        .options(joinedload(Card.organisation))
        .where(Card.board_id == board_id, Card.id > (before or 0))
        .order_by(Card.id)
    ).all()
    events.record_many(board_id, "card.created", list(cards), actor)
