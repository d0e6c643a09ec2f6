"""Meetings over the API: agenda order and time slots, follow events, decisions, minutes."""

import pytest

START = "2026-12-01T19:30:00+01:00"


@pytest.fixture
def planned(sample_board, api):
    """A meeting with three agenda items: about a marker, a card and a free item."""
    board = sample_board["board"]
    coordinator = api(sample_board["people"]["coordinator"])
    base = f"/boards/{board.id}/meetings"
    meeting = coordinator.post(
        base,
        json={
            "title": "Regieoverleg december",
            "starts_at": START,
            "participants": "Gemeente, Energieloket",
        },
    )
    assert meeting.status_code == 201
    path = f"{base}/{meeting.json['id']}"
    items = [
        coordinator.post(f"{path}/items", json=item).json
        for item in (
            {
                "title": "Knelpunt na advies",
                "ref_type": "marker",
                "ref_id": sample_board["bottleneck"].id,
                "duration_minutes": 20,
            },
            {
                "title": "Keukentafelgesprek",
                "ref_type": "card",
                "ref_id": sample_board["cards"][0].id,
                "duration_minutes": 15,
            },
            {"title": "Rondvraag", "ref_type": "free"},
        )
    ]
    return {
        **sample_board,
        "api": coordinator,
        "path": path,
        "items": items,
        "meeting": meeting.json,
    }


def _titles(meeting: dict) -> list[str]:
    return [item["title"] for item in meeting["items"]]


def test_agenda_keeps_order_and_moves_items(planned):
    coordinator, path, items = planned["api"], planned["path"], planned["items"]
    assert _titles(coordinator.get(path).json) == [
        "Knelpunt na advies",
        "Keukentafelgesprek",
        "Rondvraag",
    ]
    moved = coordinator.patch(f"{path}/items/{items[2]['id']}", json={"position": 0})
    assert moved.status_code == 200 and moved.json["position"] == 0
    assert _titles(coordinator.get(path).json) == [
        "Rondvraag",
        "Knelpunt na advies",
        "Keukentafelgesprek",
    ]
    inserted = coordinator.post(f"{path}/items", json={"title": "Opening", "position": 0})
    assert inserted.status_code == 201
    agenda = coordinator.get(path).json["items"]
    assert _titles({"items": agenda})[:2] == ["Opening", "Rondvraag"]
    assert [item["position"] for item in agenda] == [0, 1, 2, 3]
    assert coordinator.delete(f"{path}/items/{items[2]['id']}").status_code == 204
    assert [i["position"] for i in coordinator.get(path).json["items"]] == [0, 1, 2]


def test_minutes_give_time_slots_from_start_and_durations(planned):
    items = planned["api"].get(f"{planned['path']}/minutes").json["items"]
    assert [(i["starts_at"][11:16], i["ends_at"][11:16]) for i in items] == [
        ("18:30", "18:50"),
        ("18:50", "19:05"),
        ("19:05", "19:15"),
    ]  # UTC; default 10 min


def test_bad_references_are_refused(planned, api, create_user):
    coordinator, path = planned["api"], planned["path"]
    for item in (
        {"title": "x", "ref_type": "card", "ref_id": 999_999},
        {"title": "x", "ref_type": "marker"},
        {"title": "x", "ref_type": "free", "ref_id": 1},
        {"title": "x", "ref_type": "planet", "ref_id": 1},
        {"title": "", "duration_minutes": 0},
    ):
        assert coordinator.post(f"{path}/items", json=item).status_code == 422, item
    other = api(create_user())
    board = other.post("/boards", json={"name": "Ander bord"}).json
    foreign_phase = board["phases"][0]["id"]
    assert (
        coordinator.post(
            f"{path}/items", json={"title": "x", "ref_type": "phase", "ref_id": foreign_phase}
        ).status_code
        == 422
    )


def test_only_coordinators_manage_partners_read_viewers_nothing(planned, api):
    board, path = planned["board"], planned["path"]
    partner = api(planned["people"]["partner"])
    viewer = api(planned["people"]["viewer"])
    assert (
        partner.get(f"/boards/{board.id}/meetings").json["meetings"][0]["title"]
        == "Regieoverleg december"
    )
    assert partner.get(f"{path}/minutes").status_code == 200
    assert partner.post(f"{path}/items", json={"title": "x"}).status_code == 403
    assert partner.post(f"{path}/start").status_code == 403
    assert (
        partner.post(
            f"/boards/{board.id}/meetings", json={"title": "x", "starts_at": START}
        ).status_code
        == 403
    )
    for call in (
        viewer.get(f"/boards/{board.id}/meetings"),
        viewer.get(path),
        viewer.get(f"{path}/minutes.md"),
    ):
        assert call.status_code == 403


