"""Markers and lenses live: a marker set by one person shows on the others' canvases at once."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_marker_and_new_capacity_show_live_under_the_lens_each_partner_chose(
    actors, demo, coordinator_api, unique
):
    board = coordinator_api.board()
    phase, lane = board["phases"][6], board["lanes"][3]
    cell = f"[data-reading-cell='{phase['id']}-{lane['id']}']"
    a = actors.canvas(demo.partner_a, "partner-a")
    b = actors.canvas(demo.partner_b, "partner-b")
    lens = b.get_by_role("group", name="Lens").get_by_role("button", name="Efficiënt")
    lens.click()
    expect(lens).to_have_attribute("aria-pressed", "true")
    expect(b.locator("#bw-canvas")).to_have_class(re.compile(r"\bbw-lens-efficient\b"))
    expect(a.locator("#bw-canvas")).not_to_have_class(re.compile(r"\bbw-lens-efficient\b"))
    efficient = b.locator(f"{cell} .bw-lens-figure--efficient")
    expect(efficient).to_be_visible()
    before = efficient.inner_text()

    title = unique("Geen nazorg voor VvE's")
    coordinator_api.call(
        "POST",
        f"/boards/{demo.board}/markers",
        {"kind": "gap", "title": title, "phase_id": phase["id"], "lane_id": lane["id"]},
    )
    for page in (a, b):
        expect(page.locator(f"{cell} .bw-marker-badge--gap", has_text=title)).to_be_attached(
            timeout=demo.refresh
        )

    coordinator_api.call(
        "POST",
        f"/boards/{demo.board}/cards",
        {
            "phase_id": phase["id"],
            "lane_id": lane["id"],
            "title": unique("VvE-nazorgloket"),
            "organisation_id": board["organisations"][0]["id"],
            "capacity_per_year": 4321,
        },
    )
    expect(efficient).not_to_have_text(before, timeout=demo.refresh)
    expect(efficient).to_contain_text("huishoudens/jaar")


def test_the_side_panel_forms_come_when_opened_and_work(actors, demo, coordinator_api):
    """The panel's forms list every card (4,000 options on a 2,000-card board): the canvas page
    does not carry them, opening "Nieuwe overdracht" brings the form, and it makes a handover."""
    page = actors.canvas(demo.partner_a, "panel-forms")
    panel = page.locator("#bw-panel")
    assert panel.locator("select[name=from_card_id]").count() == 0
    panel.get_by_text("Nieuwe overdracht", exact=True).click()
    source = panel.locator("select[name=from_card_id]")
    expect(source).to_be_visible()
    cards = coordinator_api.board()["cards"]
    handovers = panel.locator("#bw-handovers-list .bw-handover")
    before = handovers.count()
    source.select_option(str(cards[0]["id"]))
    panel.locator("select[name=to_card_id]").select_option(str(cards[-1]["id"]))
    source.locator("xpath=ancestor::form").locator("button[type=submit]").click()
    expect(handovers).to_have_count(before + 1, timeout=demo.refresh)
