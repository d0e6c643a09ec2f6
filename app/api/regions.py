"""API: regions, the boards taking part in them and the overview side by side."""

from flask.typing import ResponseReturnValue

from app.api.base import actor, body, bp
from app.api.spec import doc
from app.regions import schemas, services
from app.regions.access import regions_of
from app.regions.overview import load_overview
from app.validation import parse


@bp.get("/regions")
@doc("The regions you lead or coordinate a board in", tag="regions")
def list_regions() -> ResponseReturnValue:
    """List the caller's regions."""
    return {"regions": [region.to_json() for region in regions_of(actor())]}


@bp.post("/regions")
@doc("Create a region; you lead it", body=schemas.RegionCreate, status=201, tag="regions")
def create_region() -> ResponseReturnValue:
    """Create a region."""
    data = parse(schemas.RegionCreate, body())
    return services.create_region(actor(), data.name).to_json(), 201


@bp.post("/regions/<int:region_id>/boards")
@doc(
    "Add a board to a region (the board's coordinator; 409 when it takes part already); "
    "`share_texts` (default false) lets the region see its card texts",
    body=schemas.RegionJoin,
    status=201,
    tag="regions",
)
def join_region(region_id: int) -> ResponseReturnValue:
    """Let a board join a region."""
    data = parse(schemas.RegionJoin, body())
    part = services.join_region(actor(), region_id, data.board_id, data.share_texts)
    return part.to_json(), 201


@bp.patch("/regions/<int:region_id>/boards/<int:board_id>")
@doc(
    "Choose what the region sees of the board: figures and bridge only, or card texts too "
    "(the board's coordinator)",
    body=schemas.RegionBoardUpdate,
    tag="regions",
)
def update_region_board(region_id: int, board_id: int) -> ResponseReturnValue:
    """Set the board's share_texts choice."""
    data = parse(schemas.RegionBoardUpdate, body())
    return services.set_share_texts(actor(), region_id, board_id, data.share_texts).to_json()


@bp.delete("/regions/<int:region_id>/boards/<int:board_id>")
@doc(
    "Take a board out of a region (the board's coordinator or the region's lead)",
    status=204,
    tag="regions",
)
def leave_region(region_id: int, board_id: int) -> ResponseReturnValue:
    """Let a board leave a region."""
    services.leave_region(actor(), region_id, board_id)
    return "", 204


@bp.get("/regions/<int:region_id>/overview")
@doc(
    "The region's boards side by side in their latest quarter with figures: funnel, reach per "
    "1,000 households, bridge, open gaps; card texts only where the board shares them "
    "(the lead, or coordinators of its boards)",
    tag="regions",
)
def region_overview(region_id: int) -> ResponseReturnValue:
    """Return the region's overview."""
    return load_overview(actor(), region_id)
