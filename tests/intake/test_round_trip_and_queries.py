"""The board's own XLSX export imports back as the same cards; the statement count of an import
does not grow with its rows."""

from sqlalchemy import select

from app.boards.services import create_board
from app.extensions import db
from app.models import Card
from app.permissions import Actor
from tests.intake.files import HEADER, upload, xlsx


def _cards(board_id: int) -> list[tuple]:
    cards = db.session.scalars(
        select(Card).where(Card.board_id == board_id, Card.deleted_at.is_(None))
    ).all()
    return sorted(
        (
            c.organisation.name,
            c.organisation.kind,
            c.phase.name,
            c.lane.name if c.lane else "",
            c.title,
            c.description,
            c.capacity_per_year,
            c.capacity_unit,
            c.status,
        )
        for c in cards
    )


def test_the_xlsx_export_imports_into_an_empty_board_as_the_same_cards(sample_board, api):
    source = sample_board["board"]
    coordinator = sample_board["people"]["coordinator"]
    client = api(coordinator)
    exported = client.get(f"/boards/{source.id}/export.xlsx")
    assert exported.status_code == 200
    empty = create_board(Actor(user=coordinator), "Leeg bord")
    response = client.post(
        f"/boards/{empty.id}/inventory-import",
        data=upload(exported.data, "export.xlsx"),
        content_type="multipart/form-data",
    )
    assert response.status_code == 201, response.get_json()
    db.session.expire_all()
    copied = _cards(empty.id)
    assert copied == _cards(source.id)
    # The export's neutralised formula came back as the text it was.
    assert '=HYPERLINK("http://x")' in [row[4] for row in copied]


def _inventory(rows: int) -> bytes:
    lanes = ["Kleine klussen", "Moeilijke maatregelen", "Huurders", "VvE's"]
    phases = ["Oriëntatie", "Advies & plan", "Uitvoering"]
    return xlsx(
        [HEADER]
        + [
            [f"Organisatie {n % 7}", "", phases[n % 3], lanes[n % 4], f"Aanbod {n}", "", n]
            for n in range(rows)
        ]
    )


def test_the_statement_count_does_not_grow_with_the_rows(board_with_roles, api, count_queries):
    coordinator = board_with_roles["people"]["coordinator"]
    client = api(coordinator)
    client.get("/boards")  # the token's first use is written down once: not part of the count
    counts = {}
    for rows in (20, 200):
        target = create_board(Actor(user=coordinator), "Doel")
        for dry_run in ("true", "false"):
            with count_queries() as statements:
                response = client.post(
                    f"/boards/{target.id}/inventory-import",
                    data=upload(_inventory(rows), dry_run=dry_run),
                    content_type="multipart/form-data",
                )
            assert response.status_code in (200, 201), response.get_json()
            counts[rows, dry_run] = len(statements)
    # Lookups, inserts (one executemany each for cards and events), seq and audit alike.
    assert counts[200, "true"] == counts[20, "true"]
    assert counts[200, "false"] == counts[20, "false"]
