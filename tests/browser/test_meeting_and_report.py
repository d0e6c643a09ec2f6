"""Meeting mode steers the partners' canvases; the board report downloads as a PDF."""

import io
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

pytestmark = pytest.mark.browser

HIGHLIGHT = re.compile(r"\bbw-card--highlight\b")


def test_partners_follow_the_meeting_unless_they_switch_following_off(
    actors, demo, coordinator_api, make_card, unique, ui
):
    focus = make_card(unique("Besproken aanbod"), phase=2)
    path = f"/boards/{demo.board}/meetings"
    starts = (datetime.now(UTC) + timedelta(minutes=5)).isoformat()
    meeting = coordinator_api.call(
        "POST", path, {"title": unique("Regio-overleg"), "starts_at": starts}
    )
    path = f"{path}/{meeting['id']}"
    coordinator_api.call("POST", f"{path}/items", {"title": "Opening"})
    about = coordinator_api.call(
        "POST",
        f"{path}/items",
        {"title": unique("Wachtlijst energiecoaches"), "ref_type": "card", "ref_id": focus["id"]},
    )

    a = actors.canvas(demo.partner_a, "partner-a")
    b = actors.canvas(demo.partner_b, "partner-b")
    b.locator("#bw-follow").uncheck()  # B looks at something else during the meeting
    chair = actors.page(demo.coordinator, f"{path}/run", name="meeting-mode")
    chair.get_by_role("button", name="Overleg starten").click()
    chair.locator("#meeting-run").get_by_role("button", name=about["title"]).click()

    expect(ui.card(a, focus["title"])).to_have_class(HIGHLIGHT, timeout=demo.live)
    expect(ui.card(a, focus["title"])).to_be_in_viewport()
    for page in (a, b):
        expect(page.locator("#bw-meeting-now")).to_contain_text(about["title"])
    expect(ui.card(b, focus["title"])).not_to_have_class(HIGHLIGHT)

    chair.get_by_role("button", name="Overleg beëindigen").click()
    expect(a.locator("#bw-meeting-now")).to_have_text(
        "Het overleg is afgelopen.", timeout=demo.live
    )
    expect(ui.card(a, focus["title"])).not_to_have_class(HIGHLIGHT)


def test_the_board_report_downloads_as_a_pdf_with_the_board_in_it(actors, demo):
    page = actors.page(demo.partner_a, f"/boards/{demo.board}", name="partner-a")
    with page.expect_download() as download:
        page.get_by_text("Exporteren en delen").click()  # the toolbar's menu
        page.get_by_role("link", name="Rapport (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")
    body = Path(download.value.path()).read_bytes()
    assert body.startswith(b"%PDF")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages)
    assert "Gemeente Voorbeeld" in text
