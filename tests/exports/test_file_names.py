"""Every download is named after the board and the date, in the reader's language:
gemeente-testdorp-inventaris-2026-11-30.xlsx, not brugwerk-1-inventaris.xlsx."""

import re
from datetime import UTC, datetime

import pytest

from app.meetings import services as meetings
from app.permissions import Actor
from app.views import file_name, slug, today


@pytest.fixture
def testdorp(create_user, create_board, in_request):
    """A board called "Gemeente Testdorp" with a meeting held on 12 March 2026."""
    owner = create_user()
    board = create_board(owner=owner, name="Gemeente Testdorp")
    with in_request():
        meeting = meetings.create_meeting(
            Actor(user=owner), board.id, "Regieoverleg", datetime(2026, 3, 12, 14, tzinfo=UTC)
        )
    return {"board": board, "owner": owner, "meeting": meeting}


def _name(response) -> str:
    assert response.status_code == 200, response.status_code
    return re.search(r'filename="([^"]+)"', response.headers["Content-Disposition"]).group(1)


def test_slugs_are_lowercase_ascii_words():
    assert slug("Gemeente Testdorp") == "gemeente-testdorp"
    assert slug("  Oriëntatie & nazorg: 's-Hertogenbosch!") == "orientatie-nazorg-s-hertogenbosch"
    assert slug("???") == "bord"


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("export.csv", "inventaris.csv"),
        ("export.xlsx", "inventaris.xlsx"),
        ("export", "export.json"),
    ],
)
def test_api_downloads_carry_the_board_and_the_date(testdorp, api, path, name):
    board = testdorp["board"]
    response = api(testdorp["owner"]).get(f"/boards/{board.id}/{path}")
    stem, extension = name.split(".")
    assert _name(response) == f"gemeente-testdorp-{stem}-{today().isoformat()}.{extension}"


def test_an_english_reader_gets_english_words_in_the_name(testdorp, api):
    board = testdorp["board"]
    response = api(testdorp["owner"]).get(
        f"/boards/{board.id}/export.xlsx", headers={"Accept-Language": "en"}
    )
    assert _name(response) == f"gemeente-testdorp-inventory-{today().isoformat()}.xlsx"


def test_the_report_and_the_minutes_are_named_too(testdorp, web, api):
    board, meeting = testdorp["board"], testdorp["meeting"]
    report = web(testdorp["owner"]).get(f"/boards/{board.id}/report.pdf")
    assert _name(report) == f"gemeente-testdorp-rapport-{today().isoformat()}.pdf"
    base = f"/boards/{board.id}/meetings/{meeting.id}"
    # Minutes and agenda carry the day of the meeting, not the day of the download.
    for path, name in (
        ("minutes.md", "gemeente-testdorp-verslag-2026-03-12.md"),
        ("minutes.pdf", "gemeente-testdorp-verslag-2026-03-12.pdf"),
    ):
        assert _name(api(testdorp["owner"]).get(f"{base}/{path}")) == name
    agenda = web(testdorp["owner"]).get(f"{base}/agenda.pdf")
    assert _name(agenda) == "gemeente-testdorp-agenda-2026-03-12.pdf"


def test_file_name_takes_a_day(testdorp):
    day = datetime(2026, 11, 30).date()
    assert (
        file_name(testdorp["board"], "brug", "svg", day) == "gemeente-testdorp-brug-2026-11-30.svg"
    )
