"""Start a board from a template or as a copy; save a board's structure as a template.

A copy takes the structure (phases with their demand, lanes), optionally the organisations and
optionally the live cards. Markers, next steps, meetings, members and history are never copied:
they belong to the other board's own story.
"""

from flask_babel import gettext as _

from app import events
from app.board_templates.catalogue import BUILT_IN
from app.boards.services import create_board
from app.errors import Forbidden, NotFound, ValidationFailed
from app.extensions import db
from app.models import Board, BoardTemplate, Card, Membership, Organisation
from app.permissions import MANAGE, READ, Actor, board_for
from app.transaction import write

COPY_LEVELS = ("structure", "organisations", "cards")
CARD_FIELDS = (
    "title",
    "description",
    "capacity_per_year",
    "capacity_unit",
    "status",
    "quality",
    "quality_reason",
    "position",
)


def usable_templates(actor: Actor) -> list[BoardTemplate]:
    """Return the saved templates a person may start from, newest first.

    A saved template belongs to the coordinator who saved it, for their organisation: it is
    offered to them and to everyone who is a member of a board they coordinate."""
    my_boards = db.select(Membership.board_id).where(Membership.user_id == actor.id)
    savers = db.select(Membership.user_id).where(
        Membership.board_id.in_(my_boards), Membership.role == "coordinator"
    )
    query = (
        db.select(BoardTemplate)
        .where(
            db.or_(BoardTemplate.created_by_id == actor.id, BoardTemplate.created_by_id.in_(savers))
        )
        .order_by(BoardTemplate.id.desc())
    )
    return list(db.session.execute(query).scalars())


def _saved_template(actor: Actor, key: str) -> BoardTemplate:
    template_id = int(key.removeprefix("saved-"))
    for template in usable_templates(actor):
        if template.id == template_id:
            return template
    message = _("Dit sjabloon bestaat niet.")
    raise NotFound(message, fields={"template": message})


def _structure_of(actor: Actor, key: str) -> tuple[list[dict], list[str]]:
    """Return the phases and lanes a template starts a board with."""
    if key in BUILT_IN:
        template = BUILT_IN[key]
        return [{"name": name} for name in template.phases], list(template.lanes)
    if key.startswith("saved-") and key.removeprefix("saved-").isdigit():
        template = _saved_template(actor, key)
        return list(template.phases), list(template.lanes)
    raise ValidationFailed(
        _("Dit sjabloon bestaat niet."), fields={"template": _("Kies een geldige waarde.")}
    )


@write
def start_board(
    actor: Actor,
    name: str,
    template: str | None = None,
    copy_from: int | None = None,
    copy_level: str | None = None,
    phases: list[str] | None = None,
    lanes: list[str] | None = None,
    lane_template: str | None = None,
) -> Board:
    """Create a board: from given phases and lanes, from a template, or as a copy of a board the
    person can read (structure, organisations or cards). Its creator coordinates it."""
    if copy_level is not None and copy_from is None:
        raise ValidationFailed(
            _("Kies een bord om te kopiëren."),
            fields={"copy_from": _("Dit veld is verplicht.")},
        )
    if copy_from is not None and (template is not None or phases is not None or lanes):
        raise ValidationFailed(
            _("Kies een sjabloon óf een bord om te kopiëren, niet allebei."),
            fields={"copy_from": _("Niet samen met een sjabloon, fasen of banen.")},
        )
    if copy_from is not None:
        return _copy(actor, name, copy_from, copy_level or "structure")
    if template is None:
        return create_board(actor, name, phases, lanes, lane_template)
    template_phases, template_lanes = _structure_of(actor, template)
    board = create_board(
        actor,
        name,
        phases=[phase["name"] for phase in template_phases] if phases is None else phases,
        lanes=lanes if lanes is not None or lane_template else template_lanes,
        lane_template=lane_template,
    )
    if phases is None:
        for phase, given in zip(board.phases, template_phases, strict=True):
            phase.demand_per_year = given.get("demand_per_year")
    return board


def _copy(actor: Actor, name: str, source_id: int, level: str) -> Board:
    try:
        source = board_for(actor, source_id, READ)
    except Forbidden:
        # A board the person cannot read is one they do not know of: no hint that it exists.
        message = _("Dit bord bestaat niet.")
        raise NotFound(message, fields={"copy_from": message}) from None
    board = create_board(
        actor,
        name,
        phases=[phase.name for phase in source.phases],
        lanes=[lane.name for lane in source.lanes],
    )
    phases = dict(zip((p.id for p in source.phases), board.phases, strict=True))
    lanes = dict(zip((lane.id for lane in source.lanes), board.lanes, strict=True))
    for old, new in zip(source.phases, board.phases, strict=True):
        new.demand_per_year = old.demand_per_year
    if level == "structure":
        return board
    organisations = {}
    for org in source.organisations:
        organisations[org.id] = copied = Organisation(
            board_id=board.id,
            **{key: getattr(org, key) for key in ("name", "kind", "color", "contact", "pattern")},
        )
        db.session.add(copied)
        events.record(board.id, "organisation.created", copied, actor)
    if level == "cards":
        cards = db.session.execute(
            db.select(Card)
            .where(Card.board_id == source.id, Card.deleted_at.is_(None))
            .order_by(Card.id)
        ).scalars()
        for card in cards:
            copied = Card(
                board_id=board.id,
                phase_id=phases[card.phase_id].id,
                lane_id=lanes[card.lane_id].id if card.lane_id else None,
                organisation_id=organisations[card.organisation_id].id,
                **{key: getattr(card, key) for key in CARD_FIELDS},
            )
            db.session.add(copied)
            events.record(board.id, "card.created", copied, actor)
    return board


@write
def save_template(actor: Actor, board_id: int, name: str) -> BoardTemplate:
    """Save a board's structure (phases with their demand, lanes) as a template of the
    coordinator's organisation."""
    board = board_for(actor, board_id, MANAGE)
    membership = db.session.execute(
        db.select(Membership).filter_by(board_id=board_id, user_id=actor.id)
    ).scalar_one()
    template = BoardTemplate(
        name=name,
        organisation=membership.organisation.name if membership.organisation else board.name,
        phases=[{"name": p.name, "demand_per_year": p.demand_per_year} for p in board.phases],
        lanes=[lane.name for lane in board.lanes],
        created_by_id=actor.id,
        source_board_id=board.id,
    )
    db.session.add(template)
    db.session.flush()
    return template
