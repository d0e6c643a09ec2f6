"""The shared timer and dot-voting in the browser: every screen agrees, live, and stays usable."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _seconds(page) -> int:
    minutes, seconds = page.locator("#bw-timer-time").text_content().split(":")
    return int(minutes) * 60 + int(seconds)


def _connected(page) -> None:
    expect(page.locator("#bw-status")).to_have_class(re.compile("bw-status--connected"))


def _running_meeting(demo, coordinator_api, title: str, item: dict) -> tuple[dict, str]:
    """Start a meeting with one agenda item; it becomes the board's current meeting."""
    base = f"/boards/{demo.board}/meetings"
    meeting = coordinator_api.call(
        "POST", base, {"title": title, "starts_at": "2030-04-01T19:30:00+01:00"}
    )
    path = f"{base}/{meeting['id']}"
    coordinator_api.call("POST", f"{path}/items", item)
    coordinator_api.call("POST", f"{path}/start")
    return meeting, path


def test_two_screens_show_the_same_time_through_reload_and_pause(
    actors, demo, coordinator_api, unique
):
    meeting, path = _running_meeting(
        demo, coordinator_api, unique("Timeroverleg"), {"title": "Gaten", "duration_minutes": 5}
    )
    link = coordinator_api.call(
        "POST", f"/boards/{demo.board}/share-links", {"label": unique("Scherm")}
    )
    partner = actors.page(demo.partner_a, f"/boards/{demo.board}", name="partner")
    viewer = actors.page(None, link["url"], name="viewer")
    for page in (partner, viewer):
        _connected(page)
        expect(page.locator("#bw-timer")).to_have_attribute("data-meeting-id", str(meeting["id"]))
        expect(page.locator("#bw-timer-time")).to_have_text("5:00")  # the item's slot

    coordinator_api.call("POST", f"{path}/timer", {"action": "start"})
    for page in (partner, viewer):
        expect(page.locator("#bw-timer")).to_have_attribute("data-state", "running")
    partner.wait_for_timeout(1500)
    assert abs(_seconds(partner) - _seconds(viewer)) <= 1
    assert 295 <= _seconds(partner) <= 299

    viewer.reload()
    _connected(viewer)
    assert abs(_seconds(partner) - _seconds(viewer)) <= 1

    paused = coordinator_api.call("POST", f"{path}/timer", {"action": "pause"})["timer"]
    left = f"{paused['remaining_seconds'] // 60}:{paused['remaining_seconds'] % 60:02d}"
    for page in (partner, viewer):
        expect(page.locator("#bw-timer")).to_have_attribute("data-state", "paused")
        expect(page.locator("#bw-timer-time")).to_have_text(left)
    # Which script sets which interval, from the next load on (the page's own scripts are modules
    # named by their fingerprinted URL, js/timer.<hash>.js).
    partner.add_init_script("""
        window.bwIntervals = new Map();
        const setInterval = window.setInterval, clearInterval = window.clearInterval;
        window.setInterval = (...args) => {
            const id = setInterval(...args);
            window.bwIntervals.set(id, new Error().stack);
            return id;
        };
        window.clearInterval = (id) => { window.bwIntervals.delete(id); clearInterval(id); };
    """)
    partner.reload()
    expect(partner.locator("#bw-timer-time")).to_have_text(left)  # a pause survives a reload
    timer_ticks = (
        "() => [...window.bwIntervals.values()].filter(s => /js\\/timer\\./.test(s)).length"
    )
    assert partner.evaluate(timer_ticks) == 0  # a paused timer does not wake the page
    # Nor does anything else write to a paused timer's widget.
    writes = partner.evaluate("""() => new Promise(done => {
        const seen = [];
        const watch = new MutationObserver(changes => seen.push(...changes.map(c => c.type)));
        watch.observe(document.getElementById("bw-timer"),
                      {subtree: true, attributes: true, childList: true, characterData: true});
        setTimeout(() => { watch.disconnect(); done(seen); }, 1200);
    })""")
    assert writes == []
    coordinator_api.call("POST", f"{path}/timer", {"action": "resume"})
    expect(partner.locator("#bw-timer")).to_have_attribute("data-state", "running")
    assert partner.evaluate(timer_ticks) == 1  # it counts down while it runs, and only then
    coordinator_api.call("POST", f"{path}/timer", {"action": "reset"})
    expect(partner.locator("#bw-timer")).to_have_attribute("data-state", "stopped")
    assert partner.evaluate(timer_ticks) == 0
    coordinator_api.call("POST", f"{path}/end")


def test_the_zero_signal_and_the_sound_switch(actors, demo, coordinator_api, unique, axe):
    _meeting, path = _running_meeting(
        demo, coordinator_api, unique("Kort overleg"), {"title": "Kort"}
    )
    page = actors.page(demo.coordinator, f"/boards/{demo.board}", name="coordinator")
    _connected(page)
    sound = page.locator("#bw-timer-sound")
    expect(sound).to_be_checked()
    sound.uncheck()
    page.get_by_role("button", name="Start").click()
    expect(page.locator("#bw-timer")).to_have_attribute("data-state", "running")
    coordinator_api.call("POST", f"{path}/timer", {"action": "start", "seconds": 1})
    expect(page.locator("#bw-timer")).to_have_class(re.compile("bw-timer--done"), timeout=4000)
    expect(page.locator("#bw-timer-state")).to_have_text("De tijd is om")
    assert axe(page) == []
    page.reload()
    expect(page.locator("#bw-timer-sound")).not_to_be_checked()  # the choice is remembered
    coordinator_api.call("POST", f"{path}/end")


def test_a_partner_spends_dots_by_keyboard_and_the_count_is_live(
    actors, demo, coordinator_api, unique, axe
):
    markers = coordinator_api.call("GET", f"/boards/{demo.board}/markers")["markers"][:2]
    vote = coordinator_api.call(
        "POST",
        f"/boards/{demo.board}/votes",
        {
            "question": unique("Wat eerst"),
            "ref_type": "marker",
            "ref_ids": [m["id"] for m in markers],
            "budget": 2,
        },
    )
    coordinator = actors.page(demo.coordinator, f"/boards/{demo.board}", name="coordinator")
    partner = actors.page(demo.partner_a, f"/boards/{demo.board}", name="partner")
    for page in (coordinator, partner):
        _connected(page)
    article = f'[data-vote-id="{vote["id"]}"]'
    plus = partner.locator(f"#vote-{vote['id']}-{markers[0]['id']}-plus")
    plus.focus()
    partner.keyboard.press("Enter")
    expect(partner.locator(f"{article} .bw-vote__dots").first).to_have_text("1")
    expect(partner.locator(f"#vote-{vote['id']}-{markers[0]['id']}-plus")).to_be_focused()
    partner.keyboard.press("Enter")
    expect(partner.locator(f"{article} .bw-vote__dots").first).to_have_text("2")
    expect(coordinator.locator(f"{article} [data-vote-voters]")).to_have_text(
        "1 persoon heeft gestemd", timeout=demo.live
    )
    assert axe(partner) == []
    coordinator.locator(article).get_by_role("button", name="Stemming sluiten").click()
    expect(partner.locator(f"{article} meter").first).to_be_visible(timeout=demo.live)
    expect(partner.locator(f"{article} .bw-vote__result").first).to_contain_text("2 stippen")
