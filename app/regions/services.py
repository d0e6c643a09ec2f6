"""The region's operations: create one, let a board join or leave, choose what it shares."""

from flask_babel import gettext as _

from app import events
from app.errors import Conflict, Forbidden, NotFound, Unauthorized
from app.extensions import db
from app.models import Region, RegionBoard
from app.permissions import MANAGE, Actor, board_for
from app.regions.access import get_region
from app.transaction import write


def _event_data(region: Region, part: RegionBoard) -> dict:
    # The region's name is what the board's activity feed tells; no card text goes along.
    return {"name": region.name, **part.to_json()}


def _part(region_id: int, board_id: int) -> RegionBoard:
    part = db.session.execute(
        db.select(RegionBoard).filter_by(region_id=region_id, board_id=board_id)
    ).scalar_one_or_none()
    if part is None:
        raise NotFound(_("Dit bord doet niet mee in deze regio."))
    return part


@write
def create_region(actor: Actor, name: str) -> Region:
    """Create a region; whoever creates it leads it."""
    if actor.user is None:
        raise Unauthorized(_("Log eerst in."))
    region = Region(name=name, created_by_id=actor.id)
    db.session.add(region)
    db.session.flush()
    return region


@write
def join_region(
    actor: Actor, region_id: int, board_id: int, share_texts: bool = False
) -> RegionBoard:
    """Add a board to a region (its coordinator only); 409 when it takes part already."""
    board_for(actor, board_id, MANAGE)
    region = get_region(region_id)
    exists = db.session.execute(
        db.select(RegionBoard.id).filter_by(region_id=region_id, board_id=board_id)
    ).scalar_one_or_none()
    if exists is not None:
        raise Conflict(_("Dit bord doet al mee in deze regio."), code="already_in_region")
    part = RegionBoard(
        region_id=region_id, board_id=board_id, share_texts=share_texts, added_by_id=actor.id
    )
    db.session.add(part)
    db.session.flush()
    events.record(board_id, "region_board.created", part, actor, _event_data(region, part))
    return part


@write
def set_share_texts(actor: Actor, region_id: int, board_id: int, share_texts: bool) -> RegionBoard:
    """Let the coordinator choose whether the region sees the card texts or figures only."""
    board_for(actor, board_id, MANAGE)
    region = get_region(region_id)
    part = _part(region_id, board_id)
    part.share_texts = share_texts
    events.record(board_id, "region_board.updated", part, actor, _event_data(region, part))
    return part


@write
def leave_region(actor: Actor, region_id: int, board_id: int) -> None:
    """Take a board out of a region: its coordinator or the region's lead may."""
    region = get_region(region_id)
    if region.created_by_id is None or region.created_by_id != actor.id:
        try:
            board_for(actor, board_id, MANAGE)
        except Forbidden:
            raise Forbidden(
                _("Alleen de regisseur van het bord of de trekker van de regio kan dit.")
            ) from None
    part = _part(region_id, board_id)
    data = _event_data(region, part)
    db.session.delete(part)
    events.record(board_id, "region_board.deleted", None, actor, data)
