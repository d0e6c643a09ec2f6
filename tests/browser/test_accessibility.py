"""axe-core finds no WCAG 2.0/2.1 A or AA violation on any page people use."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

COORDINATOR = "coordinator"
# (name, who, path): who is "coordinator", "anonymous" or "share" (through a read-only link).
# The meeting pages (list, agenda, meeting mode, minutes), share links and import are checked
# in test_meeting_follow.py, with a running meeting.
PAGES = [
    ("login", "anonymous", "/login"),
    ("board-list", COORDINATOR, "/"),
    ("canvas", COORDINATOR, "/boards/{board}"),
    ("bridge", COORDINATOR, "/boards/{board}/bridge"),
    ("markers", COORDINATOR, "/boards/{board}/markers"),
    ("next-steps", COORDINATOR, "/boards/{board}/next-steps"),
    ("rounds", COORDINATOR, "/boards/{board}/rounds"),
    ("settings", COORDINATOR, "/boards/{board}/settings"),
    ("notifications", COORDINATOR, "/boards/{board}/notifications"),
    ("share-view", "share", "{share_url}"),
    ("not-found", COORDINATOR, "/boards/{board}/nothing-here"),
]


@pytest.fixture(scope="module")
def share_url(live_server):
    api = live_server.api()
    return api.call("POST", "/boards/1/share-links", {"label": "Toegankelijkheid"})["url"]


def open_page(actors, demo, who, path, share_url):
    email = demo.coordinator if who == COORDINATOR else None
    page = actors.page(email, path.format(board=demo.board, share_url=share_url), name=who)
    page.wait_for_load_state("networkidle")
    return page


@pytest.mark.parametrize(("name", "who", "path"), PAGES, ids=[p[0] for p in PAGES])
def test_page_has_no_wcag_violation(actors, demo, axe, share_url, name, who, path):
    page = open_page(actors, demo, who, path, share_url)
    assert axe(page) == []


def test_canvas_has_no_wcag_violation_with_each_lens_on(actors, demo, axe, share_url):
    page = open_page(actors, demo, COORDINATOR, "/boards/{board}", share_url)
    lenses = page.get_by_role("group", name="Lens").get_by_role("button")
    names = lenses.all_inner_texts()
    assert len(names) >= 4  # none, effective, efficient, coherent
    found = {}
    for index, lens in enumerate(names):
        if index == 0:
            continue  # "none": the plain canvas, checked with the other pages
        lenses.nth(index).click()
        expect(lenses.nth(index)).to_have_attribute("aria-pressed", "true")
        page.wait_for_load_state("networkidle")
        found[lens] = axe(page, "#bw-canvas-region")  # the lens changes the canvas only
    assert found == {lens: [] for lens in names[1:]}


def test_canvas_with_organisation_highlighting_keeps_contrast(actors, demo, axe, share_url):
    page = open_page(actors, demo, COORDINATOR, "/boards/{board}", share_url)
    page.locator(".bw-legend__org").first.click()
    expect(page.locator(".bw-card--dimmed").first).to_be_visible()
    assert axe(page, "#bw-canvas-region") == []


def test_english_pages_have_no_wcag_violation(actors, demo, axe):
    # The browser asks for English; nobody's saved language changes (other tests read Dutch).
    for email, path in ((None, "/login"), (demo.partner_b, "/")):
        page = actors.page(email, path, locale="en-GB", name=f"english-{email}")
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(page.get_by_role("button", name="Nederlands")).to_be_visible()
        assert axe(page) == []
