"""Import target groups from CSV/XLSX: dry run, known names resized, new ones added, bad rows,
coordinators only, nothing written on failure; the page checks and imports."""

from sqlalchemy import func, select

from app.extensions import db
from app.models import Event, TargetGroup
from tests.intake.files import csv_file, upload, xlsx


def _import(client, board_id: int, data: bytes, name: str = "doelgroepen.xlsx", **fields):
    return client.post(
        f"/boards/{board_id}/target-groups-import",
        data=upload(data, name, **fields),
        content_type="multipart/form-data",
    )


def _groups() -> set[tuple]:
    """Every stored target group, read afresh (the requests committed in their own sessions)."""
    db.session.remove()
    rows = db.session.execute(select(TargetGroup.name, TargetGroup.size, TargetGroup.lane_id))
    return {tuple(row) for row in rows}


def _lane_names(m) -> list[str]:
    state = m["clients"]["coordinator"].get(f"/boards/{m['id']}").get_json()
    return [lane["name"] for lane in state["lanes"]]


def test_a_sheet_resizes_known_groups_and_adds_new_ones(monitor_board, snapshot):
    m = monitor_board
    coordinator = m["clients"]["coordinator"]
    lane_a, lane_b = _lane_names(m)[:2]
    known = coordinator.post(
        f"/boards/{m['id']}/target-groups",
        json={"name": "Eigenaar-bewoners label D–G", "size": 3000, "lane_id": m["lanes"][1]},
    ).get_json()
    rows = [
        ["Doelgroep", "Omvang (huishoudens)", "Baan"],
        # The known group by its name in other case: resized, tied to the first lane.
        ["EIGENAAR-BEWONERS LABEL D–G", "4.200", lane_a.lower()],
        ["Huurders corporatie", "3100", ""],
        ["VvE's", "1 250", lane_b],
    ]
    before = snapshot()
    dry = _import(coordinator, m["id"], xlsx(rows), dry_run="true")
    assert dry.status_code == 200, dry.get_json()
    body = dry.get_json()
    assert body["rows"] == 3 and body["valid"] == 3 and body["errors"] == []
    assert body["mapping"] == {"Doelgroep": "name", "Omvang (huishoudens)": "size", "Baan": "lane"}
    assert body["would_write"] == {"target_groups": {"created": 2, "updated": 1}}
    assert snapshot() == before

    events_before = db.session.scalar(select(func.count(Event.id)))
    real = _import(coordinator, m["id"], xlsx(rows))
    assert real.status_code == 201, real.get_json()
    written = {"target_groups": {"created": 2, "updated": 1}}
    assert real.get_json() == {"rows": 3, "written": written}
    assert _groups() == {
        ("Eigenaar-bewoners label D–G", 4200, m["lanes"][0]),  # the board's spelling stays
        ("Huurders corporatie", 3100, None),
        ("VvE's", 1250, m["lanes"][1]),
    }
    db.session.remove()
    kinds = db.session.scalars(select(Event.type).where(Event.id > events_before)).all()
    assert sorted(kinds) == [
        "target_group.created",
        "target_group.created",
        "target_group.updated",
    ]
    monitor = coordinator.get(f"/boards/{m['id']}/monitor").get_json()
    sizes = {group["id"]: group["size"] for group in monitor["target_groups"]}
    assert sizes[known["id"]] == 4200 and len(sizes) == 3


def test_without_a_lane_column_a_known_group_keeps_its_lane(monitor_board):
    m = monitor_board
    coordinator = m["clients"]["coordinator"]
    coordinator.post(
        f"/boards/{m['id']}/target-groups",
        json={"name": "Huurders", "size": 10, "lane_id": m["lanes"][1]},
    )
    data = csv_file([["Name", "Households"], ["huurders", "20"]], ";")
    assert _import(coordinator, m["id"], data, "groups.csv").status_code == 201
    assert _groups() == {("Huurders", 20, m["lanes"][1])}


