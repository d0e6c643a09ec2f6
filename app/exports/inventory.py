"""The inventory: one row per card, as CSV and XLSX for spreadsheets.

The CSV keeps fixed machine headers and values (scripts and macros read it); the XLSX is for
people and speaks the reader's language: translated headers, kinds and statuses, sized columns,
a frozen header row and a filter.
"""

import io

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from app.boards.queries import BoardState
from app.exports.cells import csv_bytes, safe_cell
from app.vocab import CARD_STATUSES, ORGANISATION_KINDS

COLUMNS = (
    "organisation",
    "kind",
    "phase",
    "lane",
    "title",
    "description",
    "capacity_per_year",
    "capacity_unit",
    "status",
)
# The XLSX's header per column, and its width in characters.
HEADERS = {
    "organisation": (_l("Organisatie"), 32),
    "kind": (_l("Soort organisatie"), 24),
    "phase": (_l("Fase"), 22),
    "lane": (_l("Baan"), 26),
    "title": (_l("Titel"), 40),
    "description": (_l("Beschrijving"), 70),
    "capacity_per_year": (_l("Capaciteit per jaar"), 14),
    "capacity_unit": (_l("Eenheid"), 18),
    "status": (_l("Status"), 12),
}


def rows(state: BoardState, labelled: bool = False) -> list[tuple]:
    """Return one row per live card in canvas order: phase, lane, position; `labelled` puts the
    reader's words for kinds and statuses instead of their keys."""
    organisations = {o.id: o for o in state.organisations}
    phases = {p.id: p for p in state.phases}
    lanes = {lane.id: lane for lane in state.lanes}
    cells = state.cells()
    result = []
    for phase in state.phases:
        for lane in [*state.lanes, None]:
            for card in cells.get((phase.id, lane.id if lane else None), []):
                organisation = organisations[card.organisation_id]
                result.append(
                    tuple(
                        safe_cell(value)
                        for value in (
                            organisation.name,
                            str(ORGANISATION_KINDS.get(organisation.kind, organisation.kind))
                            if labelled
                            else organisation.kind,
                            phases[card.phase_id].name,
                            lanes[card.lane_id].name if card.lane_id in lanes else "",
                            card.title,
                            card.description,
                            card.capacity_per_year,
                            card.capacity_unit,
                            str(CARD_STATUSES.get(card.status, card.status))
                            if labelled
                            else card.status,
                        )
                    )
                )
    return result


def to_csv(state: BoardState) -> bytes:
    """Return the inventory as CSV with a header, UTF-8 with a BOM so Excel reads it right."""
    return csv_bytes(COLUMNS, rows(state))


def to_xlsx(state: BoardState) -> bytes:
    """Return the inventory as an XLSX workbook with one sheet, in the reader's language."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Inventaris")
    sheet.append([str(HEADERS[key][0]) for key in COLUMNS])
    for row in rows(state, labelled=True):
        sheet.append(row)
    for index, key in enumerate(COLUMNS):
        column = sheet.cell(row=1, column=index + 1).column_letter
        sheet.column_dimensions[column].width = HEADERS[key][1]
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    description = COLUMNS.index("description") + 1
    for (cell,) in sheet.iter_rows(min_row=2, min_col=description, max_col=description):
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
