"""The lenses' figures against hand-computed numbers, and each suggestion rule on small boards."""


def _kinds(analysis: dict, kind: str) -> list[dict]:
    return [s for s in analysis["suggestions"] if s["kind"] == kind]


def _fill(small, skip=()):
    """Put one loket offer in every cell except the skipped ones."""
    for p in "ABC":
        for lane in ("L1", "L2"):
            if (p, lane) not in skip:
                small["card"](p, lane)


def _demand(small, phase: str, demand: int | None) -> None:
    response = small["api"].patch(
        f"/boards/{small['id']}/phases/{small['phase'][phase]}", json={"demand_per_year": demand}
    )
    assert response.status_code == 200, response.get_json()


def _handover(small, one: dict, two: dict) -> dict:
    response = small["api"].post(
        f"/boards/{small['id']}/handovers",
        json={"from_card_id": one["id"], "to_card_id": two["id"]},
    )
    assert response.status_code == 201
    return response.get_json()


def test_lens_figures_match_hand_computed_numbers(small):
    card, b, api = small["card"], small["id"], small["api"]
    _demand(small, "A", 600)
    c1 = card("A", "L1", capacity_per_year=200, title="Coach")
    c2 = card("A", "L1", "zon", capacity_per_year=100)
    card("A", "L2", capacity_per_year=50, capacity_unit="gesprekken/jaar")
    stopped = card("A", "L2", capacity_per_year=1000, status="stopped")
    for one, quality in ((c1, "good"), (c2, "weak")):
        api.patch(
            f"/boards/{b}/cards/{one['id']}", json={"version": one["version"], "quality": quality}
        )
    b1 = card("B", "L1")
    _handover(small, c1, b1)
    _handover(small, c2, b1)
    _handover(small, b1, c1)
    _handover(small, stopped, b1)  # a stopped offer refers nobody
    api.post(
        f"/boards/{b}/markers",
        json={
            "kind": "bottleneck",
            "title": "Afhakers",
            "phase_id": small["phase"]["A"],
            "dropouts_per_year": 40,
        },
    )
    api.post(
        f"/boards/{b}/markers",
        json={"kind": "overlap", "title": "Dubbel", "card_ids": [c1["id"], c2["id"]]},
    )
    resolved = api.post(
        f"/boards/{b}/markers",
        json={
            "kind": "gap",
            "title": "Opgelost",
            "phase_id": small["phase"]["A"],
            "status": "resolved",
        },
    ).get_json()
    assert resolved["status"] == "resolved"

    analysis = small["analysis"]()
    a, phase_b, phase_c = analysis["phases"]
    assert a["offers"] == 3  # the stopped offer does not count
    assert a["coverage"] == 1.0
    assert a["demand_per_year"] == 600 and a["capacity_per_year"] == 300 and a["ratio"] == 0.5
    assert a["other_capacity"] == {"gesprekken/jaar": 50}
    assert a["quality"] == {"good": 1, "adequate": 0, "weak": 1, "unjudged": 1}
    assert (a["handovers_out"], a["handovers_in"], a["handovers_onward"]) == (2, 1, 2)
    assert (phase_b["handovers_in"], phase_b["handovers_out"]) == (2, 1)
    assert a["open_markers"] == 2 and a["dropouts_per_year"] == 40
    assert a["open_by_kind"] == {"gap": 0, "overlap": 1, "bottleneck": 1}
    assert phase_b["coverage"] == 0.5 and phase_b["capacity_per_year"] is None
    assert phase_c["coverage"] == 0.0 and phase_c["ratio"] is None
    cells = {(c["phase_id"], c["lane_id"]): c for c in analysis["cells"]}
    a1 = cells[(small["phase"]["A"], small["lane"]["L1"])]
    assert (a1["offers"], a1["capacity_per_year"], a1["open_markers"]) == (2, 300, 1)
    assert (a1["handovers_out"], a1["handovers_in"]) == (2, 1)
    assert cells[(small["phase"]["C"], small["lane"]["L2"])]["coverage"] == 0.0


