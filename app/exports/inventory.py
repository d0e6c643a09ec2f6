"""The inventory: one row per card, as CSV and XLSX for spreadsheets."""

import csv
import io

from openpyxl import Workbook

from app.boards.queries import BoardState

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
# A cell starting with one of these is run as a formula by spreadsheets (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def rows(state: BoardState) -> list[tuple]:
    """Return one row per live card in canvas order: phase, lane, position."""
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
                        _safe(value)
                        for value in (
                            organisation.name,
                            organisation.kind,
                            phases[card.phase_id].name,
                            lanes[card.lane_id].name if card.lane_id in lanes else "",
                            card.title,
                            card.description,
                            card.capacity_per_year,
                            card.capacity_unit,
                            card.status,
                        )
                    )
                )
    return result


def to_csv(state: BoardState) -> bytes:
    """Return the inventory as CSV with a header, UTF-8 with a BOM so Excel reads it right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(rows(state))
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(state: BoardState) -> bytes:
    """Return the inventory as an XLSX workbook with one sheet."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Inventaris")
    sheet.append(COLUMNS)
    for row in rows(state):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
