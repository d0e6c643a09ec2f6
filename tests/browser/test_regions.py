"""The region pages in Chromium: boards side by side without a WCAG violation, card texts only
where a board shares them, and a table that scrolls sideways on a phone, not the page."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def region(coordinator_api, unique):
    """A region with two boards of the demo coordinator's: one shares its card texts."""
    made = coordinator_api.call("POST", "/regions", {"name": unique("Regio")})
    boards = []
    for name, shares in (("Gemeente Noord", True), ("Gemeente Zuid", False)):
        board = coordinator_api.call("POST", "/boards", {"name": unique(name)})
        coordinator_api.call(
            "PUT",
            f"/boards/{board['id']}/figures",
            {"period": "2026-Q3", "phase_id": board["phases"][0]["id"], "reached": 120},
        )
        organisation = coordinator_api.call(
            "POST", f"/boards/{board['id']}/organisations", {"name": "Energieloket"}
        )
        coordinator_api.call(
            "POST",
            f"/boards/{board['id']}/cards",
            {
                "phase_id": board["phases"][0]["id"],
                "organisation_id": organisation["id"],
                "title": f"Spreekuur {name}",
            },
        )
        coordinator_api.call(
            "POST",
            f"/regions/{made['id']}/boards",
            {"board_id": board["id"], "share_texts": shares},
        )
        boards.append(board)
    return {"id": made["id"], "name": made["name"], "boards": boards}


@pytest.mark.parametrize("size", [(1280, 800), (390, 844)])
def test_the_region_page_shows_its_boards_side_by_side(actors, demo, axe, region, size):
    viewport = {"width": size[0], "height": size[1]}
    page = actors.page(demo.coordinator, f"/regions/{region['id']}", viewport=viewport)
    expect(page.get_by_role("heading", level=1)).to_contain_text(region["name"])
    for board in region["boards"]:
        expect(page.locator("table").first).to_contain_text(board["name"])
    # Card texts only of the board that shares them.
    expect(page.get_by_text("Spreekuur Gemeente Noord")).to_be_visible()
    expect(page.get_by_text("Spreekuur Gemeente Zuid")).to_have_count(0)
    assert axe(page) == []
    # The page never scrolls sideways; the wide table does, inside its own box.
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")


def test_the_regions_list_and_a_boards_regions_page_are_accessible(actors, demo, axe, region):
    page = actors.page(demo.coordinator, "/regions")
    expect(page.get_by_role("link", name=region["name"])).to_be_visible()
    assert axe(page) == []
    page.goto(f"/boards/{region['boards'][1]['id']}/regions")
    expect(page.get_by_text(region["name"]).first).to_be_visible()
    assert axe(page) == []
