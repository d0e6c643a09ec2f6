"""The inventory as CSV and XLSX: columns, one row per card, no formula injection."""

import csv
import io

from openpyxl import load_workbook

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


def test_xlsx_has_the_same_rows_and_no_formulas(sample_board, api):
    board = sample_board["board"]
    response = api(sample_board["people"]["partner"]).get(f"/boards/{board.id}/export.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == COLUMNS.split(",")
    assert len(rows) == 4
    assert rows[1][4] == "Keukentafelgesprek" and rows[1][6] == 300
    injected = sheet.cell(row=4, column=5)
    assert injected.data_type == "s" and injected.value.startswith("'=")


def test_exports_need_access(sample_board, api):
    board = sample_board["board"]
    for path in ("export.csv", "export.xlsx", "export"):
        assert (
            api(sample_board["people"]["outsider"]).get(f"/boards/{board.id}/{path}").status_code
            == 403
        )
        assert api(None).get(f"/boards/{board.id}/{path}").status_code == 401