def test_gap_rule_fires_for_each_empty_cell_only(small):
    _fill(small, skip={("B", "L2")})
    gaps = _kinds(small["analysis"](), "gap")
    assert [(g["phase_id"], g["lane_id"]) for g in gaps] == [
        (small["phase"]["B"], small["lane"]["L2"])
    ]
    assert gaps[0]["marker_kind"] == "gap" and "B × L2" in gaps[0]["reason"]


def test_gap_rule_is_quiet_on_a_full_board_and_counts_stopped_offers_as_absent(small):
    _fill(small)
    assert _kinds(small["analysis"](), "gap") == []
    small["card"]("A", "L1", "zon")
    _fill_stopped = small["card"]("C", "L1", "wind", status="stopped")
    assert _fill_stopped["status"] == "stopped"
    assert _kinds(small["analysis"](), "gap") == []


def test_stopped_offer_alone_leaves_a_gap(small):
    _fill(small, skip={("C", "L1")})
    small["card"]("C", "L1", status="stopped")
    gaps = _kinds(small["analysis"](), "gap")
    assert [(g["phase_id"], g["lane_id"]) for g in gaps] == [
        (small["phase"]["C"], small["lane"]["L1"])
    ]


def test_capacity_gap_fires_only_when_household_capacity_is_below_demand(small):
    _fill(small)
    assert _kinds(small["analysis"](), "capacity_gap") == []  # no demand set
    _demand(small, "B", 500)
    assert _kinds(small["analysis"](), "capacity_gap") == []  # capacity unknown
    small["card"]("B", "L1", capacity_per_year=5000, capacity_unit="gesprekken/jaar")
    assert _kinds(small["analysis"](), "capacity_gap") == []  # another unit is not added in
    small["card"]("B", "L2", capacity_per_year=300)
    gaps = _kinds(small["analysis"](), "capacity_gap")
    assert [g["phase_id"] for g in gaps] == [small["phase"]["B"]]
    assert "300" in gaps[0]["reason"] and "500" in gaps[0]["reason"]
    small["card"]("B", "L2", capacity_per_year=200)
    assert _kinds(small["analysis"](), "capacity_gap") == []  # 500 is enough


def test_overlap_rule_needs_two_organisations_of_one_kind_in_one_cell(small):
    _fill(small)
    card = small["card"]
    card("A", "L1", "zon")
    card("A", "L2", "wind")  # same kind, other cell
    card("B", "L1", "zon")
    card("B", "L1", "zon")  # same organisation twice
    card("C", "L1", "x")
    card("C", "L1", "y")  # kind "overig" is too vague
    assert _kinds(small["analysis"](), "overlap") == []
    wind = card("A", "L1", "wind")
    overlaps = _kinds(small["analysis"](), "overlap")
    assert len(overlaps) == 1
    assert overlaps[0]["phase_id"] == small["phase"]["A"]
    assert overlaps[0]["lane_id"] == small["lane"]["L1"] and wind["id"] in overlaps[0]["card_ids"]
    assert len(overlaps[0]["card_ids"]) == 2


def test_break_rule_wants_a_handover_onward_between_consecutive_offered_phases(small):
    a = small["card"]("A", "L1")
    b = small["card"]("B", "L1")
    breaks = _kinds(small["analysis"](), "break")
    assert [(s["phase_id"], s["marker_kind"]) for s in breaks] == [
        (small["phase"]["A"], "bottleneck")
    ]  # B → C: C has no offers, that is a gap instead
    _handover(small, b, a)  # backwards does not bridge A → B
    assert len(_kinds(small["analysis"](), "break")) == 1
    _handover(small, a, b)
    assert _kinds(small["analysis"](), "break") == []
    c = small["card"]("C", "L2")
    assert [s["key"] for s in _kinds(small["analysis"](), "break")] == [
        f"break-{small['phase']['B']}-{small['phase']['C']}"
    ]
    assert c["phase_id"] == small["phase"]["C"]


