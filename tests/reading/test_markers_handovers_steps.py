"""Markers, handovers, next steps and learnings through the API: the contract and bad input."""

import pytest


def test_partner_marks_a_gap_on_a_cell_and_viewer_sees_it(board):
    b, partner, viewer = board["id"], board["clients"]["partner"], board["clients"]["viewer"]
    response = partner.post(
        f"/boards/{b}/markers",
        json={
            "kind": "gap",
            "title": "Geen aanbod voor VvE's",
            "phase_id": board["phases"][2],
            "lane_id": board["lanes"][1],
            "severity": "high",
            "note": "Niemand doet dit",
        },
    )
    assert response.status_code == 201
    marker = response.get_json()
    assert marker["status"] == "open" and marker["severity"] == "high"
    assert marker["author"] == "Partner" and marker["version"] == 1
    listed = viewer.get(f"/boards/{b}/markers").get_json()["markers"]
    assert [m["id"] for m in listed] == [marker["id"]]
    assert viewer.get(f"/boards/{b}/markers?kind=overlap").get_json()["markers"] == []
    assert viewer.get(f"/boards/{b}").get_json()["markers"][0]["title"] == "Geen aanbod voor VvE's"


def test_overlap_needs_two_cards_of_this_board(board, card, snapshot):
    b, partner = board["id"], board["clients"]["partner"]
    one, two = card(), card(org=board["org2"])
    before = snapshot()
    refused = partner.post(
        f"/boards/{b}/markers", json={"kind": "overlap", "title": "Dubbel", "card_ids": [one["id"]]}
    )
    assert refused.status_code == 422 and "card_ids" in refused.get_json()["error"]["fields"]
    assert snapshot() == before
    made = partner.post(
        f"/boards/{b}/markers",
        json={"kind": "overlap", "title": "Dubbel", "card_ids": [one["id"], two["id"]]},
    )
    assert made.status_code == 201
    assert made.get_json()["card_ids"] == sorted([one["id"], two["id"]])


def test_bottleneck_carries_dropouts_and_gaps_do_not(board):
    b, partner = board["id"], board["clients"]["partner"]
    cell = {"phase_id": board["phases"][3]}
    bottleneck = {**cell, "kind": "bottleneck", "title": "Offertes blijven uit"}
    made = partner.post(f"/boards/{b}/markers", json={**bottleneck, "dropouts_per_year": 120})
    assert made.status_code == 201 and made.get_json()["dropouts_per_year"] == 120
    gap = {**cell, "kind": "gap", "title": "Gat"}
    refused = partner.post(f"/boards/{b}/markers", json={**gap, "dropouts_per_year": 5})
    assert refused.status_code == 422


def test_marker_status_follows_the_workflow_and_stale_edits_conflict(board, snapshot):
    b, partner = board["id"], board["clients"]["partner"]
    marker = partner.post(
        f"/boards/{b}/markers", json={"kind": "gap", "title": "Gat", "phase_id": board["phases"][0]}
    ).get_json()
    url = f"/boards/{b}/markers/{marker['id']}"
    step = partner.patch(url, json={"version": 1, "status": "being_addressed"})
    assert step.status_code == 200 and step.get_json()["version"] == 2
    stale = partner.patch(url, json={"version": 1, "title": "Oud"})
    assert stale.status_code == 409 and stale.get_json()["current"]["status"] == "being_addressed"
    resolved = partner.patch(url, json={"version": 2, "status": "resolved"}).get_json()
    before = snapshot()
    illegal = partner.patch(url, json={"version": resolved["version"], "status": "dismissed"})
    assert illegal.status_code == 422 and "status" in illegal.get_json()["error"]["fields"]
    assert snapshot() == before
    reopened = partner.patch(url, json={"version": resolved["version"], "status": "open"})
    assert reopened.get_json()["status"] == "open"
    assert partner.delete(url).status_code == 204
    assert partner.get(f"/boards/{b}/markers").get_json()["markers"] == []


@pytest.mark.parametrize(
    "body",
    [
        {"kind": "gap", "title": "Gat"},  # no phase
        {"kind": "gap", "title": "Gat", "lane_id": "LANE"},  # lane without phase
        {"kind": "gap", "title": "", "phase_id": "PHASE"},
        {"kind": "crack", "title": "Gat", "phase_id": "PHASE"},
        {"kind": "gap", "title": "Gat", "phase_id": "PHASE", "severity": "urgent"},
        {"kind": "gap", "title": "Gat", "phase_id": "OTHER_PHASE"},
    ],
)
def test_bad_markers_are_refused_and_write_nothing(board, foreign, snapshot, body):
    values = {
        "PHASE": board["phases"][0],
        "LANE": board["lanes"][0],
        "OTHER_PHASE": foreign["phase"],
    }
    body = {
        key: values.get(value, value) if isinstance(value, str) else value
        for key, value in body.items()
    }
    before = snapshot()
    response = board["clients"]["partner"].post(f"/boards/{board['id']}/markers", json=body)
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"]
    assert snapshot() == before


