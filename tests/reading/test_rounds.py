"""Rounds: a snapshot per round, and what changed since, on a scripted sequence of changes."""


def test_round_diff_tells_what_changed_since_the_round(small):
    card, b, api = small["card"], small["id"], small["api"]
    phase = small["phase"]
    kept = card("A", "L1", capacity_per_year=100, title="Energiecafé")
    removed = card("A", "L2", capacity_per_year=50)
    moved = card("B", "L1", capacity_per_year=70)
    fixed = api.post(
        f"/boards/{b}/markers", json={"kind": "gap", "title": "Geen advies", "phase_id": phase["C"]}
    ).get_json()
    step = api.post(f"/boards/{b}/next-steps", json={"title": "Pilot"}).get_json()
    created = api.post(f"/boards/{b}/rounds", json={"name": "Inventarisatie voorjaar 2027"})
    assert created.status_code == 201
    first = created.get_json()
    assert first["name"] == "Inventarisatie voorjaar 2027"

    added = card("C", "L1", capacity_per_year=30)
    assert api.delete(f"/boards/{b}/cards/{removed['id']}").status_code == 204
    api.post(
        f"/boards/{b}/cards/{moved['id']}/move",
        json={"phase_id": phase["C"], "lane_id": small["lane"]["L2"]},
    )
    api.patch(
        f"/boards/{b}/cards/{kept['id']}",
        json={"version": kept["version"], "title": "Energiecafé plus", "capacity_per_year": 250},
    )
    api.patch(f"/boards/{b}/markers/{fixed['id']}", json={"version": 1, "status": "resolved"})
    opened = api.post(
        f"/boards/{b}/markers",
        json={"kind": "bottleneck", "title": "Offertes", "phase_id": phase["B"]},
    ).get_json()
    version = step["version"]
    for status in ("agreed", "in_progress", "done"):
        version = api.patch(
            f"/boards/{b}/next-steps/{step['id']}", json={"version": version, "status": status}
        ).get_json()["version"]

    diff = small["viewer"].get(f"/boards/{b}/rounds/{first['id']}/diff").get_json()
    cards = diff["cards"]
    assert [c["id"] for c in cards["added"]] == [added["id"]]
    assert [c["id"] for c in cards["removed"]] == [removed["id"]]
    assert [(m["before"]["phase_id"], m["after"]["phase_id"]) for m in cards["moved"]] == [
        (phase["B"], phase["C"])
    ]
    assert [(e["after"]["id"], e["fields"]) for e in cards["edited"]] == [
        (kept["id"], ["title", "capacity_per_year"])
    ]
    assert [m["id"] for m in diff["markers"]["opened"]] == [opened["id"]]
    assert [m["id"] for m in diff["markers"]["resolved"]] == [fixed["id"]]
    assert {c["name"]: (c["before"], c["after"]) for c in diff["capacity"]} == {
        "A": (150, 250),
        "B": (70, None),
        "C": (None, 100),
    }
    assert [s["id"] for s in diff["next_steps_done"]] == [step["id"]]
    assert diff["seq_after"] > diff["seq_before"] == first["seq"]

    second = api.post(f"/boards/{b}/rounds", json={"name": "Najaar 2027"}).get_json()
    rounds = small["viewer"].get(f"/boards/{b}/rounds").get_json()["rounds"]
    assert [r["name"] for r in rounds] == ["Inventarisatie voorjaar 2027", "Najaar 2027"]
    between = (
        small["viewer"]
        .get(f"/boards/{b}/rounds/{first['id']}/diff?against={second['id']}")
        .get_json()
    )
    assert [c["id"] for c in between["cards"]["added"]] == [added["id"]]
    assert between["against"]["name"] == "Najaar 2027"
    since_second = small["viewer"].get(f"/boards/{b}/rounds/{second['id']}/diff").get_json()
    assert since_second["cards"] == {"added": [], "removed": [], "moved": [], "edited": []}
    assert since_second["next_steps_done"] == []


def test_round_needs_a_name_and_unknown_rounds_are_not_found(small):
    b = small["id"]
    assert small["api"].post(f"/boards/{b}/rounds", json={"name": " "}).status_code == 422
    assert small["viewer"].get(f"/boards/{b}/rounds/9999/diff").status_code == 404
