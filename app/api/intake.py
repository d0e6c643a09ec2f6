"""API: import an inventory (XLSX or CSV) onto a board, as a dry run or for real."""

from flask.typing import ResponseReturnValue

from app.api.base import actor, bp
from app.api.spec import doc
from app.intake import services
from app.intake.schemas import InventoryUpload
from app.intake.upload import api_choices, uploaded_sheet


@bp.post("/boards/<int:board_id>/inventory-import")
@doc(
    "Import an inventory (multipart: `file` XLSX or CSV, `mapping` and `values` as JSON, "
    "`dry_run`): 200 check, 201 created, 422 with `errors` and nothing written, 413 too large",
    body=InventoryUpload,
    status=201,
    also=(200,),
    tag="exports",
    media="multipart/form-data",
)
def import_inventory(board_id: int) -> ResponseReturnValue:
    """Check or import an inventory."""
    caller = actor()
    sheet = uploaded_sheet()
    choices = api_choices()
    options = {"mapping": choices.mapping, "values": choices.values}
    if choices.dry_run:
        return services.preview(caller, board_id, sheet, **options).to_json(), 200
    plan = services.import_inventory(caller, board_id, sheet, **options)
    return {"rows": plan.rows, "created": plan.would_create()}, 201
