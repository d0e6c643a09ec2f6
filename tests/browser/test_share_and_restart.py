"""A read-only link follows the board live until it is revoked; pages survive a server restart."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

EDIT_CONTROLS = (
    "[data-move], [data-action=edit], [data-action=delete], .bw-cell__add, "
    "#main form, [contenteditable=true]"
)


def test_a_read_only_link_shows_the_board_live_without_edit_controls_until_revoked(
    actors, demo, coordinator_api, make_card, unique, ui
):
    link = coordinator_api.call(
        "POST", f"/boards/{demo.board}/share-links", {"label": unique("Wethouder")}
    )
    viewer = actors.page(None, link["url"], name="share-viewer")
    ui.wait_live(viewer)
    expect(viewer.locator("#bw-board-name")).to_contain_text("Gemeente Voorbeeld")
    expect(viewer.locator("li.bw-card[data-card-id]").first).to_be_visible()
    assert viewer.locator(EDIT_CONTROLS).count() == 0

    made = make_card(unique("Energiebox lenen"))
    expect(ui.card(viewer, made["title"])).to_be_visible(timeout=demo.live)
    assert viewer.locator(EDIT_CONTROLS).count() == 0  # a pushed card has no controls either

    coordinator_api.call("DELETE", f"/boards/{demo.board}/share-links/{link['id']}")
    expect(viewer.locator("#bw-status")).to_have_class(
        re.compile("bw-status--offline"), timeout=demo.live
    )
    expect(viewer.locator("#bw-status")).to_contain_text("ingetrokken")
    later = make_card(unique("Na het intrekken"))
    viewer.wait_for_timeout(demo.live)  # give a (wrong) push every chance to arrive
    expect(ui.card(viewer, later["title"])).to_have_count(0)
    viewer.reload()
    expect(viewer.locator("h1")).to_have_text("Deze alleen-lezen link werkt niet")
    expect(ui.card(viewer, made["title"])).to_have_count(0)


def test_pages_show_reconnecting_while_the_server_restarts_then_catch_up(
    actors, demo, live_server, make_card, unique, ui
):
    a = actors.canvas(demo.partner_a, "partner-a")
    b = actors.canvas(demo.partner_b, "partner-b")
    live_server.stop()
    try:
        for page in (a, b):
            expect(page.locator(".bw-status--reconnecting")).to_be_visible()
            expect(page.locator("#bw-status")).to_have_text("Opnieuw verbinden…")
    finally:
        live_server.start()
    made = make_card(unique("Gemaakt tijdens de herstart"))
    for page in (a, b):
        ui.wait_live(page)
        expect(ui.card(page, made["title"])).to_be_visible(timeout=demo.live)
        assert page.evaluate("window.bwSamePage") is True  # caught up without a reload
