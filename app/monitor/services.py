"""The monitor's operations: enter a quarter's figures, keep the board's target groups."""

from flask_babel import gettext as _

from app import events
from app.audit.log import record
from app.errors import Forbidden, ValidationFailed
from app.extensions import db
from app.intake.columns import fold
from app.intake.sheet import Sheet
from app.lookup import board_entity, check_version, get_entity
from app.models import Card, Figure, Lane, Membership, Phase, TargetGroup
from app.models._types import utcnow
from app.monitor.figure_sheet import Board as FigureBoard
from app.monitor.figure_sheet import FigurePlan, FiguresRefused
from app.monitor.figure_sheet import check as check_figures
from app.monitor.group_sheet import Board as GroupBoard
from app.monitor.group_sheet import GroupPlan, GroupsRefused
from app.monitor.group_sheet import check as check_groups
from app.monitor.schemas import FIGURE_FIELDS
from app.permissions import EDIT, MANAGE, Actor, board_for
from app.transaction import write

FIGURE_COLUMNS = (Figure.reached, Figure.moved_on, Figure.waiting_weeks)


def _invalid(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, fields={field: message})


def _membership(actor: Actor, board_id: int) -> tuple[str | None, int | None]:
    """Return the actor's role on the board and the organisation they represent."""
    row = db.session.execute(
        db.select(Membership.role, Membership.organisation_id).filter_by(
            board_id=board_id, user_id=actor.id
        )
    ).first()
    return (row.role, row.organisation_id) if row else (None, None)


def _check_place(actor: Actor, board_id: int, phase_id: int, card_id: int | None) -> None:
    """Partners enter their own organisation's card figures; phase totals are the coordinator's."""
    board_entity(Phase, board_id, phase_id, "phase_id")
    role, own_organisation = _membership(actor, board_id)
    if card_id is None:
        if role != MANAGE:
            raise Forbidden(_("Alleen de regisseur vult de totalen van een fase in."))
        return
    card = db.session.get(Card, card_id)
    if card is None or card.board_id != board_id or card.deleted_at is not None:
        raise _invalid("card_id", _("Kies een bestaande kaart van dit bord."))
    if card.phase_id != phase_id:
        raise _invalid("phase_id", _("Deze kaart staat in een andere fase."))
    if role != MANAGE and card.organisation_id != own_organisation:
        raise Forbidden(_("Je vult alleen cijfers in voor het aanbod van je eigen organisatie."))


def _check_counts(figure: Figure) -> None:
    if (
        figure.reached is not None
        and figure.moved_on is not None
        and figure.moved_on > figure.reached
    ):
        raise _invalid(
            "moved_on",
            _(
                "Doorgestroomd (%(moved_on)s) kan niet meer zijn dan bereikt (%(reached)s).",
                moved_on=figure.moved_on,
                reached=figure.reached,
            ),
        )


@write
def put_figure(
    actor: Actor,
    board_id: int,
    period: str,
    phase_id: int,
    card_id: int | None = None,
    **values,
) -> Figure | None:
    """Set a phase's or card's figures for a quarter; sent fields change, null clears them.

    Returns the figure, or None when it no longer holds any number (then it is removed)."""
    board_for(actor, board_id, EDIT)
    _check_place(actor, board_id, phase_id, card_id)
    unknown = set(values) - set(FIGURE_FIELDS)
    if unknown:
        raise _invalid(sorted(unknown)[0], _("Onbekend veld."))
    figure = db.session.execute(
        db.select(Figure).filter_by(
            board_id=board_id, period=period, phase_id=phase_id, card_id=card_id
        )
    ).scalar_one_or_none()
    if figure is None:
        figure = Figure(board_id=board_id, period=period, phase_id=phase_id, card_id=card_id)
        db.session.add(figure)
    with db.session.no_autoflush:
        for key, value in values.items():
            setattr(figure, key, value)
        _check_counts(figure)
    figure.entered_by_id, figure.entered_by, figure.entered_at = actor.id, actor.name, utcnow()
    if all(getattr(figure, key) is None for key in FIGURE_FIELDS):
        if figure.id is None:
            db.session.expunge(figure)
            return None
        events.record(board_id, "figure.deleted", figure, actor)
        db.session.delete(figure)
        return None
    events.record(board_id, "figure.updated", figure, actor)
    return figure


def _check_lane(group: TargetGroup, _unused=None) -> None:
    if group.lane_id is not None:
        board_entity(Lane, group.board_id, group.lane_id, "lane_id")


@write
def create_target_group(
    actor: Actor, board_id: int, name: str, size: int, lane_id: int | None = None
) -> TargetGroup:
    """Add a target group with its size."""
    board_for(actor, board_id, MANAGE)
    group = TargetGroup(board_id=board_id, name=name, size=size, lane_id=lane_id)
    _check_lane(group)
    db.session.add(group)
    events.record(board_id, "target_group.created", group, actor)
    return group


@write
def update_target_group(
    actor: Actor, board_id: int, group_id: int, version: int | None, fields: dict
) -> TargetGroup:
    """Rename or resize a target group, or tie it to another lane (null: the whole board)."""
    board_for(actor, board_id, MANAGE)
    group = get_entity(TargetGroup, board_id, group_id, _("Deze doelgroep bestaat niet."))
    check_version(group, version)
    with db.session.no_autoflush:
        for key, value in fields.items():
            if value is not None or key == "lane_id":
                setattr(group, key, value)
        _check_lane(group)
    group.version += 1
    events.record(board_id, "target_group.updated", group, actor)
    return group


