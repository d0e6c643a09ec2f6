"""The monitor page in Chromium: no WCAG violation, and the funnel follows a figure live."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import wait_live

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
