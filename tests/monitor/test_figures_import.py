"""Import figures from CSV/XLSX: dry run, real run through the figure service, bad rows,
partners limited to their own organisation's cards, nothing written on failure."""

from sqlalchemy import func, select

from app.extensions import db
from app.models import Event, Figure
from tests.intake.files import csv_file, upload, xlsx

HEADER = ["Kwartaal", "Fase", "Aanbod", "Bereikt", "Doorgestroomd", "Wachttijd (weken)"]


def _import(client, board_id: int, data: bytes, name: str = "cijfers.xlsx", **fields):
    return client.post(
        f"/boards/{board_id}/figures-import",
        data=upload(data, name, **fields),
        content_type="multipart/form-data",
    )


def _phase_names(m) -> list[str]:
    state = m["clients"]["coordinator"].get(f"/boards/{m['id']}").get_json()
    names = {p["id"]: p["name"] for p in state["phases"]}
    return [names[p] for p in m["phases"]]


def _figures() -> set[tuple]:
    """Every stored figure, read afresh (the requests committed in their own sessions)."""
    db.session.remove()
    rows = db.session.execute(
        select(
            Figure.period,
            Figure.phase_id,
            Figure.card_id,
            Figure.reached,
            Figure.moved_on,
            Figure.waiting_weeks,
        )
    ).all()
    return {tuple(row) for row in rows}


def test_a_clean_file_is_checked_then_imported_as_the_monitor_shows_it(monitor_board, snapshot):
    m = monitor_board
    coordinator = m["clients"]["coordinator"]
    a, b, _c = m["phases"]
    name_a, name_b, _ = _phase_names(m)
    card = m["card"](0, 0, title="Energiecoach")
    rows = [
        HEADER,
        # The card by its title, in other case and without accents; a phase total of B.
        ["2026-q3", name_a.upper(), "ENERGIECOACH", 120, 60, 3],
        ["2026-Q3", name_b, "", "1.200", 300, ""],
    ]
    before = snapshot()
    dry = _import(coordinator, m["id"], xlsx(rows), dry_run="true")
    assert dry.status_code == 200, dry.get_json()
    body = dry.get_json()
    assert body["rows"] == 2 and body["valid"] == 2 and body["errors"] == []
    assert body["mapping"] == {
        "Kwartaal": "period",
        "Fase": "phase",
        "Aanbod": "card",
        "Bereikt": "reached",
        "Doorgestroomd": "moved_on",
        "Wachttijd (weken)": "waiting_weeks",
    }
    assert body["would_write"] == {"figures": 2}
    assert snapshot() == before

    events_before = db.session.scalar(select(func.count(Event.id)))
    real = _import(coordinator, m["id"], xlsx(rows))
    assert real.status_code == 201, real.get_json()
    assert real.get_json() == {"rows": 2, "written": {"figures": 2}}
    assert _figures() == {
        ("2026-Q3", a, card["id"], 120, 60, 3),
        ("2026-Q3", b, None, 1200, 300, None),
    }
    # One figure.updated event per figure, as entering them by hand records them (live).
    db.session.remove()
    kinds = db.session.scalars(select(Event.type).where(Event.id > events_before)).all()
    assert kinds.count("figure.updated") == 2
    monitor = coordinator.get(f"/boards/{m['id']}/monitor").get_json()
    by_phase = {p["phase_id"]: p["per_period"][0] for p in monitor["phases"]}
    assert by_phase[a]["reached"] == 120 and by_phase[a]["conversion"] == 0.5
    assert by_phase[b]["reached"] == 1200 and by_phase[b]["conversion"] == 0.25


def test_an_empty_cell_leaves_the_stored_figure_as_it_is(monitor_board):
    m = monitor_board
    coordinator = m["clients"]["coordinator"]
    a = m["phases"][0]
    m["put"](coordinator, period="2026-Q3", phase_id=a, reached=100, waiting_weeks=4)
    name_a = _phase_names(m)[0]
    data = csv_file([["Quarter", "Phase", "Moved on"], ["2026-Q3", name_a, "40"]], ";")
    response = _import(coordinator, m["id"], data, "figures.csv")
    assert response.status_code == 201, response.get_json()
    assert _figures() == {("2026-Q3", a, None, 100, 40, 4)}


def test_bad_rows_are_reported_with_their_row_and_column_and_nothing_is_written(
    monitor_board, snapshot
):
    m = monitor_board
    coordinator = m["clients"]["coordinator"]
    name_a, name_b, _ = _phase_names(m)
    m["card"](0, 0, title="Energiecoach")
    m["put"](coordinator, period="2026-Q3", phase_id=m["phases"][1], reached=10)
    rows = [
        HEADER,
        ["2026-Q3", name_a, "Energiecoach", 100, 50, 2],  # row 2: fine
        ["2026-Q5", name_a, "", 10, "", ""],  # row 3: no such quarter
        ["2026-Q3", "Nergens", "", 10, "", ""],  # row 4: unknown phase
        ["2026-Q3", name_a, "Onbekend aanbod", 10, "", ""],  # row 5: unknown card
        ["2026-Q3", name_a, "", -3, "", 200],  # row 6: negative, too long a wait
        ["2026-Q3", name_b, "", "", 20, ""],  # row 7: more moved on than the stored 10
        ["2026-Q3", name_a, "energiecoach", 1, "", ""],  # row 8: the same place as row 2
        ["2026-Q3", name_a, "", "veel", "", ""],  # row 9: not a number
    ]
    before = snapshot()
    for dry_run in ("true", "false"):
        response = _import(coordinator, m["id"], xlsx(rows), dry_run=dry_run)
        body = response.get_json()
        assert response.status_code == (200 if dry_run == "true" else 422), body
        assert body["rows"] == 8 and body["valid"] == 1
        found = [(e["row"], e["column"]) for e in body["errors"]]
        assert found == [
            (3, "Kwartaal"),
            (4, "Fase"),
            (5, "Aanbod"),
            (6, "Bereikt"),
            (6, "Wachttijd (weken)"),
            (7, "Doorgestroomd"),
            (8, "Aanbod"),
            (9, "Bereikt"),
        ]
        messages = {(e["row"], e["column"]): e["message"] for e in body["errors"]}
        assert "JJJJ-Qn" in messages[(3, "Kwartaal")]
        assert "'Nergens' bestaat niet" in messages[(4, "Fase")]
        assert "Onbekend aanbod" in messages[(5, "Aanbod")]
        assert "(20)" in messages[(7, "Doorgestroomd")] and "(10)" in messages[(7, "Doorgestroomd")]
        assert "rij 2" in messages[(8, "Aanbod")]
    assert body["error"]["code"] == "validation_failed"
    assert snapshot() == before


