"""API: boards, members, phases, lanes, organisations and the event log."""

from flask import request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from app import events
from app.api.base import actor, body, bp
from app.api.resources import Resource, register
from app.api.spec import doc
from app.board_templates import services as starting
from app.boards import services
from app.boards.queries import load_state
from app.boards.schemas import (
    AxisDelete,
    BoardCreate,
    BoardUpdate,
    InviteCreate,
    LaneCreate,
    LaneUpdate,
    MemberAdd,
    MemberUpdate,
    OrganisationCreate,
    OrganisationUpdate,
    PhaseCreate,
    PhaseUpdate,
)
from app.errors import ValidationFailed
from app.permissions import READ, board_for
from app.structure import services as structure
from app.validation import changed_fields, parse


@bp.get("/boards")
@doc("List my boards")
def list_boards() -> ResponseReturnValue:
    """List the caller's boards with their role."""
    archived = request.args.get("archived") == "1"
    return {
        "boards": [
            {**board.to_json(), "role": role}
            for board, role in services.boards_of(actor().user, archived)
        ]
    }


@bp.post("/boards")
@doc(
    "Create a board: default phases, given `phases`/`lanes`, a `template` (GET /templates) or a "
    "copy of a board I can read (`copy_from`, `copy`: structure|organisations|cards)",
    body=BoardCreate,
    status=201,
)
def create_board() -> ResponseReturnValue:
    """Create a board."""
    data = parse(BoardCreate, body())
    board = starting.start_board(actor(), **data.model_dump())
    return load_state(board).to_json(), 201


@bp.get("/boards/<int:board_id>")
@doc("Get a board with everything on it")
def get_board(board_id: int) -> ResponseReturnValue:
    """Return the whole board."""
    return load_state(board_for(actor(), board_id, READ)).to_json()


@bp.patch("/boards/<int:board_id>")
@doc("Rename or archive a board", body=BoardUpdate)
def update_board(board_id: int) -> ResponseReturnValue:
    """Rename or (un)archive a board."""
    data = parse(BoardUpdate, body())
    return services.update_board(actor(), board_id, **data.model_dump()).to_json()


@bp.get("/boards/<int:board_id>/members")
@doc("List members")
def list_members(board_id: int) -> ResponseReturnValue:
    """List the board's members."""
    board = board_for(actor(), board_id, READ)
    return {"members": [m.to_json() for m in board.memberships]}


@bp.post("/boards/<int:board_id>/members")
@doc("Add a member (existing account) with a role", body=MemberAdd, status=201)
def add_member(board_id: int) -> ResponseReturnValue:
    """Give an existing user a role on the board."""
    data = parse(MemberAdd, body())
    return services.add_member(actor(), board_id, data.email, data.role).to_json(), 201


@bp.patch("/boards/<int:board_id>/members/<int:user_id>")
@doc("Change a member's role", body=MemberUpdate)
def update_member(board_id: int, user_id: int) -> ResponseReturnValue:
    """Change a member's role."""
    data = parse(MemberUpdate, body())
    return services.change_role(actor(), board_id, user_id, data.role).to_json()


@bp.delete("/boards/<int:board_id>/members/<int:user_id>")
@doc("Remove a member (their live connection is cut)", status=204)
def remove_member(board_id: int, user_id: int) -> ResponseReturnValue:
    """Take a member off the board."""
    services.remove_member(actor(), board_id, user_id)
    return "", 204


@bp.get("/boards/<int:board_id>/invitations")
@doc("List the board's invitations (open, accepted, revoked or expired), newest first")
def list_invitations(board_id: int) -> ResponseReturnValue:
    """List the invitations, never their tokens."""
    return {"invitations": [i.to_json() for i in services.list_invites(actor(), board_id)]}


@bp.post("/boards/<int:board_id>/invitations")
@doc(
    "Create an invitation link; with an e-mail it is mailed too. The token is shown only here",
    body=InviteCreate,
    status=201,
)
def create_invitation(board_id: int) -> ResponseReturnValue:
    """Create an invitation: mailed when it has an address, else to copy and send by hand."""
    data = parse(InviteCreate, body())
    invite, token = services.create_invite(actor(), board_id, **data.model_dump())
    return {**invite.to_json(), "url": services.invite_url(token), "token": token}, 201


@bp.delete("/boards/<int:board_id>/invitations/<int:invite_id>")
@doc("Revoke an invitation: its link answers 410 from then on", status=204)
def revoke_invitation(board_id: int, invite_id: int) -> ResponseReturnValue:
    """Revoke an invitation."""
    services.revoke_invite(actor(), board_id, invite_id)
    return "", 204


def _axis_routes(axis: str, create_schema, update_schema) -> None:
    """Register POST/PATCH/DELETE for phases or lanes: one set of routes for both axes."""
    plural = f"{axis}s"

    @doc(f"Add a {axis}", body=create_schema, status=201)
    def create(board_id: int) -> ResponseReturnValue:
        data = parse(create_schema, body()).model_dump()
        return structure.create_axis(actor(), board_id, axis, **data).to_json(), 201

    @doc(f"Rename, re-estimate or reorder a {axis} (`after_id`)", body=update_schema)
    def update(board_id: int, entity_id: int) -> ResponseReturnValue:
        data = parse(update_schema, body())
        fields = changed_fields(data)
        return structure.update_axis(
            actor(), board_id, axis, entity_id, fields, data.version
        ).to_json()

    @doc(
        f"Delete a {axis}; `move_cards_to` says where its cards go",
        status=204,
        query={"move_cards_to": {"type": "integer"}},
    )
    def delete(board_id: int, entity_id: int) -> ResponseReturnValue:
        raw = {
            **body(),
            **(
                {"move_cards_to": request.args["move_cards_to"]}
                if "move_cards_to" in request.args
                else {}
            ),
        }
        data = parse(AxisDelete, raw)
        structure.delete_axis(actor(), board_id, axis, entity_id, data.move_cards_to)
        return "", 204

    bp.add_url_rule(f"/boards/<int:board_id>/{plural}", f"create_{axis}", create, methods=["POST"])
    bp.add_url_rule(
        f"/boards/<int:board_id>/{plural}/<int:entity_id>",
        f"update_{axis}",
        update,
        methods=["PATCH"],
    )
    bp.add_url_rule(
        f"/boards/<int:board_id>/{plural}/<int:entity_id>",
        f"delete_{axis}",
        delete,
        methods=["DELETE"],
    )


_axis_routes("phase", PhaseCreate, PhaseUpdate)
_axis_routes("lane", LaneCreate, LaneUpdate)


@bp.get("/boards/<int:board_id>/events")
@doc(
    "Events after a seq (410 when the log no longer reaches back)",
    query={"after": {"type": "integer", "minimum": 0}},
)
def list_events(board_id: int) -> ResponseReturnValue:
    """Return the events after `after`, in order."""
    board = board_for(actor(), board_id, READ)
    after = request.args.get("after", "0")
    if not after.isdigit():
        raise ValidationFailed(_("`after` moet een getal zijn."), fields={"after": _("Getal.")})
    return {"seq": board.seq, "events": [e.to_json() for e in events.since(board, int(after))]}


register(
    Resource(
        "organisation",
        "organisations",
        "boards",
        OrganisationCreate,
        OrganisationUpdate,
        structure.create_organisation,
        lambda who, board_id, entity_id, version, fields: structure.update_organisation(
            who, board_id, entity_id, fields, version
        ),
        structure.delete_organisation,
        ("Add an organisation", "Edit an organisation", "Delete an organisation without cards"),
    )
)
