"""Who may see a region: its lead (the creator) and the coordinators of its boards."""

from flask_babel import gettext as _

from app.errors import Forbidden, NotFound, Unauthorized
from app.extensions import db
from app.models import Membership, Region, RegionBoard
from app.permissions import MANAGE, Actor


def get_region(region_id: int) -> Region:
    """Load a region or raise 404."""
    region = db.session.get(Region, region_id)
    if region is None:
        raise NotFound(_("Deze regio bestaat niet."))
    return region


def roles_in_region(actor: Actor, region_id: int) -> dict[int, str]:
    """Return the actor's role on each of the region's boards where they are a member."""
    rows = db.session.execute(
        db.select(Membership.board_id, Membership.role)
        .join(RegionBoard, RegionBoard.board_id == Membership.board_id)
        .where(RegionBoard.region_id == region_id, Membership.user_id == actor.id)
    ).all()
    return dict(rows)


def region_for(actor: Actor, region_id: int) -> tuple[Region, bool, dict[int, str]]:
    """Load a region the actor may see: (region, leads it, their roles on its boards).

    Raises 401 without a signed-in person, 404 for an unknown region, 403 for anyone else."""
    if actor.user is None:
        raise Unauthorized(_("Log eerst in."))
    region = get_region(region_id)
    leads = region.created_by_id == actor.id
    roles = roles_in_region(actor, region_id)
    if not leads and MANAGE not in roles.values():
        raise Forbidden(_("Alleen de trekker van de regio en regisseurs van haar borden zien dit."))
    return region, leads, roles


def regions_of(actor: Actor) -> list[Region]:
    """Return the regions the actor leads or coordinates a board in, by name."""
    coordinated = (
        db.select(RegionBoard.region_id)
        .join(Membership, Membership.board_id == RegionBoard.board_id)
        .where(Membership.user_id == actor.id, Membership.role == MANAGE)
    )
    return list(
        db.session.execute(
            db.select(Region)
            .where((Region.created_by_id == actor.id) | Region.id.in_(coordinated))
            .order_by(Region.name, Region.id)
        ).scalars()
    )


def board_regions(board_id: int) -> list[tuple[Region, RegionBoard]]:
    """Return the regions a board takes part in, with its choice of what they see."""
    rows = db.session.execute(
        db.select(Region, RegionBoard)
        .join(RegionBoard, RegionBoard.region_id == Region.id)
        .where(RegionBoard.board_id == board_id)
        .order_by(Region.name, Region.id)
    ).all()
    return [(region, part) for region, part in rows]
