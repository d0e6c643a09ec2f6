"""The pages fit the screens people have; the run leaves screenshots in test-artifacts/screenshots/.

`make screenshots` sets BRUGWERK_SCREENSHOTS=docs/screenshots to refresh the README's pictures; a
plain test run never changes a tracked file. These run on their own server with the untouched demo
board, so the pictures show no test data.
"""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / os.environ.get("BRUGWERK_SCREENSHOTS", "test-artifacts/screenshots")
LAPTOP = {"width": 1280, "height": 800}
PROJECTOR = {"width": 1920, "height": 1080}
TABLET = {"width": 768, "height": 1024}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def share_url(pristine_server):
    return pristine_server.api().call("POST", "/boards/1/share-links", {"label": "Directie"})["url"]


def shoot(page, name: str) -> None:
    """Save the visible screen (not the whole page: this is what people see at this size)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(SHOTS / f"{name}.png"), animations="disabled")


def sideways(page) -> list[str]:
    """Return what makes the page itself scroll sideways (only the canvas may, in its frame).

    Found by hiding each child in turn, down the tree, until the page fits: an element that
    escapes its frame (absolutely placed, its containing block outside the frame) widens the
    page while its ancestors look innocent, so comparing boxes with the screen misses it."""
    return page.evaluate("""() => {
        const root = document.documentElement;
        const wide = () => root.scrollWidth > root.clientWidth;
        if (!wide()) return [];
        const path = [];
        for (let node = document.body, next; node; node = next) {
            next = null;
            for (const child of node.children) {
                const display = child.style.display;
                child.style.display = "none";
                const narrows = !wide();
                child.style.display = display;
                if (narrows) { next = child; break; }
            }
            if (next) path.push(next.tagName.toLowerCase() + (next.id ? "#" + next.id : "")
                + "." + String(next.className).split(" ")[0]);
        }
        const size = `${root.scrollWidth} px wide on a ${root.clientWidth} px screen`;
        return [size, ...path.slice(-4)];
    }""")


def test_laptop_screens(pristine_actors, demo):
    login = pristine_actors.page(None, "/login", viewport=LAPTOP, name="login")
    shoot(login, "login-1280x800")
    page = pristine_actors.page(demo.coordinator, "/", viewport=LAPTOP, name="coordinator")
    shoot(page, "boards-1280x800")
    page.goto(f"/boards/{demo.board}")
    expect(page.locator("#bw-status")).to_have_class(re.compile("bw-status--connected"))
    assert sideways(page) == []
    shoot(page, "canvas-1280x800")
    page.get_by_role("group", name="Lens").get_by_role("button").nth(2).click()
    shoot(page, "canvas-lens-efficient-1280x800")
    page.goto(f"/boards/{demo.board}/bridge")
    shoot(page, "bridge-1280x800")


def test_the_present_view_on_a_projector_has_larger_type(pristine_actors, demo):
    page = pristine_actors.page(
        demo.coordinator, f"/boards/{demo.board}", viewport=PROJECTOR, name="projector"
    )
    title = page.locator(".bw-card__title").first
    normal = float(title.evaluate("el => parseFloat(getComputedStyle(el).fontSize)"))
    page.locator("#bw-present-toggle").click()
    expect(page.locator("body")).to_have_class(re.compile(r"\bbw-present\b"))
    expect(page.locator("#bw-present-toggle")).to_have_attribute("aria-pressed", "true")
    larger = float(title.evaluate("el => parseFloat(getComputedStyle(el).fontSize)"))
    assert larger > normal
    page.evaluate("document.activeElement.blur()")  # no focus ring on the picture
    shoot(page, "canvas-present-1920x1080")
    page.locator("#bw-present-toggle").click()  # leave it, as a person would
    expect(page.locator("body")).not_to_have_class(re.compile(r"\bbw-present\b"))


def test_the_canvas_on_a_phone_scrolls_sideways_only_in_its_frame(pristine_actors, demo):
    # The table is wider than a phone; its frame scrolls, the page itself does not (the cards'
    # visually hidden labels once stuck out of the frame and made the page 987 px wide).
    page = pristine_actors.page(
        demo.coordinator,
        f"/boards/{demo.board}",
        viewport=PHONE,
        name="phone",
        is_mobile=True,
        has_touch=True,
    )
    expect(page.locator("#bw-status")).to_have_class(re.compile("bw-status--connected"))
    frame = page.locator("#bw-canvas-frame")
    assert frame.evaluate("f => f.scrollWidth > f.clientWidth")
    assert sideways(page) == []
    shoot(page, "canvas-phone-390x844")


@pytest.mark.parametrize(("device", "viewport"), [("tablet", TABLET), ("phone", PHONE)])
def test_the_share_view_fits_a_tablet_and_a_phone(pristine_actors, share_url, device, viewport):
    page = pristine_actors.page(
        None, share_url, viewport=viewport, name=device, is_mobile=True, has_touch=True
    )
    expect(page.locator("#bw-status")).to_have_class(re.compile("bw-status--connected"))
    assert sideways(page) == []
    size = f"{viewport['width']}x{viewport['height']}"
    shoot(page, f"share-{device}-{size}")


def test_the_canvas_prints_without_controls(pristine_actors, demo):
    page = pristine_actors.page(
        demo.partner_a, f"/boards/{demo.board}", viewport=LAPTOP, name="print"
    )
    expect(page.locator(".bw-cell__add").first).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".bw-card").first).to_be_visible()
    for control in (".bw-cell__add", ".bw-header__nav", "#bw-present-toggle", ".bw-panel"):
        expect(page.locator(control).first).to_be_hidden()
