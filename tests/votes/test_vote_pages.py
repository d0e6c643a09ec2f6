"""Votes on the canvas page: spending dots with +/−, the viewer's view, and the minutes."""

import pytest

from app.extensions import db
from app.models import Ballot


@pytest.fixture
def vote(sample_board, api):
    """An open anonymous vote on the two open markers, in a running meeting."""
    board, people = sample_board["board"], sample_board["people"]
    coordinator = api(people["coordinator"])
    meeting = coordinator.post(
        f"/boards/{board.id}/meetings", json={"title": "Regie", "starts_at": "2026-12-01T19:30"}
    ).json
    coordinator.post(f"/boards/{board.id}/meetings/{meeting['id']}/start")
    created = coordinator.post(
        f"/boards/{board.id}/votes",
        json={
            "question": "Welke gaten <b>eerst</b>?",
            "ref_type": "marker",
            "ref_ids": [sample_board["gap"].id, sample_board["bottleneck"].id],
            "budget": 2,
            "anonymous": True,
        },
    ).json
    assert created["meeting_id"] == meeting["id"]
    return {**sample_board, "vote": created, "meeting": meeting, "coordinator": coordinator}


def _dot(client, vote, ref_id, delta=1):
    board = vote["board"]
    return client.post(
        f"/boards/{board.id}/votes/{vote['vote']['id']}/dots",
        data={"ref_id": ref_id, "delta": str(delta)},
        headers={"HX-Request": "true"},
    )


def test_a_partner_spends_dots_with_plus_and_minus(vote, web):
    partner = web(vote["people"]["partner"])
    gap = vote["gap"].id
    assert _dot(partner, vote, gap).status_code == 200
    answer = _dot(partner, vote, gap)
    page = answer.get_data(as_text=True)
    assert "Je hebt nog 0 van 2 stippen." in page
    assert "Welke gaten &lt;b&gt;eerst&lt;/b&gt;?" in page  # shown as text
    refused = _dot(partner, vote, vote["bottleneck"].id).get_data(as_text=True)
    assert "Je hebt 2 stippen te verdelen." in refused
    _dot(partner, vote, gap, -1)
    db.session.rollback()  # leave the test's read snapshot: see what the requests committed
    (ballot,) = db.session.execute(db.select(Ballot)).scalars()
    assert ballot.allocations == {str(gap): 1}


def test_minus_on_an_option_without_dots_writes_nothing(vote, web, snapshot):
    partner = web(vote["people"]["partner"])
    _dot(partner, vote, vote["gap"].id)  # a ballot exists, with nothing on the bottleneck
    before = snapshot()
    for ref_id in (vote["bottleneck"].id, vote["bottleneck"].id):
        answer = _dot(partner, vote, ref_id, -1)
        assert answer.status_code == 200
        assert "Je hebt nog 1 van 2 stippen." in answer.get_data(as_text=True)
    assert snapshot() == before  # no event, no ballot touched, the board's seq unchanged


def test_a_viewer_sees_no_dots_to_spend_and_cannot_spend_them(vote, web, snapshot):
    viewer = web(vote["people"]["viewer"])
    page = viewer.get(f"/boards/{vote['board'].id}").get_data(as_text=True)
    assert "Stip erbij" not in page and "Welke gaten" not in page  # open: not for viewers
    before = snapshot()
    assert _dot(viewer, vote, vote["gap"].id).status_code == 403
    assert snapshot() == before


def test_the_minutes_record_the_closed_vote_ranked(vote, web):
    partner = web(vote["people"]["partner"])
    _dot(partner, vote, vote["bottleneck"].id)
    _dot(partner, vote, vote["bottleneck"].id)
    board, meeting = vote["board"], vote["meeting"]
    vote["coordinator"].post(f"/boards/{board.id}/votes/{vote['vote']['id']}/close")
    minutes = vote["coordinator"].get(f"/boards/{board.id}/meetings/{meeting['id']}/minutes").json
    (recorded,) = minutes["votes"]
    assert recorded["voters"] == 1
    assert recorded["results"][0] == {
        "ref_id": vote["bottleneck"].id,
        "dots": 2,
        "title": "Bewoners haken af na advies",
    }
    page = partner.get(f"/boards/{board.id}/meetings/{meeting['id']}/minutes")
    assert "Bewoners haken af na advies: 2 stippen" in page.get_data(as_text=True)
    viewer_page = web(vote["people"]["viewer"]).get(f"/boards/{board.id}")
    assert "2 stippen" in viewer_page.get_data(as_text=True)  # closed: results for viewers
