"""Numbers on the pages are written the Dutch way: 6.000 households, not 6000."""

import re

import pytest

pytestmark = pytest.mark.browser

# Four or more digits without a thousands separator; years (19xx, 20xx) are written that way.
# Digits inside a word are a code, not a number: other tests' cards on the shared demo board
# carry titles like "Energiecafé xcd6719".
BARE = re.compile(r"(?<![\w.,:/#-])\d{4,}(?![\w.,:])")
VISIBLE_AND_SPOKEN = """() => [document.body.innerText,
    ...Array.from(document.querySelectorAll("[aria-label], [title]"), el =>
        (el.getAttribute("aria-label") || "") + " " + (el.getAttribute("title") || "")),
    ...Array.from(document.querySelectorAll("svg"), el => el.textContent)].join(" ")"""


def bare_numbers(page) -> list[str]:
    page.wait_for_load_state("networkidle")
    return sorted(
        {
            number
            for number in BARE.findall(page.evaluate(VISIBLE_AND_SPOKEN))
            if not re.fullmatch(r"(19|20)\d\d", number)
        }
    )


def test_numbers_are_formatted_the_dutch_way(actors, demo, coordinator_api):
    link = coordinator_api.call("POST", f"/boards/{demo.board}/share-links", {"label": "Cijfers"})
    page = actors.page(demo.coordinator, name="coordinator")
    found = {}
    for path in (f"/boards/{demo.board}", f"/boards/{demo.board}/bridge", link["url"]):
        page.goto(path)
        found[path] = bare_numbers(page)
    assert found == {path: [] for path in found}
    assert "6.000" in page.locator("body").inner_text()  # the demo's demand in awareness
