"""Who may read and edit markers, handovers, next steps, rounds; every change is pushed live."""

import pytest

from app.extensions import db
from app.models import User

READS = ["markers", "handovers", "next-steps", "analysis", "rounds"]


@pytest.mark.parametrize("path", READS)
def test_members_read_and_outsiders_get_nothing(board, path):
    url = f"/boards/{board['id']}/{path}"
    clients = board["clients"]
    assert clients["viewer"].get(url).status_code == 200
    assert clients["partner"].get(url).status_code == 200
    assert clients["outsider"].get(url).status_code == 403
    assert clients["anonymous"].get(url).status_code == 401


def _writes(board, card):
    """Every write route of this feature, with a valid body (in an order that works)."""
    b = board["id"]
    one, two = card(phase=0), card(phase=1)
    return [
        (
            "post",
            f"/boards/{b}/markers",
            {"kind": "gap", "title": "Gat", "phase_id": board["phases"][0]},
        ),
        ("post", f"/boards/{b}/handovers", {"from_card_id": one["id"], "to_card_id": two["id"]}),
        ("post", f"/boards/{b}/next-steps", {"title": "Pilot"}),
        ("post", f"/boards/{b}/rounds", {"name": "Ronde 1"}),
    ]


@pytest.mark.parametrize("role", ["viewer", "outsider", "anonymous"])
def test_only_partners_write(board, card, snapshot, role):
    expected = {"viewer": 403, "outsider": 403, "anonymous": 401}[role]
    for method, url, body in _writes(board, card):
        before = snapshot()
        assert getattr(board["clients"][role], method)(url, json=body).status_code == expected
        assert snapshot() == before


def test_viewer_cannot_edit_or_delete_what_partners_made(board, card):
    b, partner, viewer = board["id"], board["clients"]["partner"], board["clients"]["viewer"]
    made = {}
    for method, url, body in _writes(board, card):
        made[url.rsplit("/", 1)[1]] = getattr(partner, method)(url, json=body).get_json()
    step = made["next-steps"]
    for kind in ("markers", "handovers", "next-steps"):
        url = f"/boards/{b}/{kind}/{made[kind]['id']}"
        assert viewer.patch(url, json={"version": 1}).status_code == 403
        assert viewer.delete(url).status_code == 403
        assert board["clients"]["outsider"].delete(url).status_code == 403
    assert (
        viewer.post(
            f"/boards/{b}/next-steps/{step['id']}/learnings", json={"text": "Les"}
        ).status_code
        == 403
    )
    assert viewer.get(f"/boards/{b}/rounds/{made['rounds']['id']}/diff").status_code == 200
    assert (
        board["clients"]["outsider"]
        .get(f"/boards/{b}/rounds/{made['rounds']['id']}/diff")
        .status_code
        == 403
    )


def test_every_change_is_pushed_live(board, card, sio):
    b, partner = board["id"], board["clients"]["partner"]
    one, two = card(phase=0), card(phase=1)
    socket = sio(board["people"]["viewer"])
    assert socket.join(b)["ok"]
    socket.get_received()
    marker = partner.post(
        f"/boards/{b}/markers",
        json={"kind": "bottleneck", "title": "Knelpunt", "phase_id": board["phases"][3]},
    ).get_json()
    partner.patch(f"/boards/{b}/markers/{marker['id']}", json={"version": 1, "note": "x"})
    handover = partner.post(
        f"/boards/{b}/handovers", json={"from_card_id": one["id"], "to_card_id": two["id"]}
    ).get_json()
    partner.patch(f"/boards/{b}/handovers/{handover['id']}", json={"version": 1, "note": "y"})
    step = partner.post(f"/boards/{b}/next-steps", json={"title": "Pilot"}).get_json()
    partner.post(f"/boards/{b}/next-steps/{step['id']}/learnings", json={"text": "Les"})
    partner.post(f"/boards/{b}/rounds", json={"name": "Ronde 1"})
    partner.delete(f"/boards/{b}/handovers/{handover['id']}")
    partner.delete(f"/boards/{b}/markers/{marker['id']}")
    partner.delete(f"/boards/{b}/next-steps/{step['id']}")
    received = socket.received_events()
    assert [e["type"] for e in received] == [
        "marker.created",
        "marker.updated",
        "handover.created",
        "handover.updated",
        "next_step.created",
        "next_step.updated",
        "round.created",
        "handover.deleted",
        "marker.deleted",
        "next_step.deleted",
    ]
    assert received[0]["data"]["title"] == "Knelpunt"
    assert received[5]["data"]["learnings"][0]["text"] == "Les"
    seqs = [e["seq"] for e in received]
    assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))


def test_only_partners_decide_on_suggestions_and_a_dismissal_is_pushed(small, snapshot, sio):
    b = small["id"]
    key = small["analysis"]()["suggestions"][0]["key"]
    before = snapshot()
    for action in ("accept", "dismiss"):
        assert small["viewer"].post(f"/boards/{b}/suggestions/{key}/{action}").status_code == 403
    assert snapshot() == before
    viewer = db.session.execute(db.select(User).filter_by(name="Lezer")).scalar_one()
    socket = sio(viewer)
    assert socket.join(b)["ok"]
    socket.get_received()
    assert small["api"].post(f"/boards/{b}/suggestions/{key}/dismiss").status_code == 200
    events = socket.received_events()
    assert [(e["type"], e["data"]["key"]) for e in events] == [("suggestion.updated", key)]


@pytest.mark.parametrize("role, status", [("outsider", 403), ("anonymous", 401)])
def test_outsiders_cannot_decide_on_suggestions(board, role, status):
    b = board["id"]
    key = (
        board["clients"]["partner"].get(f"/boards/{b}/analysis").get_json()["suggestions"][0]["key"]
    )
    for action in ("accept", "dismiss"):
        assert (
            board["clients"][role].post(f"/boards/{b}/suggestions/{key}/{action}").status_code
            == status
        )
