"""Keyboard users are fast (issue 12, point 7): skip links, the canvas as one tab stop with the
arrow keys between cards and cells, the focus on a saved card, actions clear of "+ Aanbod"."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# What has the focus: its tag, the card or cell it is in, whether it is in the canvas or the panel.
FOCUS = """() => {
    const a = document.activeElement;
    const card = a.closest('li.bw-card[data-card-id]');
    const cell = a.closest('td.bw-cell');
    return {tag: a.tagName, id: a.id, card: card ? card.dataset.cardId : null,
            phase: cell ? cell.dataset.phaseId : null, item: a.matches('li.bw-card, td.bw-cell'),
            grid: Boolean(a.closest('#bw-canvas')), panel: Boolean(a.closest('#bw-panel')),
            tabindex: a.getAttribute('tabindex')};
}"""
# Well above what the page needs outside the canvas (~32), far below one stop per card (272).
TAB_STOPS_BEFORE_PANEL = 45


def focus(page) -> dict:
    return page.evaluate(FOCUS)


def tab_into_canvas(page, limit: int = 80) -> int:
    """Press Tab from the top of the page until the focus is in the canvas; return the presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if focus(page)["grid"]:
            return presses
    raise AssertionError("Tab never reached the canvas")


def test_the_canvas_is_one_tab_stop_and_the_arrows_reach_a_card_in_another_phase(actors, demo):
    page = actors.canvas(demo.partner_a, "keyboard")
    tab_into_canvas(page)
    start = focus(page)
    assert start["item"] and start["tabindex"] == "0"
    page.keyboard.press("Tab")  # one stop: the next Tab leaves the canvas
    assert not focus(page)["grid"]
    page.keyboard.press("Shift+Tab")
    assert focus(page)["id"] == start["id"]

    for _ in range(8):  # to the right, phase by phase, until a card in another phase
        page.keyboard.press("ArrowRight")
        now = focus(page)
        if now["card"] and now["phase"] != start["phase"]:
            break
    assert now["card"] and now["phase"] != start["phase"] and now["tabindex"] == "0"
    position = page.locator("#bw-grid-position")
    expect(position).to_contain_text("kaart")  # "Fase × Baan, kaart 1 van 2", its description
    assert page.evaluate("document.activeElement.getAttribute('aria-describedby')") == (
        "bw-grid-position"
    )

    page.keyboard.press("Enter")  # opens the card: the edit form, its title field focused
    title = page.locator(f'li[data-editing][data-card-id="{now["card"]}"] input[name=title]')
    expect(title).to_be_focused()
    page.locator(f'li[data-editing][data-card-id="{now["card"]}"]').get_by_role(
        "button", name="Annuleren"
    ).press("Enter")
    expect(page.locator(f'li.bw-card[data-card-id="{now["card"]}"]')).to_be_focused()


def test_f2_reaches_the_controls_of_a_card_and_esc_comes_back(actors, demo, make_card, unique):
    made = make_card(unique("Toetsenkaart"), phase=2, lane=1)
    page = actors.canvas(demo.partner_a, "keyboard")
    card = page.locator(f'li.bw-card[data-card-id="{made["id"]}"]')
    card.focus()
    page.keyboard.press("F2")
    expect(card.locator("[data-move=left]")).to_be_focused()
    expect(card.locator(".bw-card__actions")).to_be_visible()
    for _ in range(6):  # Tab stays with the card and its cell: four moves, edit, delete, + Aanbod
        page.keyboard.press("Tab")
        assert focus(page)["grid"]
    page.keyboard.press("Escape")
    expect(card).to_be_focused()


def test_the_demo_board_has_few_tab_stops_before_the_side_panel(actors, demo):
    page = actors.canvas(demo.coordinator, "tab-stops")
    stops, in_canvas = 0, 0
    while not focus(page)["panel"]:
        page.keyboard.press("Tab")
        stops += 1
        in_canvas += focus(page)["grid"]
        assert stops <= TAB_STOPS_BEFORE_PANEL, "too many tab stops before the side panel"
    assert in_canvas == 1


def test_skip_links_move_the_focus_to_the_canvas_and_the_side_panel(actors, demo):
    page = actors.canvas(demo.partner_a, "skip")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    to_canvas = page.get_by_role("link", name="Naar het canvas")
    expect(to_canvas).to_be_focused()
    expect(to_canvas).to_be_in_viewport()  # visible on focus
    page.keyboard.press("Enter")
    landed = focus(page)
    assert landed["grid"] and landed["item"]
    page.keyboard.press("ArrowDown")  # at once in the grid: the arrows work
    assert focus(page)["grid"]

    page.reload()
    for _ in range(3):
        page.keyboard.press("Tab")
    to_panel = page.get_by_role("link", name="Naar het zijpaneel")
    expect(to_panel).to_be_focused()
    expect(to_panel).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("#bw-panel")).to_be_focused()


