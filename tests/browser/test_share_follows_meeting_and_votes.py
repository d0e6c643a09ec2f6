"""Pages opened before something happened follow it without a reload: the timer of a meeting
started later (a partner's canvas and a share link's view), and a vote's result on the share
link's view once the vote closes (never before)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _connected(page) -> None:
    expect(page.locator("#bw-status")).to_have_class(re.compile("bw-status--connected"))
    page.evaluate("window.bwSamePage = true")


def _share_view(actors, coordinator_api, demo, unique):
    link = coordinator_api.call(
        "POST", f"/boards/{demo.board}/share-links", {"label": unique("Scherm")}
    )
    viewer = actors.page(None, link["url"], name="viewer")
    _connected(viewer)
    return viewer


def test_the_timer_follows_a_meeting_started_after_the_page_loaded(
    actors, demo, coordinator_api, unique
):
    partner = actors.page(demo.partner_a, f"/boards/{demo.board}", name="partner")
    _connected(partner)
    viewer = _share_view(actors, coordinator_api, demo, unique)

    title = unique("Later overleg")
    base = f"/boards/{demo.board}/meetings"
    meeting = coordinator_api.call(
        "POST", base, {"title": title, "starts_at": "2030-05-01T19:30:00+01:00"}
    )
    path = f"{base}/{meeting['id']}"
    coordinator_api.call("POST", f"{path}/items", {"title": "Gaten", "duration_minutes": 7})
    coordinator_api.call("POST", f"{path}/start")
    coordinator_api.call("POST", f"{path}/timer", {"action": "start"})
    try:
        for page in (partner, viewer):
            box = page.locator("#bw-timer")
            expect(box).to_have_attribute("data-meeting-id", str(meeting["id"]))
            expect(box).to_contain_text(title)
            expect(box).to_have_attribute("data-state", "running")
            expect(page.locator("#bw-timer-time")).to_have_text(re.compile(r"^[67]:\d\d$"))
            assert page.evaluate("window.bwSamePage") is True  # no reload
        # The timer keeps following the coordinator's presses after the swap.
        coordinator_api.call("POST", f"{path}/timer", {"action": "pause"})
        for page in (partner, viewer):
            expect(page.locator("#bw-timer")).to_have_attribute("data-state", "paused")
    finally:
        coordinator_api.call("POST", f"{path}/end")


def test_a_share_link_sees_a_vote_result_appear_when_it_closes(
    actors, demo, coordinator_api, live_server, unique, axe
):
    markers = coordinator_api.call("GET", f"/boards/{demo.board}/markers")["markers"][:2]
    question = unique("Wat pakken we eerst aan")
    vote = coordinator_api.call(
        "POST",
        f"/boards/{demo.board}/votes",
        {
            "question": question,
            "ref_type": "marker",
            "ref_ids": [m["id"] for m in markers],
            "budget": 3,
            "anonymous": True,
        },
    )
    viewer = _share_view(actors, coordinator_api, demo, unique)
    votes = viewer.locator("#bw-votes")
    path = f"/boards/{demo.board}/votes/{vote['id']}"
    allocations = {str(markers[1]["id"]): 2, str(markers[0]["id"]): 1}
    live_server.api(demo.partner_a).call("PUT", f"{path}/ballot", {"allocations": allocations})
    coordinator_api.call("POST", f"{path}/reveal")
    viewer.wait_for_timeout(1000)  # the events have arrived: still nothing of the open vote
    expect(votes).not_to_contain_text(question)

    coordinator_api.call("POST", f"{path}/close")
    article = votes.locator(f'[data-vote-id="{vote["id"]}"]')
    expect(article).to_contain_text(question, timeout=demo.live + 1000)
    results = article.locator(".bw-vote__result")
    expect(results.first).to_contain_text(markers[1]["title"])
    expect(results.first).to_contain_text("2 stippen")
    expect(results.nth(1)).to_contain_text("1 stip")
    expect(article.locator("meter")).to_have_count(2)
    expect(article.get_by_role("button")).to_have_count(0)  # nothing to spend, nothing to run
    assert viewer.evaluate("window.bwSamePage") is True
    assert axe(viewer, "#bw-votes") == []
