"""A partner's canvas follows the meeting the coordinator steps through, unless follow is off."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_canvas_follows_the_current_agenda_item_until_follow_is_switched_off(
    actors, demo, coordinator_api, make_card, unique
):
    card = make_card(unique("Warmtescan"), phase=3, lane=1)
    board = coordinator_api.board()
    phase = board["phases"][5]
    base = f"/boards/{demo.board}/meetings"
    meeting = coordinator_api.call(
        "POST", base, {"title": unique("Regieoverleg"), "starts_at": "2030-01-01T19:30:00+01:00"}
    )
    path = f"{base}/{meeting['id']}"
    card_item = coordinator_api.call(
        "POST", f"{path}/items", {"title": "Warmtescan", "ref_type": "card", "ref_id": card["id"]}
    )
    phase_item = coordinator_api.call(
        "POST",
        f"{path}/items",
        {"title": phase["name"], "ref_type": "phase", "ref_id": phase["id"]},
    )

    partner = actors.page(demo.partner_a, f"/boards/{demo.board}", name="partner")
    expect(partner.locator("#bw-status")).to_have_class(re.compile("bw-status--connected"))
    follow = partner.locator("#bw-follow")
    expect(follow).to_be_checked()
    coordinator_api.call("POST", f"{path}/start")  # starts at the first item: the card
    the_card = partner.locator(f'.bw-card[data-card-id="{card["id"]}"]')
    expect(the_card).to_have_class(re.compile("bw-card--highlight"), timeout=demo.live)
    expect(the_card).to_be_in_viewport()
    expect(partner.locator("#bw-meeting-now")).to_contain_text("Warmtescan")

    coordinator_api.call("POST", f"{path}/current", {"item_id": phase_item["id"]})
    column = partner.locator(f'.bw-phase[data-phase-id="{phase["id"]}"]')
    expect(column).to_have_class(re.compile("bw-follow-highlight"), timeout=demo.live)
    expect(the_card).not_to_have_class(re.compile("bw-card--highlight"))

    follow.uncheck()
    partner.reload()
    expect(partner.locator("#bw-status")).to_have_class(re.compile("bw-status--connected"))
    expect(partner.locator("#bw-follow")).not_to_be_checked()  # the choice is remembered
    coordinator_api.call("POST", f"{path}/current", {"item_id": card_item["id"]})
    expect(partner.locator("#bw-meeting-now")).to_contain_text("Warmtescan", timeout=demo.live)
    expect(partner.locator(".bw-card--highlight, .bw-follow-highlight")).to_have_count(0)
    coordinator_api.call("POST", f"{path}/end")


def test_meeting_share_and_import_pages_have_no_wcag_violations(
    actors, demo, coordinator_api, axe, unique
):
    base = f"/boards/{demo.board}/meetings"
    meeting = coordinator_api.call(
        "POST", base, {"title": unique("Overleg"), "starts_at": "2030-02-01T10:00:00+01:00"}
    )
    path = f"{base}/{meeting['id']}"
    coordinator_api.call("POST", f"{path}/items", {"title": "Rondvraag"})
    coordinator_api.call("POST", f"{path}/start")
    link = coordinator_api.call(
        "POST", f"/boards/{demo.board}/share-links", {"label": unique("Directie")}
    )
    page = actors.page(demo.coordinator, name="coordinator")
    for url in (
        base,
        path,
        f"{path}/run",
        f"{path}/minutes",
        f"/boards/{demo.board}/share-links",
        "/boards/import",
    ):
        page.goto(url)
        assert axe(page) == [], url
    viewer = actors.page(None, link["url"], name="viewer")
    expect(viewer.locator("#bw-status")).to_have_class(re.compile("bw-status--connected"))
    assert axe(viewer) == []
    coordinator_api.call("POST", f"{path}/end")


def test_a_late_joiner_lands_on_the_current_item_and_sees_the_meeting_running(
    actors, demo, coordinator_api, make_card, unique, axe
):
    card = make_card(unique("Nazorgbezoek"), phase=6, lane=3)  # far right, far down
    base = f"/boards/{demo.board}/meetings"
    meeting = coordinator_api.call(
        "POST", base, {"title": unique("Laat overleg"), "starts_at": "2030-03-01T19:30:00+01:00"}
    )
    path = f"{base}/{meeting['id']}"
    coordinator_api.call("POST", f"{path}/items", {"title": "Opening"})
    item = coordinator_api.call(
        "POST", f"{path}/items", {"title": "Nazorg", "ref_type": "card", "ref_id": card["id"]}
    )
    early = actors.page(demo.partner_b, f"/boards/{demo.board}", name="early")
    expect(early.locator("#bw-status")).to_have_class(re.compile("bw-status--connected"))
    the_card = f'.bw-card[data-card-id="{card["id"]}"]'
    expect(early.locator(the_card)).not_to_be_in_viewport()  # the item is out of sight at first
    try:
        coordinator_api.call("POST", f"{path}/start")
        coordinator_api.call("POST", f"{path}/current", {"item_id": item["id"]})
        # Opened before the start: the panel now says the meeting runs, not "Gepland".
        expect(early.locator("#bw-meeting-status")).to_have_text("Bezig", timeout=demo.live)
        expect(early.locator("#bw-meeting-now")).to_contain_text("Nazorg")

        late = actors.page(demo.partner_a, f"/boards/{demo.board}", name="late")
        expect(late.locator("#bw-meeting-status")).to_have_text("Bezig")
        expect(late.locator("#bw-meeting-now")).to_contain_text("Nazorg")
        expect(late.locator(the_card)).to_have_class(re.compile("bw-card--highlight"))
        expect(late.locator(the_card)).to_be_in_viewport()
        expect(late.locator('[data-meeting-item-id][aria-current="step"]')).to_contain_text(
            "Nazorg"
        )
        assert axe(late, "#bw-meeting-panel") == []
    finally:
        coordinator_api.call("POST", f"{path}/end")


def test_a_newly_proposed_next_step_is_brought_into_view_and_focused(actors, demo, unique, axe):
    page = actors.page(
        demo.partner_a,
        f"/boards/{demo.board}/next-steps",
        name="proposer",
        viewport={"width": 390, "height": 844},
    )
    title = unique("Keukentafelgesprekken in de wijk")
    form = page.locator("section[aria-labelledby=bw-new-step] form")
    form.locator("input[name=title]").fill(title)
    form.get_by_role("button", name="Voorstellen").click()
    step = page.locator(".bw-next-step", has=page.get_by_role("heading", name=title))
    expect(step).to_be_focused()
    expect(step).to_be_in_viewport()
    assert axe(page) == []
