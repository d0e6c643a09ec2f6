"""Inventories made by the tests themselves: XLSX with openpyxl, CSV with the csv module."""

import csv
import io

from openpyxl import Workbook

HEADER = ["Organisatie", "Soort", "Fase", "Baan", "Aanbod", "Omschrijving", "Capaciteit per jaar"]
CLEAN = [
    HEADER,
    [
        "Energieloket",
        "energieloket",
        "Oriëntatie",
        "Kleine klussen",
        "Spreekuur",
        "Elke dinsdag",
        300,
    ],
    ["Energiecoöperatie Zon", "", "Advies & plan", "Kleine klussen", "Energiecoach", "", 150],
    ["energieloket", "", "Advies & plan", "Moeilijke maatregelen", "Maatwerkadvies", "", ""],
    ["Bouwbedrijf Jansen", "Marktpartij", "Uitvoering", "Huurders", "Isolatie", "<b>vet</b>", "40"],
]


def xlsx(rows: list[list]) -> bytes:
    """Return a one-sheet workbook holding the rows."""
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_file(rows: list[list], delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    """Return the rows as CSV text in an encoding."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode(encoding)


def upload(data: bytes, name: str = "inventaris.xlsx", **fields) -> dict:
    """Return the multipart form of an import: the file and the other fields given."""
    return {"file": (io.BytesIO(data), name), **fields}
