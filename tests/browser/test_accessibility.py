"""axe-core finds no WCAG 2.0/2.1 A or AA violation on any page people use."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

COORDINATOR = "coordinator"
# (name, who, path): who is "coordinator", "anonymous" or "share" (through a read-only link).
PAGES = [
    ("login", "anonymous", "/login"),
    ("board-list", COORDINATOR, "/"),
    ("canvas", COORDINATOR, "/boards/{board}"),
    ("bridge", COORDINATOR, "/boards/{board}/bridge"),
    ("markers", COORDINATOR, "/boards/{board}/markers"),
    ("next-steps", COORDINATOR, "/boards/{board}/next-steps"),
    ("rounds", COORDINATOR, "/boards/{board}/rounds"),
    ("settings", COORDINATOR, "/boards/{board}/settings"),
    ("share-links", COORDINATOR, "/boards/{board}/share-links"),
    ("meetings", COORDINATOR, "/boards/{board}/meetings"),
    ("agenda", COORDINATOR, "/boards/{board}/meetings/{meeting}"),
    ("meeting-mode", COORDINATOR, "/boards/{board}/meetings/{meeting}/run"),
    ("minutes", COORDINATOR, "/boards/{board}/meetings/{meeting}/minutes"),
    ("import", COORDINATOR, "/boards/import"),
    ("share-view", "share", "{share_url}"),
    ("not-found", COORDINATOR, "/boards/{board}/nothing-here"),
]


@pytest.fixture(scope="module")
def share_url(live_server):
    api = live_server.api()
    return api.call("POST", "/boards/1/share-links", {"label": "Toegankelijkheid"})["url"]


@pytest.fixture(scope="module")
def meeting(live_server):
    """A running meeting with two agenda items, one about a phase (meeting mode has content)."""
    api = live_server.api()
    board = api.board()
    made = api.call("POST", "/boards/1/meetings", {"title": "Regio-overleg",
                                                   "starts_at": "2026-12-01T09:00:00+01:00"})
    path = f"/boards/1/meetings/{made['id']}"
    api.call("POST", f"{path}/items", {"title": "Opening", "duration_minutes": 10})
    api.call("POST", f"{path}/items", {"title": "Capaciteit oriëntatie", "ref_type": "phase",
                                       "ref_id": board["phases"][1]["id"]})
    api.call("POST", f"{path}/start")
    return made["id"]


def open_page(actors, demo, who, path, share_url, meeting=None):
    email = demo.coordinator if who == COORDINATOR else None
    url = path.format(board=demo.board, share_url=share_url, meeting=meeting)
    page = actors.page(email, url, name=who)
    page.wait_for_load_state("networkidle")
    return page


@pytest.mark.parametrize(("name", "who", "path"), PAGES, ids=[p[0] for p in PAGES])
def test_page_has_no_wcag_violation(actors, demo, axe, share_url, meeting, name, who, path):
    page = open_page(actors, demo, who, path, share_url, meeting)
    assert axe(page) == []


def test_canvas_has_no_wcag_violation_with_each_lens_on(actors, demo, axe, share_url):
    page = open_page(actors, demo, COORDINATOR, "/boards/{board}", share_url)
    lenses = page.get_by_role("group", name="Lens").get_by_role("button")
    names = lenses.all_inner_texts()
    assert len(names) >= 4  # none, effective, efficient, coherent
    found = {}
    for index, lens in enumerate(names):
        lenses.nth(index).click()
        expect(lenses.nth(index)).to_have_attribute("aria-pressed", "true")
        page.wait_for_load_state("networkidle")
        found[lens] = axe(page)
    assert found == {lens: [] for lens in names}


def test_canvas_with_organisation_highlighting_keeps_contrast(actors, demo, axe, share_url):
    page = open_page(actors, demo, COORDINATOR, "/boards/{board}", share_url)
    page.locator(".bw-legend__org").first.click()
    expect(page.locator(".bw-card--dimmed").first).to_be_visible()
    assert axe(page) == []


def test_english_pages_have_no_wcag_violation(actors, demo, axe, share_url):
    page = open_page(actors, demo, COORDINATOR, "/boards/{board}", share_url)
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name=re.compile("Present"))).to_be_visible()
    assert axe(page) == []
    page.get_by_role("button", name="Nederlands").click()  # the coordinator stays Dutch
    expect(page.locator("html")).to_have_attribute("lang", "nl")
