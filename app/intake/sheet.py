"""Read an uploaded inventory (XLSX or CSV) into its header and rows of text, within limits.

Workbooks are opened read-only with the values spreadsheets cached for their formulas: a formula
is never run here. A cell that starts like a formula stays text; the apostrophe the exports put
before such a cell (app/exports/inventory.safe_cell) comes off again, so an export reads back.
"""

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext as _
from openpyxl import load_workbook

from app.errors import ServiceError, ValidationFailed

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
# More columns than any inventory has; a wider sheet is read up to here.
MAX_COLUMNS = 60
FORMULA_STARTS = ("=", "+", "-", "@")
# An encrypted workbook (and an old .xls) is an OLE compound file, not a ZIP.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
SEPARATORS = (";", ",", "\t")


class TooLarge(ServiceError):
    status = 413
    code = "too_large"


@dataclass
class Sheet:
    """An inventory as read: column headers and the data rows with their row numbers."""

    headers: list[str]
    rows: list[tuple[int, list[str]]]


def read(data: bytes, filename: str = "") -> Sheet:
    """Read an uploaded file as XLSX or CSV (by its content), or raise a clear error."""
    if len(data) > MAX_BYTES:
        raise TooLarge(_("Het bestand is groter dan 5 MB; splits het op."))
    if not data.strip():
        raise ValidationFailed(
            _("Het bestand is leeg."), fields={"file": _("Het bestand is leeg.")}
        )
    if data.startswith(OLE_MAGIC):
        raise _unreadable(
            _(
                "Dit bestand is beveiligd met een wachtwoord of in het oude Excel-formaat (.xls). "
                "Sla het op als .xlsx of .csv zonder wachtwoord."
            )
        )
    if data.startswith(ZIP_MAGIC):
        return _sheet(_xlsx_rows(data))
    if filename.lower().endswith((".xlsx", ".xlsm")):
        raise _unreadable(_("Dit Excel-bestand is beschadigd of onleesbaar."))
    if b"\x00" in data[:4096]:
        raise _unreadable(_("Kies een Excel-bestand (.xlsx) of een CSV-bestand."))
    return _sheet(_csv_rows(data))


def _unreadable(message: str) -> ValidationFailed:
    return ValidationFailed(message, fields={"file": message})


def cell_text(value: object) -> str:
    """Return a cell's value as text: whole numbers without '.0', dates as ISO, the exports'
    neutralising apostrophe removed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        value = value.isoformat()
    text = str(value).strip()
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def _xlsx_rows(data: bytes):
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 (openpyxl raises many kinds for a broken file)
        raise _unreadable(_("Dit Excel-bestand is beschadigd of onleesbaar.")) from None
    try:
        if not workbook.worksheets:
            raise _unreadable(_("Het werkblad is leeg."))
        sheet = workbook.worksheets[0]
        for number, row in enumerate(
            sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1
        ):
            yield number, [cell_text(value) for value in row]
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise _unreadable(_("Dit Excel-bestand is beschadigd of onleesbaar.")) from None
    finally:
        workbook.close()


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Dutch Excel saves CSV in Windows-1252; its few undefined bytes become "?".
        return data.decode("cp1252", errors="replace")


def _csv_rows(data: bytes):
    text = _decode(data)
    header = next((line for line in text.splitlines() if line.strip()), "")
    separator = max(SEPARATORS, key=header.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        for number, row in enumerate(reader, start=1):
            yield number, [cell_text(value) for value in row[:MAX_COLUMNS]]
    except csv.Error:
        raise _unreadable(_("Dit CSV-bestand is onleesbaar.")) from None


def _sheet(numbered_rows) -> Sheet:
    """Take the first non-empty row as the header and the non-empty rows below it as data."""
    headers: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    for number, cells in numbered_rows:
        if not any(cells):
            continue
        if headers is None:
            headers = _headers(cells)
            continue
        if len(rows) == MAX_ROWS:
            raise TooLarge(_("Het bestand heeft meer dan %(n)s rijen; splits het op.", n=MAX_ROWS))
        rows.append((number, (cells + [""] * len(headers))[: len(headers)]))
    if headers is None:
        raise _unreadable(_("Het werkblad is leeg."))
    if not rows:
        raise _unreadable(_("Onder de kopregel staan geen rijen."))
    return Sheet(headers=headers, rows=rows)


def _headers(cells: list[str]) -> list[str]:
    """Return the header row with the empty end cut off, blanks named and repeats numbered."""
    while cells and not cells[-1]:
        cells = cells[:-1]
    headers: list[str] = []
    for index, cell in enumerate(cells):
        name = cell[:100] or _("Kolom %(n)s", n=index + 1)
        unique, count = name, 1
        while unique in headers:
            count += 1
            unique = f"{name} ({count})"
        headers.append(unique)
    return headers
