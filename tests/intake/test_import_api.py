"""Import an inventory through the API: dry run, real run, bad rows, limits, round trip."""

import io
import re
import zipfile

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEntry, Card, Event, Lane, Organisation
from tests.intake.files import CLEAN, HEADER, csv_file, upload, xlsx


def _import(client, board_id: int, data: bytes, name: str = "inventaris.xlsx", **fields):
    return client.post(
        f"/boards/{board_id}/inventory-import",
        data=upload(data, name, **fields),
        content_type="multipart/form-data",
    )


def test_dry_run_of_a_clean_inventory_says_what_it_would_create_and_writes_nothing(
    board_with_roles, api, snapshot
):
    board = board_with_roles["board"]
    partner = api(board_with_roles["people"]["partner"])
    before = snapshot()
    response = _import(partner, board.id, xlsx(CLEAN), dry_run="true")
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["rows"] == 4 and body["valid"] == 4 and body["errors"] == []
    assert body["mapping"] == {
        "Organisatie": "organisation",
        "Soort": "kind",
        "Fase": "phase",
        "Baan": "lane",
        "Aanbod": "title",
        "Omschrijving": "description",
        "Capaciteit per jaar": "capacity_per_year",
    }
    # "energieloket" is the board's Energieloket (case-insensitively); Huurders is a new lane.
    assert body["would_create"] == {"organisations": 2, "phases": 0, "lanes": 1, "cards": 4}
    assert snapshot() == before


def test_a_real_run_creates_everything_with_one_event_per_card_and_an_audit_row(
    board_with_roles, api
):
    board = board_with_roles["board"]
    seq = board.seq
    response = _import(api(board_with_roles["people"]["partner"]), board.id, xlsx(CLEAN))
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["created"] == {
        "organisations": 2,
        "phases": 0,
        "lanes": 1,
        "cards": 4,
    }
    cards = db.session.scalars(select(Card).where(Card.board_id == board.id)).all()
    by_title = {card.title: card for card in cards}
    assert set(by_title) == {"Spreekuur", "Energiecoach", "Maatwerkadvies", "Isolatie"}
    assert by_title["Spreekuur"].organisation.name == "Energieloket"
    assert by_title["Maatwerkadvies"].organisation_id == board_with_roles["organisation"].id
    assert by_title["Spreekuur"].capacity_per_year == 300
    assert by_title["Isolatie"].capacity_per_year == 40
    assert by_title["Isolatie"].description == "<b>vet</b>"  # HTML is kept as text
    assert by_title["Isolatie"].lane.name == "Huurders"
    assert by_title["Isolatie"].organisation.kind == "marktpartij"
    types = db.session.scalars(
        select(Event.type).where(Event.board_id == board.id, Event.seq > seq).order_by(Event.seq)
    ).all()
    assert types.count("card.created") == 4
    assert types.count("organisation.created") == 2 and types.count("lane.created") == 1
    audit = db.session.scalars(select(AuditEntry.action).where(AuditEntry.board_id == board.id))
    assert "import.done" in list(audit)


BAD = [
    HEADER + ["Status"],
    ["Energieloket", "", "Oriëntatie", "Kleine klussen", "Goed", "", "", ""],  # 2: fine
    ["Energieloket", "", "Advies", "Kleine klussen", "Fase fout", "", "", ""],  # 3
    ["", "", "Oriëntatie", "Kleine klussen", "Zonder organisatie", "", "", ""],  # 4
    ["Energieloket", "", "Oriëntatie", "Kleine klussen", "", "", "", ""],  # 5: no title
    ["Energieloket", "", "Oriëntatie", "Kleine klussen", "Capaciteit", "", "veel", ""],  # 6
    ["Energieloket", "", "Oriëntatie", "Kleine klussen", "Status", "", "", "misschien"],  # 7
    ["Energieloket", "", "Oriëntatie", "Kleine klussen", "Goed", "", "", ""],  # 8: same as 2
    ["Energieloket", "", "Oriëntatie", "Kleine klussen", "x" * 201, "", "", ""],  # 9
    ["Energieloket", "Bakkerij", "Oriëntatie", "Kleine klussen", "Soort", "", "", ""],  # 10
    ["Energieloket", "", "Oriëntatie", "", "Zonder baan", "", "", ""],  # 11
    ["Energieloket", "", "Oriëntatie", "Kleine klussen", "Negatief", "", "-5", ""],  # 12
    ["Energieloket", "", "Uitvoering", "Kleine klussen", "'=1+1", "", "", ""],  # 13: fine
]


