"""Dot-voting over the API and the socket: budgets, moved dots, closing, and secrecy."""

from datetime import UTC, datetime, timedelta

import pytest

from app.extensions import db
from app.models import Ballot, Vote


@pytest.fixture
def voting(sample_board, api):
    """An open vote on the sample board's two open markers, 3 dots each, at most 2 per option."""
    board, people = sample_board["board"], sample_board["people"]
    coordinator = api(people["coordinator"])
    options = [sample_board["gap"].id, sample_board["bottleneck"].id]
    created = coordinator.post(
        f"/boards/{board.id}/votes",
        json={
            "question": "Welke gaten pakken we dit jaar aan?",
            "ref_type": "marker",
            "ref_ids": options,
            "budget": 3,
            "max_per_option": 2,
            "anonymous": True,
        },
    )
    assert created.status_code == 201, created.json
    path = f"/boards/{board.id}/votes/{created.json['id']}"
    return {
        **sample_board,
        "path": path,
        "options": options,
        "coordinator": coordinator,
        "partner": api(people["partner"]),
        "viewer": api(people["viewer"]),
    }


def _ballot(client, voting, allocations):
    return client.put(f"{voting['path']}/ballot", json={"allocations": allocations})


def test_ballots_are_counted_and_results_ranked_once_closed(voting):
    gap, bottleneck = voting["options"]
    assert _ballot(voting["partner"], voting, {gap: 1, bottleneck: 2}).status_code == 200
    assert _ballot(voting["coordinator"], voting, {bottleneck: 1}).status_code == 200
    before = voting["partner"].get(voting["path"]).json
    assert before["voters"] == 2 and "results" not in before
    assert before["my_allocations"] == {str(gap): 1, str(bottleneck): 2}
    closed = voting["coordinator"].post(f"{voting['path']}/close")
    assert closed.json["status"] == "closed"
    assert closed.json["results"] == [
        {"ref_id": bottleneck, "dots": 3},
        {"ref_id": gap, "dots": 1},
    ]


def test_moving_dots_replaces_the_ballot(voting):
    gap, bottleneck = voting["options"]
    _ballot(voting["partner"], voting, {gap: 2})
    _ballot(voting["partner"], voting, {bottleneck: 2, gap: 1})
    voting["coordinator"].post(f"{voting['path']}/close")
    results = voting["viewer"].get(voting["path"]).json["results"]
    assert results == [{"ref_id": bottleneck, "dots": 2}, {"ref_id": gap, "dots": 1}]
    assert db.session.execute(db.select(db.func.count()).select_from(Ballot)).scalar_one() == 1


@pytest.mark.parametrize(
    "allocations, field",
    [
        ({"A": 2, "B": 2}, "allocations"),  # 4 dots of 3
        ({"A": 3}, "allocations"),  # 3 on one option, at most 2
        ({"999999": 1}, "allocations"),  # not an option of the vote
        ({"A": -1}, "allocations.A"),
    ],
)
def test_a_bad_ballot_is_refused_and_changes_nothing(voting, snapshot, allocations, field):
    gap, bottleneck = voting["options"]
    names = {"A": str(gap), "B": str(bottleneck)}
    _ballot(voting["partner"], voting, {gap: 1})
    before = snapshot()
    sent = {names.get(k, k): v for k, v in allocations.items()}
    answer = _ballot(voting["partner"], voting, sent)
    assert answer.status_code == 422
    assert answer.json["error"]["message"]
    assert snapshot() == before


def test_a_closed_vote_takes_no_ballots(voting, snapshot):
    gap, _bottleneck = voting["options"]
    voting["coordinator"].post(f"{voting['path']}/close")
    before = snapshot()
    answer = _ballot(voting["partner"], voting, {gap: 1})
    assert answer.status_code == 422 and answer.json["error"]["code"] == "vote_closed"
    assert snapshot() == before


def test_a_vote_past_its_end_time_counts_as_closed(voting):
    gap, _bottleneck = voting["options"]
    _ballot(voting["partner"], voting, {gap: 1})
    vote = db.session.get(Vote, int(voting["path"].rsplit("/", 1)[1]))
    vote.closes_at = datetime.now(UTC) - timedelta(seconds=1)
    db.session.commit()
    seen = voting["viewer"].get(voting["path"]).json
    assert seen["status"] == "closed" and seen["results"][0] == {"ref_id": gap, "dots": 1}
    assert _ballot(voting["partner"], voting, {gap: 2}).status_code == 422


def test_only_coordinators_start_and_close_only_editors_vote(voting, api):
    board = voting["board"]
    gap, bottleneck = voting["options"]
    body = {"question": "Wat eerst?", "ref_type": "marker", "ref_ids": [gap, bottleneck]}
    assert voting["partner"].post(f"/boards/{board.id}/votes", json=body).status_code == 403
    assert voting["partner"].post(f"{voting['path']}/close").status_code == 403
    assert voting["partner"].post(f"{voting['path']}/reveal").status_code == 403
    assert _ballot(voting["viewer"], voting, {gap: 1}).status_code == 403
    outsider = api(voting["people"]["outsider"])
    assert _ballot(outsider, voting, {gap: 1}).status_code in (403, 404)
    assert voting["viewer"].get(voting["path"]).json["voters"] == 0


