"""Comments through the API: exactly as written, bounded, members only, the author edits, the
coordinator hides with a trace, mentions of members only and once, live, in the feed."""

import pytest

from app.extensions import db
from app.models import Comment, Mention
from app.permissions import Actor
from app.reading.services import markers


@pytest.fixture
def thread(board_with_roles, create_card):
    board, people = board_with_roles["board"], board_with_roles["people"]
    card = create_card(board, people["coordinator"], board_with_roles["organisation"])
    return {**board_with_roles, "card": card, "path": f"/boards/{board.id}/comments"}


def _post(client, thread, body, ref_type="card", ref_id=None):
    ref_id = thread["card"].id if ref_id is None else ref_id
    return client.post(thread["path"], json={"ref_type": ref_type, "ref_id": ref_id, "body": body})


def _list(client, thread):
    return client.get(
        thread["path"], query_string={"ref_type": "card", "ref_id": thread["card"].id}
    )


def test_a_comment_comes_back_exactly_as_written(thread, api):
    partner = api(thread["people"]["partner"])
    body = "  <b>Let op</b> & <script>alert(1)</script>\nTweede regel  "
    created = _post(partner, thread, body)
    assert created.status_code == 201
    assert created.get_json()["body"] == body
    listed = _list(api(thread["people"]["viewer"]), thread).get_json()["comments"]
    assert [c["body"] for c in listed] == [body]
    assert listed[0]["author"] == "Partner"


def test_five_thousand_characters_is_the_limit(thread, api, snapshot):
    partner = api(thread["people"]["partner"])
    assert _post(partner, thread, "x" * 5000).status_code == 201
    before = snapshot()
    too_long = _post(partner, thread, "x" * 5001)
    assert too_long.status_code == 422
    assert too_long.get_json()["error"]["fields"]["body"] == "Maximaal 5000 tekens."
    # A browser sends a line break as CRLF: 5,000 characters with line breaks still fit.
    assert _post(partner, thread, "x\r\n" * 2500).status_code == 201
    before = snapshot()
    blank = _post(partner, thread, "   \n ")
    assert blank.status_code == 422 and blank.get_json()["error"]["fields"]["body"]
    assert snapshot() == before


def test_a_comment_on_something_of_another_board_is_refused(thread, api, create_board):
    other = create_board(owner=thread["people"]["coordinator"])
    coordinator = api(thread["people"]["coordinator"])
    marker = markers.create_marker(
        Actor(user=thread["people"]["coordinator"]),
        other.id,
        "gap",
        "Elders",
        phase_id=other.phases[0].id,
    )
    answer = _post(coordinator, thread, "hoi", ref_type="marker", ref_id=marker.id)
    assert answer.status_code == 422 and "ref_id" in answer.get_json()["error"]["fields"]
    assert _post(coordinator, thread, "hoi", ref_type="board").status_code == 422


def test_viewers_read_but_do_not_write_and_outsiders_do_neither(thread, api, snapshot):
    viewer, outsider = api(thread["people"]["viewer"]), api(thread["people"]["outsider"])
    before = snapshot()
    assert _post(viewer, thread, "mag dit?").status_code == 403
    assert _post(outsider, thread, "mag dit?").status_code == 403
    assert snapshot() == before
    assert _list(viewer, thread).status_code == 200
    assert _list(outsider, thread).status_code == 403


def test_only_the_author_edits_or_deletes(thread, api):
    partner, coordinator = api(thread["people"]["partner"]), api(thread["people"]["coordinator"])
    comment = _post(partner, thread, "eerste versie").get_json()
    one = f"{thread['path']}/{comment['id']}"
    assert coordinator.patch(one, json={"body": "van mij"}).status_code == 403
    assert coordinator.delete(one).status_code == 403
    edited = partner.patch(one, json={"body": "tweede versie"})
    assert edited.status_code == 200
    assert edited.get_json()["body"] == "tweede versie" and edited.get_json()["edited_at"]
    assert partner.delete(one).status_code == 204
    assert _list(partner, thread).get_json()["comments"] == []