def test_accepting_a_suggestion_makes_a_marker_and_it_stops_being_suggested(small):
    _fill(small, skip={("A", "L2")})
    key = _kinds(small["analysis"](), "gap")[0]["key"]
    assert (
        small["viewer"].post(f"/boards/{small['id']}/suggestions/{key}/accept").status_code == 403
    )
    response = small["api"].post(f"/boards/{small['id']}/suggestions/{key}/accept")
    assert response.status_code == 201
    marker = response.get_json()
    assert (marker["kind"], marker["phase_id"], marker["lane_id"], marker["status"]) == (
        "gap",
        small["phase"]["A"],
        small["lane"]["L2"],
        "open",
    )
    assert _kinds(small["analysis"](), "gap") == []
    assert small["api"].post(f"/boards/{small['id']}/suggestions/{key}/accept").status_code == 404
    # Once the marker is resolved while the cell is still empty, the board suggests it again.
    small["api"].patch(
        f"/boards/{small['id']}/markers/{marker['id']}", json={"version": 1, "status": "resolved"}
    )
    assert [g["key"] for g in _kinds(small["analysis"](), "gap")] == [key]


def test_a_hand_made_marker_covers_the_suggestion(small):
    a = small["card"]("A", "L1", "zon")
    w = small["card"]("A", "L1", "wind")
    assert len(_kinds(small["analysis"](), "overlap")) == 1
    small["api"].post(
        f"/boards/{small['id']}/markers",
        json={"kind": "overlap", "title": "Twee coöperaties", "card_ids": [a["id"], w["id"]]},
    )
    assert _kinds(small["analysis"](), "overlap") == []


def test_dismissed_suggestion_returns_when_the_situation_changes(small):
    _fill(small)
    _demand(small, "A", 900)
    small["card"]("A", "L1", capacity_per_year=100)
    key = _kinds(small["analysis"](), "capacity_gap")[0]["key"]
    response = small["api"].post(f"/boards/{small['id']}/suggestions/{key}/dismiss")
    assert response.status_code == 200 and response.get_json()["status"] == "dismissed"
    assert _kinds(small["analysis"](), "capacity_gap") == []
    small["card"]("B", "L1", capacity_per_year=100)  # another phase: same situation in A
    assert _kinds(small["analysis"](), "capacity_gap") == []
    small["card"]("A", "L2", capacity_per_year=100)  # A's capacity changed: 200 < 900
    assert [s["key"] for s in _kinds(small["analysis"](), "capacity_gap")] == [key]
    assert small["api"].post(f"/boards/{small['id']}/suggestions/nope-1/dismiss").status_code == 404


def _grow(small, orgs) -> None:
    """Add a card per cell and organisation, handovers onward, an overlap and a next step."""
    cards = [small["card"](p, lane, org) for p in "ABC" for lane in ("L1", "L2") for org in orgs]
    per_phase = 2 * len(orgs)
    for one, two in zip(cards, cards[per_phase:], strict=False):
        _handover(small, one, two)
    small["api"].post(
        f"/boards/{small['id']}/markers",
        json={"kind": "overlap", "title": "Dubbel", "card_ids": [cards[0]["id"], cards[1]["id"]]},
    )
    small["api"].post(f"/boards/{small['id']}/next-steps", json={"title": "Pilot"})


def test_analysis_query_count_does_not_grow_with_the_board(small, count_queries):
    _grow(small, ("zon", "wind"))
    small["analysis"]()  # the first use of the viewer's token is recorded: not counted
    with count_queries() as few:
        small["analysis"]()
    _grow(small, ("zon", "wind", "loket", "x", "y"))
    with count_queries() as many:
        small["analysis"]()
    assert few and len(many) == len(few), many