def test_dry_run_reports_exactly_the_bad_rows_with_their_sheet_row_numbers(board_with_roles, api):
    board = board_with_roles["board"]
    mapping = '{"Soort": "kind"}'
    response = _import(
        api(board_with_roles["people"]["partner"]),
        board.id,
        xlsx(BAD),
        dry_run="true",
        mapping=mapping,
    )
    body = response.get_json()
    assert response.status_code == 200, body
    assert body["rows"] == 12 and body["valid"] == 2, body["errors"]
    found = [(e["row"], e["column"]) for e in body["errors"]]
    assert found == [
        (3, "Fase"),
        (4, "Organisatie"),
        (5, "Aanbod"),
        (6, "Capaciteit per jaar"),
        (7, "Status"),
        (8, "Aanbod"),
        (9, "Aanbod"),
        (10, "Soort"),
        (11, "Baan"),
        (12, "Capaciteit per jaar"),
    ]
    messages = {e["row"]: e["message"] for e in body["errors"]}
    assert messages[3] == "'Advies' bestaat niet — bedoel je 'Advies & plan'?"
    assert "rij 2" in messages[8]
    assert "Bestaand" in messages[7]


def test_a_failed_real_run_writes_nothing(board_with_roles, api, snapshot):
    board = board_with_roles["board"]
    partner = api(board_with_roles["people"]["partner"])
    before = snapshot()
    counts = {
        m: db.session.scalar(select(func.count()).select_from(m))
        for m in (Card, Lane, Organisation, Event)
    }
    response = _import(partner, board.id, xlsx(BAD))
    assert response.status_code == 422
    body = response.get_json()
    assert body["error"]["code"] == "validation_failed"
    assert [e["row"] for e in body["errors"]][:2] == [3, 4]
    db.session.remove()
    after = {
        m: db.session.scalar(select(func.count()).select_from(m))
        for m in (Card, Lane, Organisation, Event)
    }
    assert after == counts
    assert snapshot() == before


def test_an_unknown_phase_can_be_mapped_onto_an_existing_one(board_with_roles, api):
    board = board_with_roles["board"]
    advice = board.phases[2]
    rows = [HEADER[:5], ["Energieloket", "", "Advies", "Kleine klussen", "Maatwerkadvies"]]
    response = _import(
        api(board_with_roles["people"]["partner"]),
        board.id,
        xlsx(rows),
        values=f'{{"phase": {{"advies": {advice.id}}}}}',
    )
    assert response.status_code == 201, response.get_json()
    card = db.session.scalars(select(Card).where(Card.board_id == board.id)).one()
    assert card.phase_id == advice.id


def test_semicolon_csv_in_windows_1252_keeps_its_accents(board_with_roles, api):
    board = board_with_roles["board"]
    rows = [
        ["Organisatie", "Fase", "Baan", "Titel", "Omschrijving"],
        [
            "Energiecoöperatie Zonneveld",
            "Oriëntatie",
            "Kleine klussen",
            "Café-avond",
            "Over ë en é",
        ],
    ]
    data = csv_file(rows, delimiter=";", encoding="cp1252")
    response = _import(api(board_with_roles["people"]["partner"]), board.id, data, "lijst.csv")
    assert response.status_code == 201, response.get_json()
    card = db.session.scalars(select(Card).where(Card.board_id == board.id)).one()
    assert card.title == "Café-avond" and card.description == "Over ë en é"
    assert card.organisation.name == "Energiecoöperatie Zonneveld"
    assert card.phase.name == "Oriëntatie"


