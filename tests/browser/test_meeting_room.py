"""The canvas in the meeting room: it fits (densities), its headers stay, presenting is a mode."""

import re
import time

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1280, "height": 800}
PROJECTOR = {"width": 1920, "height": 1080}
HEADERS = "#bw-canvas th.bw-phase[scope=col], #bw-canvas th.bw-lane[scope=row]"


def outside(page) -> list[str]:
    """Return the phase and lane headers that are not wholly inside the viewport."""
    return page.evaluate(
        """(selector) => Array.from(document.querySelectorAll(selector)).filter((th) => {
            const box = th.getBoundingClientRect();
            return box.top < 0 || box.left < 0 || box.bottom > window.innerHeight
                || box.right > window.innerWidth;
        }).map((th) => th.textContent.trim())""",
        HEADERS,
    )


def density(page, name: str) -> None:
    """Choose a density with its button, as a person would."""
    button = page.get_by_role("group", name="Weergave").get_by_role("button", name=name)
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")


def scrolled(frame, edge: str, at_least: int) -> None:
    """Wait until the frame has scrolled (smoothly, by wheel) to `at_least` along `edge`."""
    deadline = time.monotonic() + 5
    while frame.evaluate(f"el => el.{edge}") < at_least:
        assert time.monotonic() < deadline, f"{edge} stayed at {frame.evaluate(f'el => el.{edge}')}"
        time.sleep(0.05)


def add_buttons_shown(page) -> int:
    """Count the visible "+ Aanbod" controls."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll("button"))
            .filter((b) => b.textContent.trim().startsWith("+ Aanbod") && b.checkVisibility())
            .length"""
    )


@pytest.mark.parametrize("viewport", [LAPTOP, PROJECTOR], ids=["1280x800", "1920x1080"])
def test_overzicht_shows_every_phase_and_lane_of_the_demo_at_once(
    pristine_actors, demo, axe, viewport
):
    page = pristine_actors.page(demo.coordinator, f"/boards/{demo.board}", viewport=viewport)
    page.wait_for_load_state("networkidle")
    assert page.locator("#bw-canvas th.bw-phase").count() == 7
    assert page.locator("#bw-canvas th.bw-lane").count() == 4
    assert outside(page) != []  # normaal does not fit: the test can tell
    density(page, "Overzicht")
    assert outside(page) == []
    # stripe and title only: the description (the card's plain paragraph after the title) hides
    expect(page.locator("li.bw-card > p:not(:first-child, [class])").first).to_be_hidden()
    expect(page.locator(".bw-card__title").first).to_be_visible()
    assert axe(page) == []

    page.reload()  # remembered per person, and drawn at once in that density
    expect(page.locator("html")).to_have_attribute("data-density", "overzicht")
    assert outside(page) == []
    density(page, "Normaal")  # the next test starts from the default


def test_each_density_passes_axe(pristine_actors, demo, axe):
    page = pristine_actors.page(demo.coordinator, f"/boards/{demo.board}", viewport=LAPTOP)
    page.wait_for_load_state("networkidle")
    title = page.locator(".bw-card__title").first
    sizes = {}
    for name in ("Groot", "Overzicht", "Normaal"):
        density(page, name)
        sizes[name] = title.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
        assert axe(page, "main") == [], name
    assert sizes["Overzicht"] < sizes["Normaal"] < sizes["Groot"]


