"""API: the monitor's figures per quarter, target groups and reach."""

from flask import request
from flask.typing import ResponseReturnValue

from app.api.base import actor, body, bp
from app.api.resources import Resource, register
from app.api.spec import doc
from app.intake.upload import api_choices, uploaded_sheet
from app.monitor import schemas, services
from app.monitor.figures import load_monitor, parse_period
from app.permissions import READ, board_for
from app.validation import parse


@bp.put("/boards/<int:board_id>/figures")
@doc(
    "Enter a quarter's figures of a phase (coordinator) or a card (its organisation's partner); "
    "sent fields change, null clears; 200 the figure, 204 when none is left",
    body=schemas.FigurePut,
    also=(204,),
    tag="monitor",
)
def put_figure(board_id: int) -> ResponseReturnValue:
    """Upsert a figure."""
    data = parse(schemas.FigurePut, body())
    values = data.model_dump(include=data.model_fields_set & set(schemas.FIGURE_FIELDS))
    figure = services.put_figure(
        actor(), board_id, data.period, data.phase_id, data.card_id, **values
    )
    return (figure.to_json(), 200) if figure else ("", 204)


@bp.get("/boards/<int:board_id>/monitor")
@doc(
    "Figures per phase and quarter (conversion = moved_on ÷ reached) and target groups' reach",
    tag="monitor",
    query={"from": "first quarter, YYYY-Qn", "to": "last quarter, YYYY-Qn"},
)
def get_monitor(board_id: int) -> ResponseReturnValue:
    """Return the board's monitor over a range of quarters."""
    first = parse_period(request.args.get("from"), "from")
    last = parse_period(request.args.get("to"), "to")
    board = board_for(actor(), board_id, READ)
    return load_monitor(board.id, first, last).to_json()


@bp.post("/boards/<int:board_id>/figures-import")
@doc(
    "Import figures (multipart: `file` XLSX or CSV with Kwartaal, Fase, Kaart?, Bereikt, "
    "Doorgestroomd, Wachttijd (weken); `dry_run`): 200 check, 201 written, 422 with `errors` "
    "and nothing written, 413 too large",
    body=schemas.FiguresUpload,
    status=201,
    also=(200,),
    tag="monitor",
    media="multipart/form-data",
)
def import_figures(board_id: int) -> ResponseReturnValue:
    """Check or import a sheet of figures."""
    caller = actor()
    sheet = uploaded_sheet()
    if api_choices().dry_run:
        return services.preview_figures(caller, board_id, sheet).to_json(), 200
    plan = services.import_figures(caller, board_id, sheet)
    return {"rows": plan.rows, "written": {"figures": len(plan.figures)}}, 201


@bp.post("/boards/<int:board_id>/target-groups-import")
@doc(
    "Import target groups (multipart: `file` XLSX or CSV with Doelgroep, Omvang, Baan?; "
    "`dry_run`): a known name gets the row's size (and lane), a new one is added; 200 check, "
    "201 written, 422 with `errors` and nothing written, 413 too large",
    body=schemas.TargetGroupsUpload,
    status=201,
    also=(200,),
    tag="monitor",
    media="multipart/form-data",
)
def import_target_groups(board_id: int) -> ResponseReturnValue:
    """Check or import a sheet of target groups."""
    caller = actor()
    sheet = uploaded_sheet()
    if api_choices().dry_run:
        return services.preview_target_groups(caller, board_id, sheet).to_json(), 200
    plan = services.import_target_groups(caller, board_id, sheet)
    written = {"created": plan.created, "updated": plan.updated}
    return {"rows": plan.rows, "written": {"target_groups": written}}, 201


register(
    Resource(
        "target_group",
        "target-groups",
        "monitor",
        schemas.TargetGroupCreate,
        schemas.TargetGroupUpdate,
        services.create_target_group,
        services.update_target_group,
        services.delete_target_group,
        (
            "Add a target group (doelgroep) with its size; `lane_id` ties its reach to a lane",
            "Edit a target group (`version` optional: 409 when stale)",
            "Delete a target group",
        ),
    )
)
