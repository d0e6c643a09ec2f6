"""The monitor page in Chromium: no WCAG violation, the funnel follows a figure live, the grid
of figures moves like a spreadsheet, and target groups come in from a sheet."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import wait_live
from tests.intake.files import csv_file

pytestmark = pytest.mark.browser


@pytest.fixture
def monitored(coordinator_api, unique):
    """A board of its own (the demo board stays as the other tests expect it) with a quarter."""
    board = coordinator_api.call("POST", "/boards", {"name": unique("Monitor")})
    phases = [p["id"] for p in board["phases"]]
    for phase_id, reached in zip(phases, (800, 400, 200, 100, 60, 40, 30), strict=False):
        coordinator_api.call(
            "PUT",
            f"/boards/{board['id']}/figures",
            {
                "period": "2026-Q3",
                "phase_id": phase_id,
                "reached": reached,
                "moved_on": reached // 2,
            },
        )
    coordinator_api.call(
        "POST", f"/boards/{board['id']}/target-groups", {"name": "Eigenaar-bewoners", "size": 4200}
    )
    return {"id": board["id"], "phases": phases}


def test_the_monitor_page_has_no_wcag_violation(actors, demo, axe, monitored):
    page = actors.page(demo.coordinator, f"/boards/{monitored['id']}/monitor")
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("img", name="Trechter van")).to_be_visible()
    assert axe(page) == []


def test_the_funnel_follows_a_figure_live(actors, demo, coordinator_api, monitored):
    page = actors.page(demo.coordinator, f"/boards/{monitored['id']}/monitor?period=2026-Q3")
    wait_live(page)
    first = page.locator(f"#bw-funnel-table tr[data-phase-id='{monitored['phases'][0]}']")
    expect(first.locator("[data-reached]")).to_have_text("800")
    coordinator_api.call(
        "PUT",
        f"/boards/{monitored['id']}/figures",
        {"period": "2026-Q3", "phase_id": monitored["phases"][0], "reached": 1234},
    )
    expect(first.locator("[data-reached]")).to_have_text("1.234", timeout=demo.live * 1000)
    step = page.locator(f"g.bw-funnel__step[data-phase-id='{monitored['phases'][0]}']")
    expect(step).to_have_attribute("data-reached", "1234")


def test_the_figures_grid_moves_like_a_spreadsheet(actors, demo, coordinator_api, monitored):
    page = actors.page(demo.coordinator, f"/boards/{monitored['id']}/monitor?period=2026-Q4")
    first, second = monitored["phases"][:2]
    reached = page.locator(f"#f-{first}-0-reached")
    reached.fill("1.200")  # as people write it
    reached.press("ArrowRight")  # the caret at the end: on to the next field
    moved_on = page.locator(f"#f-{first}-0-moved_on")
    expect(moved_on).to_be_focused()
    moved_on.type("300")
    moved_on.press("ArrowDown")  # the same column, a row down; not the number counted down
    expect(page.locator(f"#f-{second}-0-moved_on")).to_be_focused()
    expect(moved_on).to_have_value("300")
    page.keyboard.press("ArrowLeft")
    expect(page.locator(f"#f-{second}-0-reached")).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(reached).to_be_focused()
    reached.press("Home")
    reached.press("ArrowRight")  # inside the number the caret moves, the focus stays
    expect(reached).to_be_focused()
    reached.press("Enter")  # saves, as in any form
    page.wait_for_url("**/monitor?period=2026-Q4*")
    expect(page.get_by_text("cijfers opgeslagen")).to_be_visible()
    monitor = coordinator_api.call(
        "GET", f"/boards/{monitored['id']}/monitor?from=2026-Q4&to=2026-Q4"
    )
    values = {p["phase_id"]: p["per_period"][0] for p in monitor["phases"]}
    assert (values[first]["reached"], values[first]["moved_on"]) == (1200, 300)


def test_target_groups_are_imported_from_a_sheet(actors, demo, axe, monitored, tmp_path):
    sheet = tmp_path / "doelgroepen.csv"
    sheet.write_bytes(
        csv_file(
            [["Doelgroep", "Omvang"], ["Eigenaar-bewoners", "5.000"], ["Huurders", "3100"]], ";"
        )
    )
    page = actors.page(demo.coordinator, f"/boards/{monitored['id']}/monitor")
    page.get_by_role("link", name="Doelgroepen importeren uit Excel of CSV").click()
    page.wait_for_url(f"**/boards/{monitored['id']}/target-groups-import")
    page.wait_for_load_state("networkidle")  # htmx ready to send the file on change
    page.set_input_files("#target-groups-import-file", str(sheet))
    expect(page.get_by_text("1 doelgroep wordt toegevoegd")).to_be_visible()
    expect(
        page.get_by_text("1 bestaande doelgroep krijgt de omvang uit het bestand")
    ).to_be_visible()
    assert axe(page) == []
    page.get_by_role("button", name="Importeren").click()
    expect(page.get_by_text("1 doelgroep toegevoegd, 1 bijgewerkt.")).to_be_visible()
    page.get_by_role("link", name="Naar de monitor", exact=True).click()
    groups = page.locator("#bw-target-groups .bw-target-groups-table tbody tr")
    expect(groups).to_have_count(2)
    expect(groups.filter(has_text="Eigenaar-bewoners")).to_contain_text("5.000")
