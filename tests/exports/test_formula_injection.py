"""No formula injection: every CSV and XLSX download writes a cell that a spreadsheet would run
(starting with = + - @, a tab or a carriage return) with a leading apostrophe."""

import csv
import io
import zipfile

import pytest
from openpyxl import load_workbook

from app.cards.services import create_card
from app.exports.cells import safe_cell
from app.extensions import db
from app.permissions import Actor

TITLE = '=HYPERLINK("http://x","klik")'
DANGER = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize("start", DANGER)
def test_safe_cell_neutralises_each_formula_start(start):
    assert safe_cell(f"{start}1+1") == f"'{start}1+1"


def test_safe_cell_leaves_the_rest_alone():
    assert safe_cell("Keukentafelgesprek") == "Keukentafelgesprek"
    assert safe_cell(300) == 300 and safe_cell(None) is None
    assert safe_cell("'=al veilig") == "'=al veilig"


def _csv_cells(data: bytes) -> list[str]:
    text = data.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _xlsx_cells(data: bytes) -> list:
    workbook = load_workbook(io.BytesIO(data))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)  # no formula anywhere
    return [cell.value for cell in cells]


def _zip_cells(data: bytes) -> list[str]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return [
        cell
        for name in archive.namelist()
        if name.endswith(".csv")
        for cell in _csv_cells(archive.read(name))
    ]


# Every spreadsheet download of the app: a new one must be added here (the test below checks).
DOWNLOADS = {
    "api.export_csv": ("/boards/{b}/export.csv", _csv_cells),
    "api.export_xlsx": ("/boards/{b}/export.xlsx", _xlsx_cells),
    "api.export_hsds": ("/boards/{b}/export/hsds.zip", _zip_cells),
    "api.board_audit_csv": ("/boards/{b}/audit.csv", _csv_cells),
    "api.audit_csv": ("/audit.csv", _csv_cells),
}


def test_every_spreadsheet_download_is_listed_here(app):
    found = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule.rule.endswith((".csv", ".xlsx", ".zip"))
    }
    assert found == set(DOWNLOADS)


def test_a_formula_title_comes_out_neutralised_everywhere(sample_board, api, in_request):
    board, people = sample_board["board"], sample_board["people"]
    coordinator = people["coordinator"]
    coordinator.is_admin = True  # to fetch the installation's audit log too
    db.session.commit()
    actor = Actor(user=coordinator)
    with in_request():
        create_card(
            actor,
            board.id,
            board.phases[0].id,
            sample_board["organisation"].id,
            TITLE,
            lane_id=board.lanes[0].id,
            description="@SUM(A1:A9)",
        )
    client = api(coordinator)
    # The audit log holds no card content; a user agent is what a caller controls there.
    headers = {"User-Agent": "-2+3 " + TITLE}
    client.get(f"/boards/{board.id}/export.csv", headers=headers)
    for endpoint, (path, cells_of) in DOWNLOADS.items():
        response = client.get(path.format(b=board.id), headers=headers)
        assert response.status_code == 200, endpoint
        cells = [c for c in cells_of(response.data) if isinstance(c, str)]
        assert not [c for c in cells if c.startswith(DANGER)], endpoint
        if endpoint.endswith("audit_csv"):
            assert "'-2+3 " + TITLE in cells, endpoint
        else:
            assert "'" + TITLE in cells, endpoint
            assert "'@SUM(A1:A9)" in cells, endpoint