def test_options_must_belong_to_the_board(voting, create_board, snapshot):
    other = create_board(owner=voting["people"]["coordinator"], name="Ander bord")
    before = snapshot()
    for ref_ids in ([voting["options"][0], 999999], [voting["options"][0]]):
        answer = voting["coordinator"].post(
            f"/boards/{other.id}/votes",
            json={"question": "?", "ref_type": "marker", "ref_ids": ref_ids},
        )
        assert answer.status_code == 422 and "ref_ids" in answer.json["error"]["fields"]
    assert snapshot() == before


def test_revealed_results_show_to_members_but_not_to_viewers(voting):
    gap, _bottleneck = voting["options"]
    _ballot(voting["partner"], voting, {gap: 2})
    voting["coordinator"].post(f"{voting['path']}/reveal")
    assert voting["partner"].get(voting["path"]).json["results"][0]["dots"] == 2
    assert "results" not in voting["viewer"].get(voting["path"]).json


def _names_in(value) -> str:
    return repr(value)


def test_no_event_or_answer_tells_who_voted_what_in_an_anonymous_vote(voting, sio):
    board, people = voting["board"], voting["people"]
    gap, bottleneck = voting["options"]
    listeners = [sio(people["viewer"]), sio(people["coordinator"])]
    for listener in listeners:
        assert listener.join(board.id)["ok"]
    _ballot(voting["partner"], voting, {gap: 2, bottleneck: 1})
    _ballot(voting["coordinator"], voting, {bottleneck: 1})
    voting["coordinator"].post(f"{voting['path']}/reveal")
    voting["coordinator"].post(f"{voting['path']}/close")
    for listener in listeners:
        events = [e for e in listener.received_events() if e["type"].startswith("vote.")]
        assert [e["data"]["voters"] for e in events] == [1, 2, 2, 2]
        for event in events:
            assert set(event["data"]) == {"id", "status", "revealed", "voters", "meeting_id"}
            assert people["partner"].name not in _names_in(event)
    answers = [c.get(voting["path"]).json for c in (voting["coordinator"], voting["viewer"])]
    for answer in answers:
        assert "ballots" not in answer
        assert people["partner"].name not in _names_in(answer)


def test_a_named_vote_shows_who_spent_which_dots_to_members_after_closing(voting):
    board = voting["board"]
    gap, bottleneck = voting["options"]
    named = (
        voting["coordinator"]
        .post(
            f"/boards/{board.id}/votes",
            json={"question": "Wat eerst?", "ref_type": "marker", "ref_ids": [gap, bottleneck]},
        )
        .json
    )
    path = f"/boards/{board.id}/votes/{named['id']}"
    voting["partner"].put(f"{path}/ballot", json={"allocations": {gap: 3}})
    voting["coordinator"].post(f"{path}/close")
    assert voting["coordinator"].get(path).json["ballots"] == [
        {"name": voting["people"]["partner"].name, "allocations": {str(gap): 3}}
    ]
    assert "ballots" not in voting["viewer"].get(path).json


def test_the_viewer_cannot_vote_over_the_socket(voting, sio, snapshot):
    board, people = voting["board"], voting["people"]
    gap, _bottleneck = voting["options"]
    vote_id = int(voting["path"].rsplit("/", 1)[1])
    viewer = sio(people["viewer"])
    assert viewer.join(board.id)["ok"]
    before = snapshot()
    ack = viewer.op(board.id, "vote.cast", vote_id=vote_id, allocations={str(gap): 1})
    assert not ack["ok"] and ack["error"]["code"] == "forbidden"
    assert snapshot() == before
    partner = sio(people["partner"])
    assert partner.join(board.id)["ok"]
    ack = partner.op(board.id, "vote.cast", vote_id=vote_id, allocations={str(gap): 1})
    assert ack["ok"] and ack["data"]["voters"] == 1


def test_the_ranking_becomes_agreed_next_steps_or_the_agenda_order(voting):
    board = voting["board"]
    gap, bottleneck = voting["options"]
    _ballot(voting["partner"], voting, {bottleneck: 2, gap: 1})
    early = voting["coordinator"].post(f"{voting['path']}/adopt", json={"into": "next_steps"})
    assert early.status_code == 422  # not closed or revealed yet
    voting["coordinator"].post(f"{voting['path']}/close")
    adopted = (
        voting["coordinator"]
        .post(f"{voting['path']}/adopt", json={"into": "next_steps", "top": 1})
        .json
    )
    step = voting["coordinator"].get(f"/boards/{board.id}/next-steps").json
    made = [s for s in step["next_steps"] if s["id"] in adopted["next_step_ids"]]
    assert [(s["title"], s["status"], s["marker_ids"]) for s in made] == [
        ("Bewoners haken af na advies", "agreed", [bottleneck])
    ]
    meeting = (
        voting["coordinator"]
        .post(
            f"/boards/{board.id}/meetings",
            json={"title": "Overleg", "starts_at": "2026-12-01T19:30"},
        )
        .json
    )
    mpath = f"/boards/{board.id}/meetings/{meeting['id']}"
    voting["coordinator"].post(f"{mpath}/items", json={"title": "Rondvraag"})
    voting["coordinator"].post(
        f"{mpath}/items", json={"title": "Gat", "ref_type": "marker", "ref_id": gap}
    )
    voting["coordinator"].post(
        f"{voting['path']}/adopt", json={"into": "agenda", "meeting_id": meeting["id"]}
    )
    items = voting["coordinator"].get(mpath).json["items"]
    assert [(i["ref_type"], i["ref_id"]) for i in items] == [
        ("marker", bottleneck),
        ("marker", gap),
        (None, None),
    ]