def test_handovers_link_two_cards_of_the_board_once(board, card, snapshot):
    b, partner = board["id"], board["clients"]["partner"]
    desk, coach = card(phase=1, title="Loket"), card(phase=2, title="Coach")
    made = partner.post(
        f"/boards/{b}/handovers",
        json={"from_card_id": desk["id"], "to_card_id": coach["id"], "note": "Warme overdracht"},
    )
    assert made.status_code == 201
    handover = made.get_json()
    assert (handover["from_card_id"], handover["to_card_id"]) == (desk["id"], coach["id"])
    before = snapshot()
    for body in (
        {"from_card_id": desk["id"], "to_card_id": desk["id"]},
        {"from_card_id": desk["id"], "to_card_id": coach["id"]},
        {"from_card_id": desk["id"], "to_card_id": 999999},
    ):
        response = partner.post(f"/boards/{b}/handovers", json=body)
        assert response.status_code == 422, body
    assert snapshot() == before
    edited = partner.patch(
        f"/boards/{b}/handovers/{handover['id']}",
        json={"version": 1, "note": "Bellen binnen een week"},
    )
    assert edited.get_json()["note"] == "Bellen binnen een week"
    assert (
        partner.patch(
            f"/boards/{b}/handovers/{handover['id']}", json={"version": 1, "note": "x"}
        ).status_code
        == 409
    )
    listed = board["clients"]["viewer"].get(f"/boards/{b}/handovers").get_json()["handovers"]
    assert [h["id"] for h in listed] == [handover["id"]]
    assert partner.delete(f"/boards/{b}/handovers/{handover['id']}").status_code == 204


def test_handover_to_a_card_of_another_board_is_refused(board, card, foreign, snapshot):
    mine = card()
    before = snapshot()
    response = board["clients"]["partner"].post(
        f"/boards/{board['id']}/handovers",
        json={"from_card_id": mine["id"], "to_card_id": foreign["card"]},
    )
    assert response.status_code == 422
    assert snapshot() == before


def test_next_step_lifecycle_with_markers_and_learnings(board):
    b, partner = board["id"], board["clients"]["partner"]
    marker = partner.post(
        f"/boards/{b}/markers", json={"kind": "gap", "title": "Gat", "phase_id": board["phases"][3]}
    ).get_json()
    made = partner.post(
        f"/boards/{b}/next-steps",
        json={
            "title": "Offertecheck in de wijk",
            "goal": "50 huishoudens helpen",
            "owner_organisation_id": board["org"],
            "participants": "Loket, coöperatie",
            "start_date": "2027-03-01",
            "due_date": "2027-06-30",
            "marker_ids": [marker["id"]],
        },
    )
    assert made.status_code == 201
    step = made.get_json()
    assert step["status"] == "proposed" and step["marker_ids"] == [marker["id"]]
    url = f"/boards/{b}/next-steps/{step['id']}"
    version = step["version"]
    for status in ("agreed", "in_progress", "done"):
        response = partner.patch(url, json={"version": version, "status": status})
        assert response.status_code == 200, response.get_json()
        version = response.get_json()["version"]
    assert partner.patch(url, json={"version": version, "status": "in_progress"}).status_code == 422
    learned = partner.post(
        f"{url}/learnings",
        json={"text": "Bewoners willen een vast aanspreekpunt", "learned_on": "2027-07-01"},
    )
    assert learned.status_code == 201
    assert learned.get_json()["author"] == "Partner"
    steps = board["clients"]["viewer"].get(f"/boards/{b}/next-steps").get_json()["next_steps"]
    assert steps[0]["learnings"][0]["text"] == "Bewoners willen een vast aanspreekpunt"
    assert steps[0]["learnings"][0]["learned_on"] == "2027-07-01"


def test_next_step_skipping_agreement_is_refused(board, snapshot):
    b, partner = board["id"], board["clients"]["partner"]
    step = partner.post(f"/boards/{b}/next-steps", json={"title": "Pilot"}).get_json()
    before = snapshot()
    response = partner.patch(
        f"/boards/{b}/next-steps/{step['id']}", json={"version": 1, "status": "done"}
    )
    assert response.status_code == 422
    assert snapshot() == before


@pytest.mark.parametrize(
    "body, field",
    [
        ({"title": "Pilot", "start_date": "2027-05-01", "due_date": "2027-04-01"}, "due_date"),
        ({"title": "Pilot", "due_date": "2027-02-30"}, "due_date"),
        ({"title": "Pilot", "marker_ids": [999999]}, "marker_ids"),
        ({"title": "Pilot", "owner_organisation_id": 999999}, "owner_organisation_id"),
        ({"title": "Pilot", "status": "finished"}, "status"),
    ],
)
def test_bad_next_steps_are_refused_and_write_nothing(board, snapshot, body, field):
    before = snapshot()
    response = board["clients"]["partner"].post(f"/boards/{board['id']}/next-steps", json=body)
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]
    assert snapshot() == before


def test_next_step_due_date_edit_before_start_is_refused(board):
    b, partner = board["id"], board["clients"]["partner"]
    step = partner.post(
        f"/boards/{b}/next-steps", json={"title": "Pilot", "start_date": "2027-03-01"}
    ).get_json()
    response = partner.patch(
        f"/boards/{b}/next-steps/{step['id']}", json={"version": 1, "due_date": "2027-01-01"}
    )
    assert response.status_code == 422
    fresh = partner.get(f"/boards/{b}/next-steps").get_json()["next_steps"][0]
    assert fresh["due_date"] is None and fresh["version"] == 1
