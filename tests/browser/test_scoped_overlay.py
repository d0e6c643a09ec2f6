"""An edit elsewhere brings the figures of the cards it touches, not the whole board's overlay."""

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def coherent(page, card: dict):
    """Return the coherent lens's figure inside a card."""
    return page.locator(
        f'#bw-canvas li.bw-card[data-card-id="{card["id"]}"] .bw-lens-figure--coherent'
    )


def test_an_edit_elsewhere_asks_for_its_cards_only_and_the_figures_follow(
    actors, demo, coordinator_api, make_card, unique
):
    # A few more cards than the demo's, so "the whole overlay" and "its cards" differ plainly.
    made = [make_card(unique("Buurtkamer"), phase=n % 3, lane=n % 2) for n in range(12)]
    source = make_card(unique("Schuldhulp"), phase=0)
    target = make_card(unique("Budgetcoach"), phase=1)
    try:
        _follow(actors, demo, coordinator_api, unique, source, target)
    finally:
        for card in [*made, source, target]:
            coordinator_api.call("DELETE", f"/boards/{demo.board}/cards/{card['id']}")


def _follow(actors, demo, coordinator_api, unique, source: dict, target: dict) -> None:
    page = actors.canvas(demo.partner_b, "partner-b")
    page.click(".bw-lens-switch [data-lens='coherent']")
    # Cards with nothing special to say get the lens's usual words from one template.
    expect(coherent(page, target)).to_have_text("Ingang Geen overdrachten")
    cards_on_page = page.locator("#bw-canvas li.bw-card[data-card-id]").count()
    overlays = []
    page.on("response", lambda r: overlays.append(r) if "/reading/overlay" in r.url else None)

    handover = coordinator_api.call(
        "POST",
        f"/boards/{demo.board}/handovers",
        {"from_card_id": source["id"], "to_card_id": target["id"]},
    )
    expect(coherent(page, source)).to_contain_text("→ 1 · ← 0")
    expect(coherent(page, target)).to_contain_text("→ 0 · ← 1")
    expect(coherent(page, target)).not_to_contain_text("Ingang")  # reached through a handover

    # Renaming the target changes the source's list too (its handover partner).
    renamed = unique("Budgetcoach thuis")
    coordinator_api.call(
        "PATCH",
        f"/boards/{demo.board}/cards/{target['id']}",
        {"version": target["version"], "title": renamed},
    )
    expect(coherent(page, source).locator(".bw-handovers__list")).to_contain_text(renamed)

    coordinator_api.call("DELETE", f"/boards/{demo.board}/handovers/{handover['id']}")
    expect(coherent(page, target)).to_have_text("Ingang Geen overdrachten")
    expect(coherent(page, source)).to_have_text("Ingang Geen overdrachten")

    # Every refresh named its cards, and none brought the whole board's card parts.
    assert overlays
    for response in overlays:
        asked = parse_qs(urlparse(response.url).query, keep_blank_values=True)
        assert "cards" in asked, response.url
        parts = response.text().count("data-reading-card=")
        assert parts <= 2, (response.url, parts, cards_on_page)

    # The phase and cell figures are those a freshly loaded page shows.
    fresh = actors.canvas(demo.partner_a, "partner-a")
    for selector in ("[data-reading-phase]", "[data-reading-cell]"):
        expect(page.locator(f"#bw-canvas {selector}")).to_have_text(
            fresh.locator(f"#bw-canvas {selector}").all_text_contents()
        )