def test_a_coordinator_hides_a_comment_with_a_trace(thread, api):
    partner, coordinator = api(thread["people"]["partner"]), api(thread["people"]["coordinator"])
    comment = _post(partner, thread, "iets ongepasts").get_json()
    hide = f"{thread['path']}/{comment['id']}/hide"
    assert partner.post(hide).status_code == 403
    hidden = coordinator.post(hide)
    assert hidden.status_code == 200
    listed = _list(api(thread["people"]["viewer"]), thread).get_json()["comments"]
    assert listed[0]["body"] is None and listed[0]["hidden_by"] == "Coordinator"
    # Hidden is final for the author too: no quiet rewrite under the trace.
    one = f"{thread['path']}/{comment['id']}"
    assert partner.patch(one, json={"body": "toch niet"}).status_code == 403


def _mentions_of(user) -> list[int]:
    db.session.rollback()
    return list(
        db.session.execute(db.select(Mention.comment_id).filter_by(user_id=user.id)).scalars()
    )


def test_mentions_name_members_only_never_yourself_and_only_once(thread, api):
    people = thread["people"]
    partner = api(people["partner"])
    body = "@Coordinator en @viewer kijken jullie? @Outsider ook, en @Partner zelf"
    comment = _post(partner, thread, body).get_json()
    assert sorted(comment["mentions"]) == sorted([people["coordinator"].id, people["viewer"].id])
    assert _mentions_of(people["outsider"]) == [] and _mentions_of(people["partner"]) == []
    one = f"{thread['path']}/{comment['id']}"
    partner.patch(one, json={"body": body + " (aangevuld)"})
    assert _mentions_of(people["coordinator"]) == [comment["id"]]
    mine = api(people["coordinator"]).get("/mentions").get_json()
    assert mine["unread"] == 1 and mine["mentions"][0]["comment"]["id"] == comment["id"]
    api(people["coordinator"]).post("/mentions/read")
    assert api(people["coordinator"]).get("/mentions").get_json()["unread"] == 0


def test_events_carry_the_count_not_the_text_and_reach_the_feed(thread, api, sio):
    watcher = sio(thread["people"]["viewer"])
    assert watcher.join(thread["board"].id)["ok"]
    watcher.received_events()
    _post(api(thread["people"]["partner"]), thread, "geheim voor leden")
    events = watcher.received_events()
    assert [e["type"] for e in events] == ["comment.created"]
    data = events[0]["data"]
    assert data["count"] == 1 and data["ref_id"] == thread["card"].id
    assert "geheim" not in str(events[0])
    feed = api(thread["people"]["viewer"]).get(f"/boards/{thread['board'].id}/events").get_json()
    assert feed


def test_a_viewer_cannot_comment_over_the_socket(thread, sio, snapshot):
    viewer = sio(thread["people"]["viewer"])
    viewer.join(thread["board"].id)
    before = snapshot()
    answer = viewer.op(
        thread["board"].id, "comment.create", ref_type="card", ref_id=thread["card"].id, body="x"
    )
    assert answer["ok"] is False and answer["error"]["code"] == "forbidden"
    assert snapshot() == before
    partner = sio(thread["people"]["partner"])
    partner.join(thread["board"].id)
    done = partner.op(
        thread["board"].id, "comment.create", ref_type="card", ref_id=thread["card"].id, body="ja"
    )
    assert done["ok"] and done["data"]["body"] == "ja"


def test_deleting_a_marker_deletes_its_conversation(thread, api):
    coordinator = api(thread["people"]["coordinator"])
    board = thread["board"]
    marker = coordinator.post(
        f"/boards/{board.id}/markers",
        json={"kind": "gap", "title": "Gat", "phase_id": board.phases[0].id},
    ).get_json()
    assert _post(coordinator, thread, "weg ermee", "marker", marker["id"]).status_code == 201
    assert coordinator.delete(f"/boards/{board.id}/markers/{marker['id']}").status_code == 204
    db.session.rollback()
    assert db.session.execute(db.select(Comment).filter_by(ref_type="marker")).first() is None