def test_a_file_of_5001_rows_is_refused_with_the_limit_in_the_message(board_with_roles, api):
    board = board_with_roles["board"]
    rows = [HEADER[:5]] + [
        ["Energieloket", "", "Oriëntatie", "Kleine klussen", f"Aanbod {n}"] for n in range(5001)
    ]
    response = _import(
        api(board_with_roles["people"]["partner"]), board.id, csv_file(rows), "groot.csv"
    )
    assert response.status_code == 413
    assert "5000" in response.get_json()["error"]["message"]


def test_a_file_over_5_mb_is_refused_with_the_limit_in_the_message(board_with_roles, api):
    board = board_with_roles["board"]
    data = b"Organisatie,Fase,Titel\n" + b"x" * (5 * 1024 * 1024 + 10)
    response = _import(api(board_with_roles["people"]["partner"]), board.id, data, "groot.csv")
    assert response.status_code == 413
    assert "5 MB" in response.get_json()["error"]["message"]


@pytest.mark.parametrize(
    ("data", "name", "words"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "beveiligd.xlsx", "wachtwoord"),
        (b"PK\x03\x04 not really a zip", "kapot.xlsx", "beschadigd"),
        (b"%PDF-1.7\x00\x00\x01", "folder.pdf", "Kies een Excel-bestand"),
        (xlsx([]), "leeg.xlsx", "leeg"),
        (xlsx([HEADER]), "kop.xlsx", "geen rijen"),
    ],
)
def test_unreadable_files_get_a_clear_message_and_no_500(board_with_roles, api, data, name, words):
    board = board_with_roles["board"]
    response = _import(api(board_with_roles["people"]["partner"]), board.id, data, name)
    assert response.status_code == 422
    assert words in response.get_json()["error"]["message"]


def test_a_formula_cells_cached_value_is_read_and_never_run(board_with_roles, api):
    board = board_with_roles["board"]
    rows = [
        HEADER[:5] + ["Capaciteit"],
        ["Energieloket", "", "Oriëntatie", "Kleine klussen", "Spreekuur", "=100*3"],
    ]
    data = _with_cached_value(xlsx(rows), "100*3", "300")
    response = _import(api(board_with_roles["people"]["partner"]), board.id, data)
    assert response.status_code == 201, response.get_json()
    card = db.session.scalars(select(Card).where(Card.board_id == board.id)).one()
    assert card.capacity_per_year == 300


def _with_cached_value(workbook: bytes, formula: str, value: str) -> bytes:
    """Give a formula the value a spreadsheet program would have cached (openpyxl writes none)."""
    source, target = zipfile.ZipFile(io.BytesIO(workbook)), io.BytesIO()
    with zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = content.decode()
                text, done = re.subn(
                    rf"<f>{re.escape(formula)}</f>(<v\s*/>|<v></v>)?",
                    f"<f>{formula}</f><v>{value}</v>",
                    text,
                )
                assert done == 1, text
                content = text.encode()
            out.writestr(item, content)
    return target.getvalue()


def test_a_viewer_may_not_import(board_with_roles, api):
    board = board_with_roles["board"]
    response = _import(api(board_with_roles["people"]["viewer"]), board.id, xlsx(CLEAN))
    assert response.status_code == 403


def test_a_file_of_3_mb_is_taken_though_requests_are_otherwise_limited_to_2(board_with_roles, api):
    board = board_with_roles["board"]
    rows = [HEADER[:6]] + [
        ["Energieloket", "", "Oriëntatie", "Kleine klussen", f"Aanbod {n}", "uitleg " * 170]
        for n in range(2500)
    ]
    data = csv_file(rows)
    assert 3_000_000 < len(data) < 5 * 1024 * 1024
    response = _import(
        api(board_with_roles["people"]["partner"]), board.id, data, "lijst.csv", dry_run="true"
    )
    assert response.status_code == 200, response.status_code
    assert response.get_json()["valid"] == 2500
