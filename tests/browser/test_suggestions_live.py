"""Suggestions are never stale: every open page follows the board, and a stale accept says so."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def new_lane(coordinator_api, demo, unique):
    """A lane of its own (every cell empty: a "Gat" per phase), removed after the test."""
    lane = coordinator_api.call("POST", f"/boards/{demo.board}/lanes", {"name": unique("Baan")})
    yield lane
    board = coordinator_api.board()
    for card in board["cards"]:
        if card["lane_id"] == lane["id"]:
            coordinator_api.call("DELETE", f"/boards/{demo.board}/cards/{card['id']}")
    coordinator_api.call("DELETE", f"/boards/{demo.board}/lanes/{lane['id']}")


def gap(page, phase: dict, lane: dict):
    """Return the "Gat" suggestion of one cell in the page's suggestions list."""
    return page.locator("#bw-suggestions .bw-suggestion").filter(
        has_text=f"Gat: {phase['name']} × {lane['name']}"
    )


def test_a_filled_cell_leaves_the_suggestions_of_every_open_page(
    actors, demo, coordinator_api, new_lane, unique
):
    phase = coordinator_api.board()["phases"][1]
    a = actors.canvas(demo.partner_a, "partner-a")
    b = actors.canvas(demo.partner_b, "partner-b")
    expect(gap(b, phase, new_lane)).to_have_count(1)

    cell = a.locator(f'td.bw-cell[data-phase-id="{phase["id"]}"][data-lane-id="{new_lane["id"]}"]')
    cell.locator(".bw-cell__add").click()
    form = cell.locator("form.bw-card-form")
    form.locator("input[name=title]").fill(unique("Keukentafelgesprek"))
    form.locator("button[type=submit]").click()

    expect(gap(b, phase, new_lane)).to_have_count(0, timeout=demo.live)
    expect(gap(a, phase, new_lane)).to_have_count(0, timeout=demo.live)
    assert b.evaluate("window.bwSamePage") is True


def test_accepting_a_suggestion_that_no_longer_holds_says_so(
    actors, demo, coordinator_api, make_card, new_lane, unique, axe
):
    board = coordinator_api.board()
    phase = board["phases"][2]
    page = actors.canvas(demo.coordinator, "coordinator")
    suggestion = gap(page, phase, new_lane)
    accept = suggestion.get_by_role("button", name="Overnemen als markering")
    # The person has the button in hand (focused: the list waits for them) when a partner fills
    # the cell.
    accept.focus()
    lane_index = [lane["id"] for lane in coordinator_api.board()["lanes"]].index(new_lane["id"])
    make_card(unique("Energiecoach"), phase=2, lane=lane_index)
    page.wait_for_timeout(600)
    accept.press("Enter")

    message = page.locator("#bw-suggestions-message")
    expect(message).to_contain_text("geldt niet meer")
    expect(message.get_by_role("alert")).to_be_visible()
    expect(gap(page, phase, new_lane)).to_have_count(0)
    assert axe(page, "#bw-reading-panel") == []