def test_stepping_through_records_follow_events(planned, sio, api):
    board, coordinator = planned["board"], planned["api"]
    path, items = planned["path"], planned["items"]
    partner_socket = sio(planned["people"]["partner"])
    assert partner_socket.emit("join", {"board_id": board.id}, callback=True)["ok"]
    partner_socket.get_received()
    assert (
        coordinator.post(f"{path}/current", json={"item_id": items[1]["id"]}).status_code == 422
    )  # not started yet
    started = coordinator.post(f"{path}/start")
    assert started.json["status"] == "running"
    assert started.json["current_item_id"] == items[0]["id"]
    coordinator.post(f"{path}/current", json={"item_id": items[1]["id"]})
    coordinator.post(f"{path}/end")
    follow = [
        m["args"][0]
        for m in partner_socket.get_received()
        if m["name"] == "board_event" and m["args"][0]["type"] == "meeting.updated"
    ]
    assert [e["data"]["status"] for e in follow] == ["running", "running", "ended"]
    first, second = follow[0]["data"], follow[1]["data"]
    bottleneck, card = planned["bottleneck"], planned["cards"][0]
    assert (first["ref_type"], first["ref_id"]) == ("marker", bottleneck.id)
    assert first["focus"] == {
        "phase_id": bottleneck.phase_id,
        "lane_id": bottleneck.lane_id,
        "card_ids": [],
    }
    assert (second["ref_type"], second["ref_id"]) == ("card", card.id)
    assert second["focus"]["card_ids"] == [card.id]
    assert "title" not in second and "minutes" not in second  # viewers see places, not texts
    assert coordinator.post(f"{path}/start").status_code == 422  # ended meetings stay ended


def test_minutes_from_a_scripted_meeting(planned, api):
    board, coordinator = planned["board"], planned["api"]
    path, items = planned["path"], planned["items"]
    partner = api(planned["people"]["partner"])
    card = planned["cards"][0]
    partner.post(
        f"/boards/{board.id}/cards/{card.id}/move",
        json={"phase_id": board.phases[2].id, "lane_id": board.lanes[0].id},
    )
    coordinator.post(f"{path}/start")
    partner.post(
        f"/boards/{board.id}/cards/{card.id}/move",
        json={"phase_id": board.phases[3].id, "lane_id": board.lanes[0].id},
    )
    coordinator.patch(
        f"{path}/items/{items[0]['id']}", json={"minutes": "Veel bewoners haken af na het advies."}
    )
    decided = coordinator.post(
        f"{path}/decisions",
        json={
            "item_id": items[0]["id"],
            "text": "We starten een offertecheck.",
            "next_step": {
                "title": "Offertecheck starten",
                "owner_organisation_id": planned["coop"].id,
                "due_date": "2027-03-01",
            },
        },
    )
    assert decided.status_code == 201
    step_id = decided.json["next_step_id"]
    existing = coordinator.post(
        f"{path}/decisions",
        json={
            "item_id": items[1]["id"],
            "text": "Wijkavond gaat door.",
            "next_step_id": _step_id(coordinator, board.id, "Wijkavond"),
        },
    )
    assert existing.status_code == 201
    coordinator.post(f"{path}/decisions", json={"text": "Volgende keer in de bibliotheek."})
    coordinator.post(f"{path}/end")
    partner.post(
        f"/boards/{board.id}/cards/{card.id}/move",
        json={"phase_id": board.phases[4].id, "lane_id": board.lanes[0].id},
    )

    minutes = coordinator.get(f"{path}/minutes").json
    assert [d["text"] for d in minutes["decisions"]] == [
        "We starten een offertecheck.",
        "Wijkavond gaat door.",
        "Volgende keer in de bibliotheek.",
    ]
    assert [(a["title"], a["owner"], a["due_date"], a["status"]) for a in minutes["actions"]] == [
        ("Offertecheck starten", "Energiecoöperatie Zon", "2027-03-01", "agreed"),
        ("Wijkavond", None, None, "agreed"),
    ]
    assert minutes["items"][0]["minutes"] == "Veel bewoners haken af na het advies."
    changes = [c["text"] for c in minutes["changes"]]
    assert any(
        "verplaatste" in t and "Keukentafelgesprek" in t and board.phases[3].name in t
        for t in changes
    ), changes
    assert not any(board.phases[2].name in t or board.phases[4].name in t for t in changes)
    assert any("Offertecheck starten" in t for t in changes)  # the agreed step is a change
    step = coordinator.get(f"/boards/{board.id}").json["next_steps"]
    agreed = next(s for s in step if s["id"] == step_id)
    assert agreed["status"] == "agreed" and planned["bottleneck"].id in agreed["marker_ids"]

    markdown = coordinator.get(f"{path}/minutes.md")
    assert markdown.mimetype == "text/markdown"
    text = markdown.get_data(as_text=True)
    assert "# Verslag: Regieoverleg december" in text
    assert "- We starten een offertecheck." in text and "Offertecheck starten" in text
    pdf = coordinator.get(f"{path}/minutes.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")


def _step_id(client, board_id: int, title: str) -> int:
    steps = client.get(f"/boards/{board_id}").json["next_steps"]
    return next(s["id"] for s in steps if s["title"] == title)
