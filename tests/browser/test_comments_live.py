"""A conversation on a card, live: a partner writes with an @mention picked by keyboard from the
suggestions; another partner's open canvas shows the card's badge without a reload, and the
thread open in the card's form takes in the next comment; the thread passes axe."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_comment_arrives_live_on_another_canvas(actors, demo, make_card, unique, axe):
    card = make_card(unique("Energiecafé"))
    watcher = actors.canvas(demo.partner_b, "partner-b")
    badge = watcher.locator(f"#card-{card['id']} .bw-cc")
    expect(badge).to_have_count(0)

    writer = actors.page(demo.partner_a, f"/boards/{demo.board}/cards/{card['id']}/comments")
    box = writer.get_by_role("combobox", name="Reageer")
    box.fill("Kun jij de datum bevestigen, ")
    box.press_sequentially("@Fatim")
    suggestions = writer.get_by_role("listbox", name="Leden om te noemen")
    expect(suggestions.get_by_role("option")).to_have_text(["Fatima el Amrani"])
    expect(box).to_have_attribute("aria-expanded", "true")
    box.press("Enter")
    expect(suggestions).to_be_hidden()
    box.press_sequentially("? <b>Zie</b> https://example.org/agenda")
    writer.get_by_role("button", name="Plaatsen").click()
    posted = writer.locator(".bw-comment__body").last
    expect(posted).to_have_text(
        "Kun jij de datum bevestigen, @Fatima el Amrani ? <b>Zie</b> https://example.org/agenda"
    )
    expect(posted.get_by_role("link", name="https://example.org/agenda")).to_have_attribute(
        "rel", "noopener nofollow ugc"
    )
    assert axe(writer) == []

    expect(badge).to_have_text("1 reactie", timeout=demo.live)
    # The watcher opens the card's form: its conversation comes along (htmx).
    watcher.evaluate(
        "id => window.htmx.ajax('GET', `/boards/1/cards/${id}/edit`, "
        "{target: `#card-${id}`, swap: 'outerHTML'})",
        card["id"],
    )
    watched = watcher.locator(f'[data-thread="card:{card["id"]}"]')
    expect(watched).to_contain_text("@Fatima el Amrani")
    # With the thread open, the next comment arrives in it without a reload.
    box.fill("Tweede reactie")
    writer.get_by_role("button", name="Plaatsen").click()
    expect(watched).to_contain_text("Tweede reactie", timeout=demo.live)
    expect(watched).to_contain_text("2 reacties")
    assert watcher.evaluate("window.bwSamePage") is True
    assert axe(watcher, f'[data-thread="card:{card["id"]}"]') == []
