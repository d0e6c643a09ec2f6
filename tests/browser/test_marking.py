"""Marking is direct: select cards on the canvas and mark them; mark an empty cell as a gap."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


class Clicks:
    """Count every click the person makes on the page (in the page itself, so none is missed)."""

    def __init__(self, page):
        self.page = page
        page.evaluate(
            "window.bwClicks = 0;"
            "document.addEventListener('click', () => { window.bwClicks += 1; }, true)"
        )

    @property
    def count(self) -> int:
        return self.page.evaluate("window.bwClicks")


def test_two_cards_marked_as_an_overlap_in_three_clicks(
    actors, demo, make_card, coordinator_api, unique, ui, axe
):
    first, second = unique("Energiecafé"), unique("Buurtavond")
    make_card(first, phase=0, lane=0)
    make_card(second, phase=0, lane=0)
    page = actors.canvas(demo.partner_a, "marker")
    clicks = Clicks(page)

    ui.card(page, first).locator(".bw-card__title").click()
    ui.card(page, second).locator(".bw-card__title").click()
    bar = page.locator("#bw-selection")
    expect(bar).to_be_visible()
    expect(bar).to_contain_text("2 aanbod geselecteerd")
    expect(ui.card(page, first)).to_have_class(re.compile("bw-card--selected"))
    expect(page.locator("#bw-announcer")).to_contain_text("geselecteerd")
    assert axe(page, "#bw-selection") == []
    bar.get_by_role("button", name="Markeer als overlap").click()

    assert clicks.count <= 3
    expect(bar).to_be_hidden()
    markers = coordinator_api.board()["markers"]
    overlap = next(m for m in markers if first in m["title"] and second in m["title"])
    assert overlap["kind"] == "overlap" and len(overlap["card_ids"]) == 2


def test_space_selects_a_focused_card_and_a_handover_needs_two(
    actors, demo, make_card, coordinator_api, unique, ui
):
    title, onward = unique("Warmtescan"), unique("Adviesgesprek")
    made = make_card(title, phase=1, lane=0)
    later = make_card(onward, phase=2, lane=0)
    page = actors.canvas(demo.partner_a, "keyboard")
    card = ui.card(page, title)
    card.focus()
    page.keyboard.press("Space")
    bar = page.locator("#bw-selection")
    expect(bar).to_contain_text("1 aanbod geselecteerd")
    # Marked aria-disabled with one card, yet a person may still press it: then the bar says why.
    bar.get_by_role("button", name="Warme overdracht").click(force=True)
    error = page.locator("#bw-selection-error")
    expect(error).to_contain_text("precies twee")
    expect(error).to_be_in_viewport()
    page.keyboard.press("Escape")
    expect(bar).to_be_hidden()

    for name in (title, onward):  # first → second: the order they were chosen in
        ui.card(page, name).focus()
        page.keyboard.press("Space")
    expect(bar).to_contain_text("2 aanbod geselecteerd")
    bar.get_by_role("button", name="Warme overdracht").click()
    expect(bar).to_be_hidden()
    handovers = coordinator_api.call("GET", f"/boards/{demo.board}/handovers")["handovers"]
    assert any(
        h["from_card_id"] == made["id"] and h["to_card_id"] == later["id"] for h in handovers
    )


def test_an_empty_cell_marked_as_a_gap_from_the_cell_in_one_click(
    actors, demo, coordinator_api, unique
):
    lane = coordinator_api.call("POST", f"/boards/{demo.board}/lanes", {"name": unique("Baan")})
    try:
        phase = coordinator_api.board()["phases"][3]
        page = actors.canvas(demo.partner_a, "gap")
        cell = page.locator(
            f'td.bw-cell[data-phase-id="{phase["id"]}"][data-lane-id="{lane["id"]}"]'
        )
        clicks = Clicks(page)
        cell.get_by_role("button", name="Gat markeren").click()
        assert clicks.count <= 2
        where = f"Gat: {phase['name']} × {lane['name']}"
        expect(page.locator("#bw-announcer")).to_contain_text(where)
        markers = coordinator_api.board()["markers"]
        gap = next(m for m in markers if m["title"] == where)
        assert gap["kind"] == "gap" and gap["lane_id"] == lane["id"]
    finally:
        coordinator_api.call("DELETE", f"/boards/{demo.board}/lanes/{lane['id']}")
