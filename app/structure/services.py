"""Operations on a board's structure: phases and lanes (the axes) and organisations."""

from flask_babel import gettext as _
from flask_babel import ngettext

from app import events
from app.errors import Conflict, ValidationFailed
from app.extensions import db
from app.lookup import board_entity, check_version
from app.models import Card, Lane, Organisation, Phase
from app.permissions import EDIT, Actor, board_for
from app.positions import key_between
from app.transaction import write
from app.vocab import ORGANISATION_PALETTE, PATTERN_COUNT

# A phase is a column and a lane a row; both are ordered axes of the canvas, handled alike.
AXES = {"phase": (Phase, "phase_id"), "lane": (Lane, "lane_id")}


def _position_after(
    model, board_id: int, after_id: int | None, moving_id: int | None = None
) -> str:
    """Return a key right after `after_id` (None: first) among the board's phases or lanes."""
    siblings = db.session.execute(
        db.select(model.id, model.position)
        .where(model.board_id == board_id, model.id != (moving_id or -1))
        .order_by(model.position, model.id)
    ).all()
    if after_id is None:
        return key_between(None, siblings[0].position if siblings else None)
    index = next((i for i, row in enumerate(siblings) if row.id == after_id), None)
    if index is None:
        raise ValidationFailed(
            _("Dit hoort niet bij dit bord."), fields={"after_id": _("Onbekende positie.")}
        )
    following = siblings[index + 1].position if index + 1 < len(siblings) else None
    return key_between(siblings[index].position, following)


def _last_id(model, board_id: int) -> int | None:
    return db.session.execute(
        db.select(model.id)
        .where(model.board_id == board_id)
        .order_by(model.position.desc(), model.id.desc())
        .limit(1)
    ).scalar_one_or_none()


@write
def create_axis(
    actor: Actor,
    board_id: int,
    axis: str,
    name: str,
    after_id: int | None = None,
    append: bool = True,
    **fields: object,
) -> Phase | Lane:
    """Add a phase or lane; without `after_id` it goes last."""
    board_for(actor, board_id, EDIT)
    model, column = AXES[axis]
    if after_id is None and append:
        after_id = _last_id(model, board_id)
    entity = model(
        board_id=board_id, name=name, position=_position_after(model, board_id, after_id), **fields
    )
    db.session.add(entity)
    db.session.flush()
    if axis == "lane" and _last_id(model, board_id) is not None:
        _adopt_laneless_cards(board_id, entity.id, actor)
    events.record(board_id, f"{axis}.created", entity, actor)
    return entity


def _adopt_laneless_cards(board_id: int, lane_id: int, actor: Actor) -> None:
    # Once a board has lanes every card lives in one; the first lane takes the cards.
    cards = (
        db.session.execute(
            db.select(Card).where(
                Card.board_id == board_id, Card.lane_id.is_(None), Card.deleted_at.is_(None)
            )
        )
        .scalars()
        .all()
    )
    for card in cards:
        card.lane_id = lane_id
        card.version += 1
        events.record(board_id, "card.moved", card, actor)


@write
def update_axis(
    actor: Actor, board_id: int, axis: str, entity_id: int, fields: dict, version: int | None = None
) -> Phase | Lane:
    """Rename, re-estimate or reorder a phase or lane (`after_id` in fields moves it)."""
    board_for(actor, board_id, EDIT)
    model, _column = AXES[axis]
    entity = board_entity(model, board_id, entity_id, "id")
    check_version(entity, version)
    if "after_id" in fields:
        after_id = fields.pop("after_id")
        if after_id == entity.id:
            raise ValidationFailed(
                _("Kies een andere positie."), fields={"after_id": _("Onbekende positie.")}
            )
        entity.position = _position_after(model, board_id, after_id, moving_id=entity.id)
    for key, value in fields.items():
        if key == "name" and value is None:
            continue
        setattr(entity, key, value)
    entity.version += 1
    events.record(board_id, f"{axis}.updated", entity, actor)
    return entity


@write
def update_axes(
    actor: Actor, board_id: int, axis: str, changes: dict[int, tuple[int | None, dict]]
) -> list[Phase | Lane]:
    """Save several phases or lanes in one go ({id: (version, fields)}); when one of them was
    changed by someone else since its version, nothing is saved (409 naming the stale ones)."""
    board_for(actor, board_id, EDIT)
    model, _column = AXES[axis]
    entities = {entity_id: board_entity(model, board_id, entity_id, "id") for entity_id in changes}
    stale = [
        entity
        for entity_id, entity in entities.items()
        if changes[entity_id][0] not in (None, entity.version)
    ]
    if stale:
        raise Conflict(
            _(
                "Iemand anders heeft intussen %(names)s gewijzigd; er is nog niets opgeslagen.",
                names=", ".join(f"‘{entity.name}’" for entity in stale),
            ),
            fields={str(entity.id): _("Intussen gewijzigd.") for entity in stale},
            current={f"{axis}s": [entity.to_json() for entity in stale]},
        )
    for entity_id, (_version, fields) in changes.items():
        entity = entities[entity_id]
        for key, value in fields.items():
            setattr(entity, key, value)
        entity.version += 1
        events.record(board_id, f"{axis}.updated", entity, actor)
    return list(entities.values())


