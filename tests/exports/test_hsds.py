"""The HSDS package: files at the zip root, one service per card, valid against HSDS 2.0.1."""

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from frictionless import Package

from app.extensions import db
from app.models import AuditEntry

HSDS = Path(__file__).parent / "hsds" / "datapackage.json"


def _download(sample_board, api, who="viewer"):
    board = sample_board["board"]
    response = api(sample_board["people"][who]).get(f"/boards/{board.id}/export/hsds.zip")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.data))


def _rows(archive, name):
    return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8"))))


def test_the_package_has_its_files_at_the_root_and_one_service_per_card(sample_board, api):
    archive = _download(sample_board, api)
    names = set(archive.namelist())
    assert {"datapackage.json", "organizations.csv", "services.csv"} <= names
    assert {"taxonomy_terms.csv", "service_attributes.csv"} <= names
    services = _rows(archive, "services.csv")
    assert sorted(s["name"] for s in services) == sorted(
        ["Keukentafelgesprek", "Energiecoach aan huis", '\'=HYPERLINK("http://x")']
    )
    organisations = {o["id"]: o["name"] for o in _rows(archive, "organizations.csv")}
    by_name = {s["name"]: s for s in services}
    assert organisations[by_name["Keukentafelgesprek"]["organization_id"]] == "Energieloket"
    # Each service is linked to its phase and lane as taxonomy terms.
    terms = {t["id"]: t for t in _rows(archive, "taxonomy_terms.csv")}
    linked = [
        terms[a["taxonomy_term_id"]]["term"]
        for a in _rows(archive, "service_attributes.csv")
        if a["service_id"] == by_name["Keukentafelgesprek"]["id"]
    ]
    assert sorted(linked) == ["Kleine klussen", "Oriëntatie"]
    parents = {t["term"] for t in terms.values() if not t["parent_id"]}
    assert parents == {"Fase", "Baan"}


def test_ids_stay_the_same_in_a_second_export(sample_board, api):
    first = _rows(_download(sample_board, api), "services.csv")
    second = _rows(_download(sample_board, api, "partner"), "services.csv")
    assert [s["id"] for s in first] == [s["id"] for s in second]


def _validate(descriptor: dict, folder: Path):
    report = Package(descriptor, basepath=str(folder)).validate()
    errors = [
        (task.name, error.type, error.message) for task in report.tasks for error in task.errors
    ]
    return report.valid, errors


def test_the_package_validates_against_its_own_descriptor_and_the_hsds_schema(
    sample_board, api, tmp_path
):
    archive = _download(sample_board, api)
    archive.extractall(tmp_path)
    # As shipped: its own datapackage.json.
    own = json.loads((tmp_path / "datapackage.json").read_text())
    assert own["profile"] == "tabular-data-package"
    valid, errors = _validate(own, tmp_path)
    assert valid, errors
    # Against the specification (vendored): the tables the package has, with their keys.
    spec = json.loads(HSDS.read_text())
    present = {r["name"] for r in spec["resources"] if (tmp_path / r["path"]).exists()}
    assert present == {"organization", "service", "taxonomy_term", "service_attribute"}
    spec["resources"] = [r for r in spec["resources"] if r["name"] in present]
    for resource in spec["resources"]:
        keys = resource["schema"].get("foreignKeys", [])
        resource["schema"]["foreignKeys"] = [
            k for k in keys if k["reference"]["resource"] in present
        ]
    valid, errors = _validate(spec, tmp_path)
    assert valid, errors


def test_the_vendored_schema_rejects_a_broken_package(sample_board, api, tmp_path):
    # The check can fail: a service without a name and with an unknown status is refused.
    archive = _download(sample_board, api)
    archive.extractall(tmp_path)
    services = (tmp_path / "services.csv").read_text().splitlines()
    cells = next(csv.reader([services[1]]))
    cells[3], cells[8] = "", "open"
    buffer = io.StringIO()
    csv.writer(buffer).writerow(cells)
    services[1] = buffer.getvalue().strip()
    (tmp_path / "services.csv").write_text("\n".join(services) + "\n")
    spec = json.loads(HSDS.read_text())
    spec["resources"] = [r for r in spec["resources"] if r["name"] in ("organization", "service")]
    spec["resources"][1]["schema"]["foreignKeys"] = spec["resources"][1]["schema"]["foreignKeys"][
        :1
    ]
    valid, errors = _validate(spec, tmp_path)
    assert not valid
    assert {error[1] for error in errors} >= {"constraint-error"}


def test_the_download_is_audited(sample_board, api):
    _download(sample_board, api)
    with db.engine.connect() as connection:  # what the request committed
        subjects = (
            connection.execute(
                db.select(AuditEntry.subject).where(AuditEntry.action == "export.downloaded")
            )
            .scalars()
            .all()
        )
    assert any(s.endswith(".zip") and "hsds" in s for s in subjects)


@pytest.mark.parametrize("who", ["outsider"])
def test_someone_off_the_board_gets_nothing(sample_board, api, who):
    board = sample_board["board"]
    response = api(sample_board["people"][who]).get(f"/boards/{board.id}/export/hsds.zip")
    assert response.status_code in (403, 404)
