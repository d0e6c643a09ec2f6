"""Two partners on one canvas: what one does, the other sees live, without reloading."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def saved(page, card):
    """Wait until the form is answered and the card shows once (answer and push may race)."""
    expect(page.locator("#bw-canvas form.bw-card-form")).to_have_count(0)
    expect(card).to_have_count(1)


def caught_up(page, api, board):
    """Wait until the page has applied every event so far (its own echoes included)."""
    expect(page.locator("body")).to_have_attribute("data-seq", str(api.board(board)["seq"]))


def in_phase(page, phase_id, title):
    """The card titled `title` in a cell of that phase (a card is where its cell is)."""
    return page.locator(f"td.bw-cell[data-phase-id='{phase_id}'] li.bw-card").filter(
        has=page.locator(".bw-card__title", has_text=title)
    )


def click_action(card, action):
    """Hover the card (its actions drop down on hover, as for a mouse user; canvas.js adds them
    when the pointer reaches the card), then click one. The canvas scrolls in its frame: bring
    the card to the middle of the view first (at the bottom edge, the click would scroll to the
    actions below it and the pointer would no longer be over the card), then hover."""
    card.evaluate("card => card.scrollIntoView({block: 'center', inline: 'nearest'})")
    card.hover()
    card.locator(f"[data-action={action}]").click()


def open_form(page, card):
    """Open the card's edit form and wait until it has settled: canvas.js then moves the focus to
    its title, and typing into another field before that would land in the title."""
    click_action(card, "edit")
    expect(page.locator("#bw-canvas form.bw-card-form input[name=title]")).to_be_focused()


def drag(page, source, target):
    """Drag like a mouse does (SortableJS runs in fallback mode: mouse events, not HTML5 DnD)."""
    source.scroll_into_view_if_needed()
    start, end = source.bounding_box(), target.bounding_box()
    page.mouse.move(start["x"] + 20, start["y"] + 10)
    page.mouse.down()
    page.mouse.move(start["x"] + 30, start["y"] + 20, steps=3)
    page.mouse.move(end["x"] + end["width"] / 2, end["y"] + end["height"] / 2, steps=12)
    page.mouse.move(end["x"] + end["width"] / 2 + 2, end["y"] + end["height"] / 2 + 2, steps=2)
    page.mouse.up()


def test_partner_b_sees_partner_a_add_edit_and_drag_a_card(
    actors, demo, unique, ui, coordinator_api
):
    a = actors.canvas(demo.partner_a, "partner-a")
    b = actors.canvas(demo.partner_b, "partner-b")
    title = unique("Warmtescan aan huis")

    first_cell = a.locator("td.bw-cell").first
    first_cell.locator(".bw-cell__add").click()
    form = first_cell.locator("form.bw-card-form")
    form.locator("input[name=title]").fill(title)
    form.locator("button[type=submit]").click()
    saved(a, ui.card(a, title))
    expect(ui.card(b, title)).to_be_visible(timeout=demo.live)

    open_form(a, ui.card(a, title))
    edited = title + " (gratis)"
    a.locator("#bw-canvas form.bw-card-form input[name=title]").fill(edited)
    a.locator("#bw-canvas form.bw-card-form button[type=submit]").click()
    saved(a, ui.card(a, edited))
    expect(ui.card(b, edited)).to_be_visible(timeout=demo.live)

    # A push for the dragged card, or the lens overlay refreshing after it, redraws parts of the
    # card mid-drag and loses it (reported to the lead): start the drag from rest.
    caught_up(a, coordinator_api, demo.board)
    a.wait_for_timeout(800)
    target = a.locator("td.bw-cell").nth(1)
    phase_id = target.get_attribute("data-phase-id")
    drag(a, ui.card(a, edited), target.locator("ul.bw-cell__cards"))
    expect(in_phase(a, phase_id, edited)).to_be_visible()
    expect(
        b.locator(f"td.bw-cell[data-phase-id='{phase_id}']").first.locator(
            ".bw-card__title", has_text=edited
        )
    ).to_be_visible(timeout=demo.live)
    assert b.evaluate("window.bwSamePage") is True  # all of it arrived without a reload


def test_the_later_save_of_the_same_card_shows_the_conflict_view_and_loses_nothing(
    actors, demo, make_card, coordinator_api, unique, ui, axe
):
    made = make_card(unique("Keukentafelgesprek"))
    a = actors.canvas(demo.partner_a, "partner-a")
    b = actors.canvas(demo.partner_b, "partner-b")
    for page in (a, b):
        open_form(page, ui.card(page, made["title"]))
    a_title, b_title = made["title"] + " door A", made["title"] + " door B"
    a.locator("#bw-canvas form.bw-card-form input[name=title]").fill(a_title)
    b.locator("#bw-canvas form.bw-card-form textarea[name=description]").fill("Bs omschrijving")
    b.locator("#bw-canvas form.bw-card-form input[name=title]").fill(b_title)
    a.locator("#bw-canvas form.bw-card-form button[type=submit]").click()
    saved(a, ui.card(a, a_title))

    b.set_viewport_size({"width": 1280, "height": 800})
    b.locator("#bw-canvas form.bw-card-form button[type=submit]").click()
    conflict = b.locator(".bw-conflict")
    expect(conflict).to_be_visible()
    dialog = b.get_by_role("dialog")
    assert dialog.bounding_box()["width"] >= 640  # a wide dialog, not the 200 px card
    assert axe(b, "dialog") == []
    b.set_viewport_size({"width": 390, "height": 844})
    expect(dialog).to_have_js_property("offsetWidth", 390)  # a phone: the whole width
    b.set_viewport_size({"width": 1280, "height": 800})
    expect(conflict.locator(".bw-conflict__theirs [data-field=title]")).to_have_text(a_title)
    expect(conflict.locator(".bw-conflict__mine input[name=title]")).to_have_value(b_title)
    expect(conflict.locator(".bw-conflict__mine textarea[name=description]")).to_have_value(
        "Bs omschrijving"
    )
    current = coordinator_api.call("GET", f"/boards/{demo.board}/cards/{made['id']}")
    assert current["title"] == a_title  # the later save did not overwrite

    conflict.locator(".bw-conflict__mine input[name=title]").fill(a_title + " en B")
    conflict.locator(".bw-conflict__mine button[type=submit]").click()
    expect(ui.card(a, a_title + " en B")).to_be_visible(timeout=demo.live)
    merged = coordinator_api.call("GET", f"/boards/{demo.board}/cards/{made['id']}")
    assert (merged["title"], merged["description"]) == (a_title + " en B", "Bs omschrijving")


def test_a_card_moves_by_keyboard_only_and_keeps_focus(actors, demo, make_card, unique, ui):
    made = make_card(unique("Subsidiecheck"), phase=1)
    a = actors.canvas(demo.partner_a, "partner-a")
    b = actors.canvas(demo.partner_b, "partner-b")
    ui.card(a, made["title"]).focus()  # a keyboard user reaches the card, then its controls
    right = ui.card(a, made["title"]).locator("[data-move=right]")
    right.focus()
    a.keyboard.press("Enter")
    next_phase = a.locator("th.bw-phase").nth(2).get_attribute("data-phase-id")
    expect(in_phase(a, next_phase, made["title"])).to_be_visible()
    expect(in_phase(b, next_phase, made["title"])).to_be_visible(timeout=demo.live)
    # Focus stays on the control the person used, so they can keep moving with Enter.
    assert a.evaluate("document.activeElement.dataset.move") == "right"
    a.keyboard.press("Enter")
    after_next = a.locator("th.bw-phase").nth(3).get_attribute("data-phase-id")
    expect(in_phase(b, after_next, made["title"])).to_be_visible(timeout=demo.live)


def test_a_card_is_deleted_only_after_confirming_and_goes_for_everyone(
    actors, demo, make_card, coordinator_api, unique, ui
):
    made = make_card(unique("Warmtepompspreekuur"))
    a = actors.canvas(demo.partner_a, "partner-a")
    b = actors.canvas(demo.partner_b, "partner-b")

    click_action(ui.card(a, made["title"]), "delete")
    a.locator("#bw-confirm button[value=cancel]").click()
    a.wait_for_timeout(300)  # time for a request that must not be sent
    expect(ui.card(a, made["title"])).to_have_count(1)
    assert made["id"] in {c["id"] for c in coordinator_api.board(demo.board)["cards"]}

    click_action(ui.card(a, made["title"]), "delete")
    a.locator("#bw-confirm button[value=ok]").click()
    expect(ui.card(a, made["title"])).to_have_count(0)
    expect(ui.card(b, made["title"])).to_have_count(0, timeout=demo.live)
    assert made["id"] not in {c["id"] for c in coordinator_api.board(demo.board)["cards"]}


def test_the_feed_line_comes_with_the_push_in_each_readers_language(
    actors, demo, make_card, unique, ui
):
    made = make_card(unique("Feedkaart"))
    a = actors.canvas(demo.partner_a, "partner-a")
    b = actors.page(demo.partner_b, name="partner-b-english", locale="en-GB")
    fetched = []
    b.on("request", lambda request: "/activity" in request.url and fetched.append(request.url))
    b.goto(f"/boards/{demo.board}")
    ui.wait_live(b)
    open_form(a, ui.card(a, made["title"]))
    renamed = made["title"] + " (feed)"
    a.locator("#bw-canvas form.bw-card-form input[name=title]").fill(renamed)
    a.locator("#bw-canvas form.bw-card-form button[type=submit]").click()
    first_line = "#bw-feed .bw-feed__item >> nth=0"
    expect(b.locator(first_line)).to_contain_text(f"changed card ‘{renamed}’", timeout=demo.live)
    expect(a.locator(first_line)).to_contain_text(f"wijzigde kaart ‘{renamed}’")
    assert b.locator("#bw-feed .bw-feed__item").count() <= 40  # the feed keeps its length
    b.wait_for_timeout(500)  # a fetch of the feed would have started by now
    assert fetched == []