@write
def delete_axis(
    actor: Actor, board_id: int, axis: str, entity_id: int, move_cards_to: int | None = None
) -> None:
    """Delete a phase or lane; its cards move to `move_cards_to`, never vanish silently."""
    board_for(actor, board_id, EDIT)
    model, column = AXES[axis]
    entity = board_entity(model, board_id, entity_id, "id")
    cards = (
        db.session.execute(db.select(Card).where(getattr(Card, column) == entity.id))
        .scalars()
        .all()
    )
    live = [card for card in cards if card.deleted_at is None]
    remaining = db.session.execute(
        db.select(db.func.count())
        .select_from(model)
        .where(model.board_id == board_id, model.id != entity.id)
    ).scalar_one()
    target = None
    if move_cards_to is not None:
        target = board_entity(model, board_id, move_cards_to, "move_cards_to")
        if target.id == entity.id:
            raise ValidationFailed(
                _("Kies een andere bestemming."),
                fields={"move_cards_to": _("Kies een andere bestemming.")},
            )
    elif live and not (axis == "lane" and remaining == 0):
        raise ValidationFailed(
            ngettext(
                "Er staat nog %(num)s kaart in; kies waar die heen gaat.",
                "Er staan nog %(num)s kaarten in; kies waar ze heen gaan.",
                len(live),
            ),
            fields={"move_cards_to": _("Kies waar de kaarten heen gaan.")},
            code="has_cards",
        )
    for card in cards:
        if target is None and axis == "phase":
            db.session.delete(card)  # only deleted cards get here: without a phase they are gone
            continue
        setattr(card, column, target.id if target else None)
        card.version += 1
        if card.deleted_at is None:
            events.record(board_id, "card.moved", card, actor)
    data = entity.to_json()
    db.session.delete(entity)
    events.record(board_id, f"{axis}.deleted", actor=actor, data=data)


def next_style(board_id: int) -> tuple[str, int]:
    """Return the colour and pattern a new organisation gets: the first the board does not use
    yet (when all are in use, the least used)."""
    return next_styles(board_id, 1)[0]


def next_styles(board_id: int, count: int) -> list[tuple[str, int]]:
    """Return the styles of `count` new organisations in turn, as next_style would give them."""
    used = db.session.execute(
        db.select(Organisation.color, Organisation.pattern).filter_by(board_id=board_id)
    ).all()
    colours = [row.color.lower() for row in used]
    patterns = [row.pattern for row in used]
    styles = []
    for _number in range(count):
        colour = min(
            ORGANISATION_PALETTE, key=lambda c: (colours.count(c), ORGANISATION_PALETTE.index(c))
        )
        pattern = min(range(PATTERN_COUNT), key=lambda p: (patterns.count(p), p))
        colours.append(colour)
        patterns.append(pattern)
        styles.append((colour, pattern))
    return styles


@write
def create_organisation(
    actor: Actor,
    board_id: int,
    name: str,
    kind: str,
    color: str | None = None,
    contact: str = "",
) -> Organisation:
    """Add an organisation to the board's legend; without a colour it gets the palette's next."""
    board_for(actor, board_id, EDIT)
    next_color, pattern = next_style(board_id)
    organisation = Organisation(
        board_id=board_id,
        name=name,
        kind=kind,
        color=(color or next_color).lower(),
        contact=contact,
        pattern=pattern,
    )
    db.session.add(organisation)
    events.record(board_id, "organisation.created", organisation, actor)
    return organisation


@write
def update_organisation(
    actor: Actor, board_id: int, organisation_id: int, fields: dict, version: int | None = None
) -> Organisation:
    """Change an organisation's name, kind, colour or contact person."""
    board_for(actor, board_id, EDIT)
    organisation = board_entity(Organisation, board_id, organisation_id, "id")
    check_version(organisation, version)
    for key, value in fields.items():
        if value is not None:
            setattr(organisation, key, value.lower() if key == "color" else value)
    organisation.version += 1
    events.record(board_id, "organisation.updated", organisation, actor)
    return organisation


@write
def delete_organisation(actor: Actor, board_id: int, organisation_id: int) -> None:
    """Delete an organisation that offers nothing on the board any more."""
    board_for(actor, board_id, EDIT)
    organisation = board_entity(Organisation, board_id, organisation_id, "id")
    in_use = db.session.execute(
        db.select(db.func.count()).select_from(Card).where(Card.organisation_id == organisation.id)
    ).scalar_one()
    if in_use:
        raise ValidationFailed(
            _(
                "Deze organisatie heeft nog %(n)s kaarten (ook verwijderde); verplaats of "
                "verwijder die eerst.",
                n=in_use,
            ),
            code="has_cards",
        )
    data = organisation.to_json()
    db.session.delete(organisation)
    events.record(board_id, "organisation.deleted", actor=actor, data=data)
