"""API: the templates a new board can start from, and saving a board's structure as one."""

from flask.typing import ResponseReturnValue

from app.api.base import actor, body, bp
from app.api.spec import doc
from app.board_templates import services
from app.board_templates.catalogue import BUILT_IN
from app.board_templates.schemas import TemplateSave
from app.validation import parse


@bp.get("/templates")
@doc("The templates I may start a board from: built-in ones, then saved ones", tag="templates")
def list_templates() -> ResponseReturnValue:
    """List built-in templates and the saved ones the caller may use."""
    who = actor()
    return {
        "templates": [t.to_json() for t in BUILT_IN.values()]
        + [t.to_json() for t in services.usable_templates(who)]
    }


@bp.post("/boards/<int:board_id>/templates")
@doc(
    "Save the board's structure (phases, lanes) as a template of my organisation (coordinator)",
    body=TemplateSave,
    status=201,
    tag="templates",
)
def save_template(board_id: int) -> ResponseReturnValue:
    """Save a board's structure as a template."""
    data = parse(TemplateSave, body())
    return services.save_template(actor(), board_id, data.name).to_json(), 201