def test_after_saving_a_new_or_edited_card_the_focus_is_on_that_card(actors, demo, unique):
    page = actors.canvas(demo.partner_a, "save")
    cell = page.locator("#bw-canvas tbody tr").nth(3).locator("td.bw-cell").nth(6)
    cell.locator(".bw-cell__add").click()
    title = unique("Nieuw per toetsenbord")
    field = cell.locator("input[name=title]")
    expect(field).to_be_focused()
    field.fill(title)
    field.press("Enter")
    # (The live push of the new card may race the form's answer: one of them stays.)
    expect(cell.locator("li.bw-card[data-card-id]:focus", has_text=title)).to_have_count(1)
    expect(cell.locator("li.bw-card[data-card-id]", has_text=title)).to_have_count(1)
    expect(cell.locator("li.bw-card[data-card-id]", has_text=title)).to_have_attribute(
        "tabindex", "0"
    )

    page.keyboard.press("Enter")  # edit it: Enter opens, Enter in the title saves
    renamed = title + " (bewerkt)"
    field = cell.locator("li[data-editing] input[name=title]")
    expect(field).to_be_focused()
    field.fill(renamed)
    field.press("Enter")
    expect(cell.locator("li.bw-card[data-card-id]:focus", has_text=renamed)).to_have_count(1)


def test_the_tab_stop_survives_a_live_redraw_of_its_card(
    actors, demo, coordinator_api, make_card, unique
):
    made = make_card(unique("Rovende kaart"), phase=4, lane=2)
    page = actors.canvas(demo.partner_a, "redraw")
    page.locator(f'li.bw-card[data-card-id="{made["id"]}"]').focus()
    renamed = made["title"] + " (bijgewerkt)"
    coordinator_api.call(
        "PATCH",
        f"/boards/{demo.board}/cards/{made['id']}",
        {"version": made["version"], "title": renamed},
    )
    fresh = page.locator(f'li.bw-card[data-card-id="{made["id"]}"]', has_text=renamed)
    expect(fresh).to_be_visible(timeout=demo.live)
    expect(fresh).to_have_attribute("tabindex", "0")
    expect(fresh).to_be_focused()
    assert page.locator("#bw-canvas [tabindex='0']").count() == 1


# Whether the card's actions and its cell's "+ Aanbod" share any pixel (bounding boxes).
OVERLAP = """(card) => {
    const a = card.querySelector('.bw-card__actions').getBoundingClientRect();
    const b = card.closest('td').querySelector('.bw-cell__add').getBoundingClientRect();
    return a.width > 0 && a.bottom > b.top && b.bottom > a.top
        && a.right > b.left && b.right > a.left;
}"""


@pytest.mark.parametrize("viewport", [(1280, 800), (1920, 1080), (390, 844)])
def test_the_card_actions_never_cover_the_add_button(actors, demo, make_card, unique, viewport):
    for name in ("Eerste", "Tweede", "Derde"):
        make_card(unique(name), phase=5, lane=2)
    width, height = viewport
    page = actors.page(
        demo.partner_a,
        f"/boards/{demo.board}",
        name="popover",
        viewport={"width": width, "height": height},
    )
    cell = page.locator("#bw-canvas tbody tr").nth(2).locator("td.bw-cell").nth(5)
    for density in ("overzicht", "normaal", "groot"):
        page.locator(f'button[data-density="{density}"]').click()
        cards = cell.locator("li.bw-card[data-card-id]")
        for index in range(cards.count()):
            card = cards.nth(index)
            for show in (card.hover, card.focus):
                page.mouse.move(0, 0)
                page.evaluate("document.activeElement.blur()")
                show()
                expect(card.locator(".bw-card__actions")).to_be_visible()
                covers = card.evaluate(OVERLAP)
                assert not covers, f"{density} {viewport}: card {index}'s actions cover + Aanbod"


def test_the_grid_with_a_focused_card_has_no_axe_violations(actors, demo, axe):
    page = actors.canvas(demo.partner_a, "axe-grid")
    tab_into_canvas(page)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")
    assert focus(page)["item"]
    assert axe(page) == []
    page.keyboard.press("F2")
    assert axe(page) == []
    roles = page.evaluate("""() => ({
        grid: document.getElementById('bw-canvas').getAttribute('role'),
        columns: document.querySelectorAll('#bw-canvas thead th[scope=col][data-phase-id]').length,
        rows: document.querySelectorAll('#bw-canvas tbody th[scope=row]').length})""")
    assert roles["grid"] == "grid" and roles["columns"] >= 7 and roles["rows"] >= 4