@write
def delete_target_group(actor: Actor, board_id: int, group_id: int) -> None:
    """Remove a target group."""
    board_for(actor, board_id, MANAGE)
    group = get_entity(TargetGroup, board_id, group_id, _("Deze doelgroep bestaat niet."))
    events.record(board_id, "target_group.deleted", group, actor)
    db.session.delete(group)


def _row_key(phase_id: int, card_id: int | None, field: str) -> str:
    """Name a grid form's input: f-<phase>-<card or 0>-<field>."""
    return f"f-{phase_id}-{card_id or 0}-{field}"


@write
def put_figures(actor: Actor, board_id: int, period: str, rows: list[dict]) -> int:
    """Save a quarter's grid of figures at once (all or nothing); return how many changed.

    Each row is {phase_id, card_id, reached, moved_on, waiting_weeks}; a row equal to what is
    stored is left alone (no event), an error names the row's input (f-<phase>-<card>-<field>).
    """
    board_for(actor, board_id, EDIT)
    stored = {
        (f.phase_id, f.card_id): tuple(getattr(f, key) for key in FIGURE_FIELDS)
        for f in db.session.execute(
            db.select(Figure).filter_by(board_id=board_id, period=period)
        ).scalars()
    }
    changed = 0
    for row in rows:
        place = (row["phase_id"], row["card_id"])
        values = {key: row[key] for key in FIGURE_FIELDS}
        if tuple(values.values()) == stored.get(place, (None, None, None)):
            continue
        try:
            put_figure(actor, board_id, period, *place, **values)
        except ValidationFailed as error:
            fields = {_row_key(*place, key): message for key, message in error.fields.items()}
            raise ValidationFailed(error.message, fields=fields) from None
        changed += 1
    return changed


def _figure_board(actor: Actor, board_id: int) -> FigureBoard:
    """Load what a figures sheet is checked against, in three queries whatever its size."""
    board_for(actor, board_id, EDIT)
    role, own_organisation = _membership(actor, board_id)
    phases = db.session.execute(
        db.select(Phase.id, Phase.name).filter_by(board_id=board_id).order_by(Phase.position)
    ).all()
    cards: dict = {}
    for row in db.session.execute(
        db.select(Card.id, Card.phase_id, Card.title, Card.organisation_id)
        .where(Card.board_id == board_id, Card.deleted_at.is_(None))
        .order_by(Card.id)
    ):
        cards.setdefault((row.phase_id, fold(row.title)), []).append((row.id, row.organisation_id))
    stored = {
        (f.period, f.phase_id, f.card_id): {k: getattr(f, k) for k in FIGURE_FIELDS}
        for f in db.session.execute(
            db.select(Figure.period, Figure.phase_id, Figure.card_id, *FIGURE_COLUMNS).filter_by(
                board_id=board_id
            )
        )
    }
    return FigureBoard(
        phases={fold(row.name): row.id for row in reversed(phases)},
        cards=cards,
        stored=stored,
        own_organisation=own_organisation,
        coordinator=role == MANAGE,
    )


def preview_figures(actor: Actor, board_id: int, sheet: Sheet) -> FigurePlan:
    """Check a sheet of figures without writing: what it sets and every problem."""
    return check_figures(sheet, _figure_board(actor, board_id))


@write
def import_figures(actor: Actor, board_id: int, sheet: Sheet) -> FigurePlan:
    """Set a sheet's figures, all or nothing (422 with every problem when it has any), each
    through put_figure: the same checks, the same events, so the monitor follows live."""
    plan = check_figures(sheet, _figure_board(actor, board_id))
    if plan.errors:
        raise FiguresRefused(plan)
    for row in plan.figures:
        values = {key: row[key] for key in FIGURE_FIELDS if key in row}
        put_figure(actor, board_id, row["period"], row["phase_id"], row["card_id"], **values)
    record("import.done", actor, board_id, f"figures: {len(plan.figures)}")
    return plan


def _group_board(actor: Actor, board_id: int) -> GroupBoard:
    """Load what a target-group sheet is checked against: lanes and groups by folded name."""
    board_for(actor, board_id, MANAGE)
    lanes = db.session.execute(
        db.select(Lane.id, Lane.name).filter_by(board_id=board_id).order_by(Lane.position.desc())
    ).all()
    groups = db.session.execute(
        db.select(TargetGroup.id, TargetGroup.name)
        .filter_by(board_id=board_id)
        .order_by(TargetGroup.id.desc())
    ).all()
    return GroupBoard(
        lanes={fold(row.name): row.id for row in lanes},
        groups={fold(row.name): row.id for row in groups},
    )


def preview_target_groups(actor: Actor, board_id: int, sheet: Sheet) -> GroupPlan:
    """Check a sheet of target groups without writing: what it adds or changes, every problem."""
    return check_groups(sheet, _group_board(actor, board_id))


@write
def import_target_groups(actor: Actor, board_id: int, sheet: Sheet) -> GroupPlan:
    """Add or resize a sheet's target groups, all or nothing (422 with every problem), each
    through the target-group services: the same checks and events as one by one."""
    plan = check_groups(sheet, _group_board(actor, board_id))
    if plan.errors:
        raise GroupsRefused(plan)
    for row in plan.groups:
        fields = {key: row[key] for key in ("size", "lane_id") if key in row}
        if row["id"] is None:
            create_target_group(actor, board_id, row["name"], **fields)
        else:  # found by its name in any case: the name stays as the board spells it
            update_target_group(actor, board_id, row["id"], None, fields)
    record("import.done", actor, board_id, f"target_groups: {len(plan.groups)}")
    return plan
