"""Votes seen through a read-only share link: nothing of an open vote, the ranking once closed,
never who voted what (page, its live fragment, the socket, and the API's viewer)."""

import re

import pytest

QUESTION = "Welke gaten pakken we eerst aan?"


@pytest.fixture
def shared_vote(sample_board, api, web):
    """An open anonymous vote with a share link to its board, and a partner's ballot on it."""
    board, people = sample_board["board"], sample_board["people"]
    coordinator = api(people["coordinator"])
    gap, bottleneck = sample_board["gap"].id, sample_board["bottleneck"].id
    vote = coordinator.post(
        f"/boards/{board.id}/votes",
        json={
            "question": QUESTION,
            "ref_type": "marker",
            "ref_ids": [bottleneck, gap],
            "budget": 3,
            "anonymous": True,
        },
    ).json
    path = f"/boards/{board.id}/votes/{vote['id']}"
    link = coordinator.post(f"/boards/{board.id}/share-links", json={"label": "Raad"}).json
    partner = api(people["partner"])
    assert partner.put(f"{path}/ballot", json={"allocations": {gap: 2}}).status_code == 200
    return {
        **sample_board,
        "path": path,
        "token": link["token"],
        "coordinator": coordinator,
        "partner": partner,
        "viewer_page": web(),
    }


def _close(shared_vote) -> None:
    shared_vote["coordinator"].put(
        f"{shared_vote['path']}/ballot",
        json={"allocations": {shared_vote["gap"].id: 1, shared_vote["bottleneck"].id: 1}},
    )
    assert shared_vote["coordinator"].post(f"{shared_vote['path']}/close").status_code == 200


def _pages(shared_vote) -> list[str]:
    """The share page and the fragment it fetches after a close, as a viewer gets them."""
    viewer, token = shared_vote["viewer_page"], shared_vote["token"]
    answers = [viewer.get(f"/s/{token}"), viewer.get(f"/s/{token}/votes")]
    assert [a.status_code for a in answers] == [200, 200]
    return [a.get_data(as_text=True) for a in answers]


def test_a_share_link_sees_nothing_of_an_open_vote_even_revealed(shared_vote):
    shared_vote["coordinator"].post(f"{shared_vote['path']}/reveal")
    for html in _pages(shared_vote):
        assert QUESTION not in html
        assert "bw-vote__results" not in html and "Stip erbij" not in html
        assert "verschijnt hier zodra die gesloten is" in html


def test_a_closed_vote_shows_its_ranking_with_numbers_and_no_names(shared_vote):
    _close(shared_vote)
    people = shared_vote["people"]
    for html in _pages(shared_vote):
        assert QUESTION in html
        results = html[html.index('class="bw-vote__results"') :]
        titles = re.findall(r'id="vote-\d+-result-\d+">([^<]*)<', results)
        assert titles == [shared_vote["gap"].title, shared_vote["bottleneck"].title]
        assert re.search(r">3 stippen<.*>1 stip<", results, re.S)  # numbers as text
        assert '<meter class="bw-vote__bar" min="0" max="3" value="3"' in results
        for person in people.values():
            assert person.name not in html
        assert "/dots" not in html and "Stip erbij" not in html  # never a ballot to fill in


def test_the_share_fragment_of_a_revoked_link_is_gone(shared_vote):
    link = shared_vote["coordinator"].get(f"/boards/{shared_vote['board'].id}/share-links").json
    board_id, link_id = shared_vote["board"].id, link["share_links"][0]["id"]
    shared_vote["coordinator"].delete(f"/boards/{board_id}/share-links/{link_id}")
    answer = shared_vote["viewer_page"].get(f"/s/{shared_vote['token']}/votes")
    assert answer.status_code == 410
    assert QUESTION not in answer.get_data(as_text=True)


def test_a_share_socket_hears_the_count_and_the_close_never_a_ballot(shared_vote, sio):
    board, people = shared_vote["board"], shared_vote["people"]
    watcher = sio(share=shared_vote["token"])
    assert watcher.join(board.id)["ok"]
    _close(shared_vote)
    events = [e for e in watcher.received_events() if e["type"].startswith("vote.")]
    assert [(e["type"], e["data"]["status"], e["data"]["voters"]) for e in events] == [
        ("vote.updated", "open", 2),
        ("vote.closed", "closed", 2),
    ]
    for event in events:
        assert set(event["data"]) == {"id", "status", "revealed", "voters", "meeting_id"}
        assert people["partner"].name not in repr(event)
    refused = watcher.op(board.id, "vote.cast", vote_id=events[0]["data"]["id"], allocations={})
    assert not refused["ok"]


def test_the_api_answers_a_viewer_the_count_while_open_and_no_ballots_once_closed(shared_vote, api):
    viewer = api(shared_vote["people"]["viewer"])
    shared_vote["coordinator"].post(f"{shared_vote['path']}/reveal")
    open_answer = viewer.get(shared_vote["path"]).json
    assert open_answer["voters"] == 1
    assert not {"results", "ballots", "my_allocations"} & set(open_answer)
    _close(shared_vote)
    closed = viewer.get(shared_vote["path"]).json
    assert [row["dots"] for row in closed["results"]] == [3, 1]
    assert "ballots" not in closed and "my_allocations" not in closed
