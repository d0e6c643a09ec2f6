"""Keyboard and screen-reader use: skip link, polite announcements, focus kept on a push."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_skip_link_is_the_first_stop_and_jumps_to_the_content(actors, demo):
    page = actors.page(demo.partner_a, f"/boards/{demo.board}", name="keyboard")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar de inhoud")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_changes_by_others_are_announced_politely(actors, demo, make_card, unique):
    listener = actors.canvas(demo.partner_b, "screen-reader")
    announcer = listener.locator("#bw-announcer")
    expect(announcer).to_have_attribute("aria-live", "polite")
    made = make_card(unique("Aangekondigde kaart"))
    expect(announcer).to_have_text(f"Fatima el Amrani maakte ‘{made['title']}’", timeout=demo.live)


def test_focus_stays_on_the_control_when_a_push_redraws_the_card(
    actors, demo, coordinator_api, make_card, unique, ui
):
    made = make_card(unique("Focuskaart"), phase=1)
    page = actors.canvas(demo.partner_a, "keyboard")
    ui.card(page, made["title"]).focus()  # the card first: its controls come with the focus
    ui.card(page, made["title"]).locator("[data-move=down]").focus()
    renamed = made["title"] + " (bijgewerkt)"
    coordinator_api.call(
        "PATCH",
        f"/boards/{demo.board}/cards/{made['id']}",
        {"version": made["version"], "title": renamed},
    )
    expect(ui.card(page, renamed)).to_be_visible(timeout=demo.live)
    focused = page.evaluate("""() => ({move: document.activeElement.dataset.move,
        card: document.activeElement.closest('[data-card-id]')?.dataset.cardId})""")
    assert focused == {"move": "down", "card": str(made["id"])}


def test_organisations_are_told_apart_without_colour(actors, demo):
    page = actors.page(demo.partner_a, f"/boards/{demo.board}", name="colour-blind")
    first = page.locator("li.bw-card[data-card-id]").first
    expect(first.locator(":scope > p").first).not_to_be_empty()  # the name, in words
    # and a pattern beside the colour (the organisation's class brings it)
    assert first.evaluate("c => getComputedStyle(c, '::before').backgroundImage") != "none"
    patterns = page.evaluate("""() => new Set(Array.from(document.querySelectorAll(
        '.bw-legend__org')).map(b => [...b.classList].find(c => c.startsWith('bw-pattern-'))
        )).size""")
    assert patterns > 1
