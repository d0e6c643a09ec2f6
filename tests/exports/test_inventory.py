"""The inventory as CSV and XLSX: columns, one row per card, no formula injection."""

import csv
import io

from openpyxl import load_workbook

from app.extensions import db

# The header row people's spreadsheets and macros rely on, as it stands in the file.
COLUMNS = "organisation,kind,phase,lane,title,description,capacity_per_year,capacity_unit,status"


def test_csv_has_header_and_one_row_per_card_in_canvas_order(sample_board, api):
    board = sample_board["board"]
    response = api(sample_board["people"]["viewer"]).get(f"/boards/{board.id}/export.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert response.data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0] == COLUMNS.split(",")
    assert rows[1] == [
        "Energieloket",
        "energieloket",
        "Oriëntatie",
        "Kleine klussen",
        "Keukentafelgesprek",
        "Aan huis",
        "300",
        "huishoudens/jaar",
        "existing",
    ]
    assert [r[4] for r in rows[1:]] == [
        "Keukentafelgesprek",
        "Energiecoach aan huis",
        '\'=HYPERLINK("http://x")',
    ]
    assert rows[2][0] == "Energiecoöperatie Zon" and rows[2][8] == "pilot"


DUTCH = (
    "Organisatie,Soort organisatie,Fase,Baan,Titel,Beschrijving,Capaciteit per jaar,Eenheid,Status"
)
ENGLISH = (
    "Organisation,Kind of organisation,Phase,Lane,Title,Description,Capacity per year,Unit,Status"
)


def _sheet(response):
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.data)).worksheets[0]


def test_xlsx_has_the_same_rows_and_no_formulas(sample_board, api):
    board = sample_board["board"]
    response = api(sample_board["people"]["partner"]).get(f"/boards/{board.id}/export.xlsx")
    sheet = _sheet(response)
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == DUTCH.split(",")  # contract §6.1: the first row holds the headers
    assert len(rows) == 4
    assert rows[1][4] == "Keukentafelgesprek" and rows[1][6] == 300
    assert rows[2][1] == "Energiecoöperatie / bewonersinitiatief" and rows[2][8] == "Pilot"
    injected = sheet.cell(row=4, column=5)
    assert injected.data_type == "s" and injected.value.startswith("'=")
    # Made for people: the header stays in view, every column filters, widths fit the text.
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:I4"
    assert sheet.column_dimensions["F"].width > sheet.column_dimensions["I"].width >= 10


def test_xlsx_speaks_the_readers_language(sample_board, api, app):
    board, people = sample_board["board"], sample_board["people"]
    path = f"/boards/{board.id}/export.xlsx"
    asked = api(people["viewer"]).get(path, headers={"Accept-Language": "en-GB,en;q=0.9"})
    sheet = _sheet(asked)
    assert [c.value for c in sheet[1]] == ENGLISH.split(",")
    assert sheet.title == "Inventory" and sheet.cell(row=3, column=9).value == "Pilot"
    assert sheet.cell(row=2, column=2).value == "Energy desk"
    # The saved language wins over the browser's.
    people["partner"].locale = "en"
    db.session.commit()
    saved = api(people["partner"]).get(path, headers={"Accept-Language": "nl"})
    assert [c.value for c in _sheet(saved)[1]] == ENGLISH.split(",")
    people["viewer"].locale = "nl"
    db.session.commit()
    dutch = api(people["viewer"]).get(path, headers={"Accept-Language": "en"})
    assert [c.value for c in _sheet(dutch)[1]] == DUTCH.split(",")


def test_exports_need_access(sample_board, api):
    board = sample_board["board"]
    for path in ("export.csv", "export.xlsx", "export"):
        assert (
            api(sample_board["people"]["outsider"]).get(f"/boards/{board.id}/{path}").status_code
            == 403
        )
        assert api(None).get(f"/boards/{board.id}/{path}").status_code == 401
