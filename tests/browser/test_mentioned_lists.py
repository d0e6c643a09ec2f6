"""The side panel's markers and handovers lists fetch themselves again after a card edit only
when they name that card (reading.js, data-bw-card-edits="mentioned"); a named card's new title
shows in them."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LISTS = ("/markers/list", "/handovers")


def test_an_edit_of_a_card_no_list_names_leaves_them_and_a_named_one_refreshes_them(
    actors, demo, coordinator_api, make_card, unique
):
    source = make_card(unique("Schuldhulp"), phase=0)
    target = make_card(unique("Budgetcoach"), phase=1)
    other = make_card(unique("Buurtkamer"), phase=2)
    handover = coordinator_api.call(
        "POST",
        f"/boards/{demo.board}/handovers",
        {"from_card_id": source["id"], "to_card_id": target["id"]},
    )
    try:
        _follow(actors, demo, coordinator_api, unique, target, other)
    finally:
        coordinator_api.call("DELETE", f"/boards/{demo.board}/handovers/{handover['id']}")
        for card in (source, target, other):
            coordinator_api.call("DELETE", f"/boards/{demo.board}/cards/{card['id']}")


def _follow(actors, demo, coordinator_api, unique, target: dict, other: dict) -> None:
    page = actors.canvas(demo.partner_b, "partner-b")
    handovers = page.locator("#bw-handovers-list")
    expect(handovers).to_contain_text(target["title"])
    fetched = []
    page.on(
        "request", lambda r: fetched.append(r.url) if r.url.split("?")[0].endswith(LISTS) else None
    )
    suggestions = []
    page.on("requestfinished", lambda r: suggestions.append(r) if "/suggestions" in r.url else None)

    # Another card: the suggestions follow (they read every card), the two lists do not.
    coordinator_api.call(
        "PATCH",
        f"/boards/{demo.board}/cards/{other['id']}",
        {"version": other["version"], "title": unique("Buurtkamer plus")},
    )
    expect(page.locator(f"#card-{other['id']} .bw-card__title")).to_contain_text("plus")
    page.wait_for_timeout(300 + 700)  # reading.js waits 300 ms for more events, then fetches
    assert suggestions, "the suggestions were not asked for again"
    assert fetched == []

    # The handover's card: the handovers list fetches itself and shows the new title.
    renamed = unique("Budgetcoach thuis")
    coordinator_api.call(
        "PATCH",
        f"/boards/{demo.board}/cards/{target['id']}",
        {"version": target["version"], "title": renamed},
    )
    expect(handovers).to_contain_text(renamed)
    assert any(url.split("?")[0].endswith("/handovers") for url in fetched), fetched
