"""Cells for spreadsheets: the one place that keeps a download free of formula injection.

Every CSV and XLSX the app hands out (inventory, audit log, HSDS package) writes its cells through
`safe_cell`, so a card titled `=HYPERLINK(...)` is shown as text and never run by a spreadsheet.
"""

import csv
import io

# A cell starting with one of these is run as a formula by spreadsheets (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """Neutralise a cell that a spreadsheet would run as a formula (a leading apostrophe)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(header, rows_) -> str:
    """Return rows under a header as CSV text, every cell made safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(cell) for cell in header])
    writer.writerows([safe_cell(cell) for cell in row] for row in rows_)
    return buffer.getvalue()


def csv_bytes(header, rows_) -> bytes:
    """Return rows under a header as CSV, UTF-8 with a BOM so Excel reads it."""
    return csv_text(header, rows_).encode("utf-8-sig")
