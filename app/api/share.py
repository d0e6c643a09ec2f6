"""API: read-only share links (coordinators only)."""

from flask.typing import ResponseReturnValue

from app.api.base import actor, body, bp
from app.api.spec import doc
from app.share import services
from app.share.schemas import ShareLinkCreate
from app.validation import parse


@bp.get("/boards/<int:board_id>/share-links")
@doc("List the board's read-only links with when each was last used", tag="share")
def list_share_links(board_id: int) -> ResponseReturnValue:
    """List the share links."""
    return {"share_links": [link.to_json() for link in services.list_links(actor(), board_id)]}


@bp.post("/boards/<int:board_id>/share-links")
@doc(
    "Create a read-only link; the token is shown only in this answer",
    body=ShareLinkCreate,
    status=201,
    tag="share",
)
def create_share_link(board_id: int) -> ResponseReturnValue:
    """Create a share link."""
    data = parse(ShareLinkCreate, body())
    link, token = services.create_link(actor(), board_id, **data.model_dump())
    return {**link.to_json(), "url": services.share_url(token), "token": token}, 201


@bp.delete("/boards/<int:board_id>/share-links/<int:link_id>")
@doc("Revoke a read-only link; live viewers on it are cut off at once", status=204, tag="share")
def revoke_share_link(board_id: int, link_id: int) -> ResponseReturnValue:
    """Revoke a share link."""
    services.revoke_link(actor(), board_id, link_id)
    return "", 204