def test_bad_rows_are_reported_and_nothing_is_written(monitor_board, snapshot):
    m = monitor_board
    coordinator = m["clients"]["coordinator"]
    rows = [
        ["Doelgroep", "Omvang", "Baan"],
        ["Eigenaar-bewoners", "4200", ""],  # row 2: fine
        ["", "100", ""],  # row 3: no name
        ["Huurders", "0", ""],  # row 4: a group of no one
        ["VvE's", "veel", ""],  # row 5: not a number
        ["Starters", "50", "Nergens"],  # row 6: no such lane
        ["eigenaar-bewoners", "10", ""],  # row 7: the same group as row 2
    ]
    before = snapshot()
    for dry_run in ("true", "false"):
        response = _import(coordinator, m["id"], xlsx(rows), dry_run=dry_run)
        body = response.get_json()
        assert response.status_code == (200 if dry_run == "true" else 422), body
        assert body["rows"] == 6 and body["valid"] == 1
        assert [(e["row"], e["column"]) for e in body["errors"]] == [
            (3, "Doelgroep"),
            (4, "Omvang"),
            (5, "Omvang"),
            (6, "Baan"),
            (7, "Doelgroep"),
        ]
        messages = {e["row"]: e["message"] for e in body["errors"]}
        assert "'Nergens' bestaat niet" in messages[6]
        assert "rij 2" in messages[7]
    assert body["error"]["code"] == "validation_failed"
    missing = _import(coordinator, m["id"], csv_file([["Doelgroep"], ["A"]]), "d.csv")
    assert missing.status_code == 422
    assert [(e["row"], e["column"]) for e in missing.get_json()["errors"]] == [
        (1, "Omvang (huishoudens)")
    ]
    assert snapshot() == before


def test_only_the_coordinator_imports_target_groups(monitor_board, snapshot):
    m = monitor_board
    data = csv_file([["Doelgroep", "Omvang"], ["Huurders", "10"]])
    before = snapshot()
    for role in ("partner", "viewer"):
        assert _import(m["clients"][role], m["id"], data, "d.csv").status_code == 403
    assert snapshot() == before


def test_the_import_page_checks_and_imports_a_file(monitor_board, web, snapshot):
    m = monitor_board
    client = web(m["people"]["coordinator"])
    page = client.get(f"/boards/{m['id']}/monitor").get_data(as_text=True)
    assert f"/boards/{m['id']}/target-groups-import" in page
    shown = client.get(f"/boards/{m['id']}/target-groups-import")
    assert shown.status_code == 200 and "Doelgroepen importeren" in shown.get_data(as_text=True)
    rows = [["Doelgroep", "Omvang"], ["Huurders <b>corporatie</b>", "3.100"]]
    before = snapshot()
    checked = client.post(
        f"/boards/{m['id']}/target-groups-import/check",
        data=upload(csv_file(rows), "d.csv"),
        content_type="multipart/form-data",
        headers={"HX-Request": "true"},
    )
    text = checked.get_data(as_text=True)
    assert checked.status_code == 200 and "1 doelgroep wordt toegevoegd" in text
    assert snapshot() == before
    done = client.post(
        f"/boards/{m['id']}/target-groups-import",
        data=upload(csv_file(rows), "d.csv"),
        content_type="multipart/form-data",
        headers={"HX-Request": "true"},
    )
    assert "1 doelgroep toegevoegd" in done.get_data(as_text=True)
    assert _groups() == {("Huurders <b>corporatie</b>", 3100, None)}
    monitor = client.get(f"/boards/{m['id']}/monitor").get_data(as_text=True)
    assert "Huurders &lt;b&gt;corporatie&lt;/b&gt;" in monitor
    partner = web(m["people"]["partner"])
    assert partner.get(f"/boards/{m['id']}/target-groups-import").status_code == 403