def test_headers_stay_and_stay_aligned_when_the_canvas_scrolls(actors, demo, make_card, unique):
    for _ in range(14):  # a crowded first cell makes the canvas tall enough to scroll 1,500 px
        make_card(unique("Buurtgesprek"))
    page = actors.page(demo.partner_a, f"/boards/{demo.board}", viewport=LAPTOP)
    page.wait_for_load_state("networkidle")
    frame = page.locator(".bw-canvas-scroll")
    frame.hover()
    page.mouse.wheel(0, 1500)
    scrolled(frame, "scrollTop", 1500)
    page.mouse.wheel(600, 0)
    scrolled(frame, "scrollLeft", 300)
    boxes = page.evaluate(
        """() => {
        const frame = document.querySelector(".bw-canvas-scroll").getBoundingClientRect();
        const box = (el) => { const r = el.getBoundingClientRect();
            return {top: r.top, left: r.left, width: r.width, height: r.height}; };
        const last = document.querySelector("#bw-canvas tbody tr:last-child");
        return {
            frame: box(document.querySelector(".bw-canvas-scroll")), frameTop: frame.top,
            phases: Array.from(document.querySelectorAll("th.bw-phase")).map((th) => ({
                head: box(th),
                cell: box(last.querySelector(`td[data-phase-id="${th.dataset.phaseId}"]`)),
            })),
            lane: box(last.querySelector("th.bw-lane")), row: box(last),
            corner: box(document.querySelector(".bw-canvas__corner")),
        };
    }"""
    )
    frame_box = boxes["frame"]
    for phase in boxes["phases"]:
        head, cell = phase["head"], phase["cell"]
        assert abs(head["top"] - frame_box["top"]) <= 2  # stuck to the top of the frame
        assert 0 <= head["top"] < LAPTOP["height"]
        assert abs(head["left"] - cell["left"]) <= 1  # aligned with its column
        assert abs(head["width"] - cell["width"]) <= 1
    assert abs(boxes["lane"]["left"] - frame_box["left"]) <= 2  # lane header stuck to the side
    assert abs(boxes["lane"]["top"] - boxes["row"]["top"]) <= 1  # aligned with its row
    assert abs(boxes["corner"]["left"] - frame_box["left"]) <= 2
    assert abs(boxes["corner"]["top"] - frame_box["top"]) <= 2


def test_presenting_is_a_mode_that_esc_ends_and_a_reload_forgets(pristine_actors, demo, axe):
    page = pristine_actors.page(demo.coordinator, f"/boards/{demo.board}", viewport=PROJECTOR)
    page.wait_for_load_state("networkidle")
    present = page.get_by_role("button", name="Presenteren")
    assert add_buttons_shown(page) > 0
    present.click()
    expect(present).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_text("Je presenteert", exact=True)).to_be_visible()  # the visible on-state
    assert add_buttons_shown(page) == 0
    page.locator(".bw-card").first.hover()
    expect(page.locator(".bw-card__actions").first).to_be_hidden()
    expect(page.get_by_role("link", name="Inventaris (Excel)")).to_be_hidden()
    expect(page.locator("html")).to_have_attribute("data-density", "overzicht")
    assert outside(page) == []
    assert axe(page) == []

    page.keyboard.press("Escape")
    expect(present).to_have_attribute("aria-pressed", "false")
    expect(page.locator("body")).not_to_have_class(re.compile(r"\bbw-present\b"))
    expect(page.locator("html")).not_to_have_attribute("data-density", "overzicht")
    assert add_buttons_shown(page) > 0

    present.click()
    expect(page.locator("body")).to_have_class(re.compile(r"\bbw-present\b"))
    page.reload()
    page.wait_for_load_state("networkidle")
    expect(page.locator("body")).not_to_have_class(re.compile(r"\bbw-present\b"))
    expect(present).to_have_attribute("aria-pressed", "false")
    assert add_buttons_shown(page) > 0


def test_the_header_names_the_person_once(actors, demo):
    page = actors.canvas(demo.coordinator, "coordinator")
    expect(page.locator(".bw-presence__user--me")).to_have_count(1)
    name = page.locator(".bw-header__user").inner_text()
    shown = page.evaluate(
        """(name) => {  // text that is drawn (not a screen-reader-only copy) and holds the name
            const walker = document.createTreeWalker(document.querySelector("header"), 4);
            let count = 0;
            while (walker.nextNode()) {
                if (!walker.currentNode.textContent.includes(name)) continue;
                const box = walker.currentNode.parentElement.getBoundingClientRect();
                if (box.width > 2 && box.height > 2) count += 1;
            }
            return count;
        }""",
        name,
    )
    assert shown == 1
    expect(page.locator("html")).to_have_attribute("lang", "nl")
