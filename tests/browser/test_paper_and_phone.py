"""The read-only view on paper and on a phone, and the demo's bridge as people see it."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_date
from playwright.sync_api import expect
from pypdf import PdfReader

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def _share_link(api, board: int, label: str) -> str:
    return api.call("POST", f"/boards/{board}/share-links", {"label": label})["url"]


def test_the_share_view_prints_name_date_bridge_markers_and_agreed_steps(
    actors, demo, coordinator_api, unique
):
    board = coordinator_api.board()
    marker = unique("Bewoners vinden de offertecheck niet")
    coordinator_api.call(
        "POST",
        f"/boards/{demo.board}/markers",
        {"kind": "bottleneck", "title": marker, "phase_id": board["phases"][3]["id"]},
    )
    step = unique("Offertecheck op de gemeentesite")
    coordinator_api.call(
        "POST", f"/boards/{demo.board}/next-steps", {"title": step, "status": "agreed"}
    )
    page = actors.page(None, _share_link(coordinator_api, demo.board, unique("Raad")), name="share")
    print_button = page.get_by_role("button", name="Afdrukken")
    expect(print_button).to_be_visible()
    page.emulate_media(media="print")
    expect(print_button).to_be_hidden()
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf())).pages).split()
    )
    assert board["name"] in text
    # "Stand van 30 november 2026": the day in the reader's time zone (Amsterdam), not the UTC one.
    today = datetime.now(ZoneInfo("Europe/Amsterdam")).date()
    assert format_date(today, "long", locale="nl") in text
    assert "De brug in één oogopslag" in text and "Oplevering & nazorg" in text
    assert marker in text and step in text


def test_the_share_view_fits_a_phone_without_sideways_scrolling(actors, demo, coordinator_api):
    url = _share_link(coordinator_api, demo.board, "Telefoon")
    page = actors.page(None, url, name="phone", viewport=PHONE, is_mobile=True)
    expect(page.locator("#bw-board-name")).to_be_visible()
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
    # The title wraps between words: no word is cut or sticks out.
    title = page.locator("#bw-board-name")
    assert title.evaluate("h => h.scrollWidth <= h.clientWidth")
    assert title.evaluate("h => getComputedStyle(h).overflowWrap") != "anywhere"
    # The bridge is a vertical list with legible labels; the wide picture waits for wide screens.
    steps = page.locator(".bw-bridge-steps__span")
    expect(steps.first).to_be_visible()
    expect(page.locator(".bw-share-bridge svg")).to_be_hidden()
    sizes = steps.evaluate_all(
        "items => items.flatMap(li => [...li.querySelectorAll('span')]"
        ".map(s => parseFloat(getComputedStyle(s).fontSize)))"
    )
    assert min(sizes) >= 12
    # The summary table becomes stacked rows: label and value under the phase's name.
    cell = page.locator(".bw-summary tbody td").first
    assert cell.evaluate("td => getComputedStyle(td).display") != "table-cell"
    assert cell.evaluate("td => getComputedStyle(td, '::before').content") == '"Aanbod"'


def test_the_demo_bridge_has_solid_cracked_and_missing_spans_and_says_why(pristine_actors, demo):
    page = pristine_actors.page(demo.coordinator, f"/boards/{demo.board}/bridge", name="bridge")
    spans = page.locator("svg.bw-bridge [data-state]")
    expect(spans.first).to_be_attached()
    states = spans.evaluate_all("spans => spans.map(s => s.dataset.state)")
    assert {"solid", "cracked", "missing"} <= set(states)
    missing = page.locator("svg.bw-bridge [data-state=missing]")
    assert "Oplevering & nazorg" in missing.first.text_content()
    # Why a span is cracked shows at a glance: its causes are written under the plank.
    causes = page.locator("svg.bw-bridge [data-state=cracked] .bw-bridge__cause")
    assert {"capaciteit", "overdracht", "open markering"} <= set(causes.all_text_contents())
