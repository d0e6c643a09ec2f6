"""API: the inventory as CSV/XLSX, the whole board as JSON, and import of such a document."""

from flask import jsonify, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from app.api.base import actor, bp
from app.api.spec import doc
from app.boards.queries import load_state
from app.exports import hsds, inventory, portable, services
from app.permissions import READ, board_for
from app.views import download, file_name

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _state(board_id: int):
    return load_state(board_for(actor(), board_id, READ))


@bp.get("/boards/<int:board_id>/export.csv")
@doc("Inventory as CSV: one row per card (UTF-8 with BOM)", tag="exports")
def export_csv(board_id: int) -> ResponseReturnValue:
    """Download the inventory as CSV."""
    state = _state(board_id)
    return download(
        inventory.to_csv(state),
        "text/csv; charset=utf-8",
        file_name(state.board, _("inventaris"), "csv"),
    )


@bp.get("/boards/<int:board_id>/export.xlsx")
@doc("Inventory as XLSX: one row per card", tag="exports")
def export_xlsx(board_id: int) -> ResponseReturnValue:
    """Download the inventory as XLSX."""
    state = _state(board_id)
    return download(inventory.to_xlsx(state), XLSX, file_name(state.board, _("inventaris"), "xlsx"))


@bp.get("/boards/<int:board_id>/export/hsds.zip")
@doc(
    "The organisations and offers as an Open Referral HSDS 2.0.1 tabular data package (zip)",
    tag="exports",
)
def export_hsds(board_id: int) -> ResponseReturnValue:
    """Download the board's offer for a sociale kaart or an energy desk's site."""
    state = _state(board_id)
    return download(hsds.to_zip(state), "application/zip", file_name(state.board, "hsds", "zip"))


@bp.get("/boards/<int:board_id>/export")
@doc("The whole board as portable JSON (local references instead of ids)", tag="exports")
def export_json(board_id: int) -> ResponseReturnValue:
    """Return the board as a portable document (a browser saves it under the board's name)."""
    state = _state(board_id)
    response = jsonify(portable.export_board(state))
    name = file_name(state.board, _("export"), "json")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.post("/boards/import")
@doc(
    "Create a new board from an exported document; the importer coordinates it",
    body=portable.BoardDocument,
    status=201,
    tag="exports",
)
def import_json() -> ResponseReturnValue:
    """Import a board document as a new board."""
    caller = actor()
    document = portable.read_document(request.get_data())
    board = services.import_board(caller, document)
    return load_state(board).to_json(), 201
