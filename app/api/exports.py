"""API: the inventory as CSV/XLSX, the whole board as JSON, and import of such a document."""

from flask import request
from flask.typing import ResponseReturnValue

from app.api.base import actor, bp
from app.api.spec import doc
from app.boards.queries import load_state
from app.exports import inventory, portable, services
from app.permissions import READ, board_for
from app.views import download

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _state(board_id: int):
    return load_state(board_for(actor(), board_id, READ))


@bp.get("/boards/<int:board_id>/export.csv")
@doc("Inventory as CSV: one row per card (UTF-8 with BOM)", tag="exports")
def export_csv(board_id: int) -> ResponseReturnValue:
    """Download the inventory as CSV."""
    return download(
        inventory.to_csv(_state(board_id)),
        "text/csv; charset=utf-8",
        f"brugwerk-{board_id}-inventaris.csv",
    )


@bp.get("/boards/<int:board_id>/export.xlsx")
@doc("Inventory as XLSX: one row per card", tag="exports")
def export_xlsx(board_id: int) -> ResponseReturnValue:
    """Download the inventory as XLSX."""
    return download(
        inventory.to_xlsx(_state(board_id)), XLSX, f"brugwerk-{board_id}-inventaris.xlsx"
    )


@bp.get("/boards/<int:board_id>/export")
@doc("The whole board as portable JSON (local references instead of ids)", tag="exports")
def export_json(board_id: int) -> ResponseReturnValue:
    """Return the board as a portable document."""
    return portable.export_board(_state(board_id))


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