def test_a_partner_imports_only_their_own_organisations_cards(monitor_board, snapshot):
    m = monitor_board
    partner = m["clients"]["partner"]
    name_a = _phase_names(m)[0]
    own = m["card"](0, 0, title="Spreekuur")
    m["card"](0, 1, org=m["other"], title="Zonnecoach")
    rows = [
        HEADER,
        ["2026-Q3", name_a, "Spreekuur", 40, 10, 1],
        ["2026-Q3", name_a, "Zonnecoach", 30, "", ""],  # another organisation's card
        ["2026-Q3", name_a, "", 100, "", ""],  # a phase total: the coordinator's
    ]
    before = snapshot()
    refused = _import(partner, m["id"], csv_file(rows), "cijfers.csv")
    assert refused.status_code == 422, refused.get_json()
    errors = refused.get_json()["errors"]
    assert [(e["row"], e["column"]) for e in errors] == [(3, "Aanbod"), (4, "Aanbod")]
    assert "eigen organisatie" in errors[0]["message"]
    assert "regisseur" in errors[1]["message"]
    assert snapshot() == before

    allowed = _import(partner, m["id"], csv_file(rows[:2]), "cijfers.csv")
    assert allowed.status_code == 201, allowed.get_json()
    assert _figures() == {("2026-Q3", m["phases"][0], own["id"], 40, 10, 1)}
    viewer = _import(m["clients"]["viewer"], m["id"], csv_file(rows[:2]), "cijfers.csv")
    assert viewer.status_code == 403


def test_missing_columns_and_too_large_files_are_refused(monitor_board, snapshot):
    m = monitor_board
    coordinator = m["clients"]["coordinator"]
    before = snapshot()
    response = _import(coordinator, m["id"], csv_file([["Fase", "Opmerking"], ["A", "x"]]), "c.csv")
    assert response.status_code == 422
    assert [(e["row"], e["column"]) for e in response.get_json()["errors"]] == [
        (1, "Kwartaal"),
        (1, "Bereikt"),
    ]
    big = b"Kwartaal,Fase,Bereikt\n" + b"2026-Q1,A,1\n" * 600_000
    assert _import(coordinator, m["id"], big, "c.csv").status_code == 413
    assert snapshot() == before


def test_the_import_page_checks_and_imports_a_file(monitor_board, web, snapshot):
    m = monitor_board
    name_a = _phase_names(m)[0]
    client = web(m["people"]["coordinator"])
    page = client.get(f"/boards/{m['id']}/monitor")
    assert f"/boards/{m['id']}/figures-import" in page.get_data(as_text=True)
    assert client.get(f"/boards/{m['id']}/figures-import").status_code == 200
    rows = [["Kwartaal", "Fase", "Bereikt"], ["2026-Q2", name_a, "75"]]
    before = snapshot()
    checked = client.post(
        f"/boards/{m['id']}/figures-import/check",
        data=upload(csv_file(rows), "c.csv"),
        content_type="multipart/form-data",
        headers={"HX-Request": "true"},
    )
    text = checked.get_data(as_text=True)
    assert checked.status_code == 200 and "1 cijferregel wordt ingevuld" in text
    assert snapshot() == before
    done = client.post(
        f"/boards/{m['id']}/figures-import",
        data=upload(csv_file(rows), "c.csv"),
        content_type="multipart/form-data",
        headers={"HX-Request": "true"},
    )
    assert "1 cijferregel geïmporteerd" in done.get_data(as_text=True)
    assert _figures() == {("2026-Q2", m["phases"][0], None, 75, None, None)}


def test_a_file_over_the_limit_on_the_page_says_how_large_a_file_may_be(monitor_board, web):
    m = monitor_board
    client = web(m["people"]["coordinator"])
    big = b"Kwartaal,Fase,Bereikt\n" + b"2026-Q1,A,1\n" * 600_000  # 7 MB
    response = client.post(
        f"/boards/{m['id']}/figures-import/check",
        data=upload(big, "c.csv"),
        content_type="multipart/form-data",
        headers={"HX-Request": "true"},
    )
    # Refused by the route (a fragment htmx swaps) or, on a real server, before it: both say why.
    assert response.status_code in (200, 413)
    assert "groter dan 5 MB" in response.get_data(as_text=True)
