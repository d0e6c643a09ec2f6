"""Figures per quarter: entered through the API, shown by the monitor, checked and permitted."""

import pytest

from app.extensions import db
from app.models import Figure


@pytest.fixture
def filled(monitor_board):
    """Four cards and two quarters of figures, entered as partner and coordinator would."""
    m = monitor_board
    coordinator, partner = m["clients"]["coordinator"], m["clients"]["partner"]
    a, b, _c = m["phases"]
    a1 = m["card"](0, 0, capacity_per_year=300)
    a2 = m["card"](0, 1, org=m["other"])
    b1 = m["card"](1, 0)
    put = m["put"]
    for client, figure in (
        (partner, {"card_id": a1["id"], "reached": 120, "moved_on": 60, "waiting_weeks": 2}),
        (coordinator, {"card_id": a2["id"], "reached": 80, "moved_on": 20, "waiting_weeks": 5}),
        (partner, {"card_id": b1["id"], "reached": 50}),
    ):
        phase = a if figure["card_id"] != b1["id"] else b
        response = put(client, period="2026-Q1", phase_id=phase, **figure)
        assert response.status_code == 200, response.get_json()
    # B has a total of its own for Q1: it wins over its card's 50.
    assert (
        put(coordinator, period="2026-Q1", phase_id=b, reached=90, moved_on=30).status_code == 200
    )
    assert put(coordinator, period="2026-Q1", phase_id=b, waiting_weeks=3).status_code == 200
    assert (
        put(coordinator, period="2026-Q2", phase_id=a, reached=150, moved_on=50).status_code == 200
    )
    return {**m, "a1": a1, "a2": a2, "b1": b1}


def _monitor(m, query: str = "") -> dict:
    response = m["clients"]["viewer"].get(f"/boards/{m['id']}/monitor{query}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_the_monitor_matches_hand_computed_figures(filled):
    result = _monitor(filled)
    a, b, c = filled["phases"]
    assert result["periods"] == ["2026-Q1", "2026-Q2"]
    by_phase = {p["phase_id"]: p["per_period"] for p in result["phases"]}
    assert list(by_phase) == [a, b, c]
    # A has no total of its own in Q1: the sum of its cards (120 + 80, 60 + 20), the longest wait.
    assert by_phase[a][0] == {
        "period": "2026-Q1",
        "reached": 200,
        "moved_on": 80,
        "conversion": 0.4,
        "waiting_weeks": 5,
    }
    assert by_phase[a][1]["conversion"] == 0.3333  # 50 / 150, four decimals
    # B's own total (90 → 30, 3 weeks), not its card's 50.
    assert by_phase[b][0] == {
        "period": "2026-Q1",
        "reached": 90,
        "moved_on": 30,
        "conversion": 0.3333,
        "waiting_weeks": 3,
    }
    assert by_phase[c][0] == {
        "period": "2026-Q1",
        "reached": None,
        "moved_on": None,
        "conversion": None,
        "waiting_weeks": None,
    }


def test_a_range_shows_every_quarter_in_it(filled):
    result = _monitor(filled, "?from=2026-Q2&to=2026-Q3")
    assert result["periods"] == ["2026-Q2", "2026-Q3"]
    first = result["phases"][0]["per_period"]
    assert [row["reached"] for row in first] == [150, None]


def test_target_groups_reach_a_share_of_their_size(filled):
    m, coordinator = filled, filled["clients"]["coordinator"]
    lane_group = coordinator.post(
        f"/boards/{m['id']}/target-groups",
        json={"name": "Eigenaar-bewoners D–G", "size": 1000, "lane_id": m["lanes"][0]},
    )
    assert lane_group.status_code == 201, lane_group.get_json()
    whole = coordinator.post(
        f"/boards/{m['id']}/target-groups", json={"name": "Alle woningen", "size": 4000}
    )
    assert whole.status_code == 201
    groups = {g["name"]: g for g in _monitor(m)["target_groups"]}
    a, b, c = m["phases"]
    # Lane 1's card in the first phase reached 120 in Q1 (none in Q2): 120 / 1000. Per phase:
    # the lane's cards only, so B counts its card's 50 (not B's own total of 90).
    assert groups["Eigenaar-bewoners D–G"] == {
        "id": lane_group.get_json()["id"],
        "name": "Eigenaar-bewoners D–G",
        "size": 1000,
        "reached": 120,
        "reach": 0.12,
        "per_phase": [
            {"phase_id": a, "reached": 120, "reach": 0.12},
            {"phase_id": b, "reached": 50, "reach": 0.05},
            {"phase_id": c, "reached": None, "reach": None},
        ],
    }
    # The whole board: the first phase's shown totals, 200 + 150 = 350 of 4000; per phase the
    # shown totals summed over the quarters (B: its own 90 in Q1).
    whole = groups["Alle woningen"]
    assert (whole["reached"], whole["reach"]) == (350, 0.0875)
    assert [(p["reached"], p["reach"]) for p in whole["per_phase"]] == [
        (350, 0.0875),
        (90, 0.0225),
        (None, None),
    ]


def test_target_groups_are_kept_by_the_coordinator(monitor_board):
    m = monitor_board
    path = f"/boards/{m['id']}/target-groups"
    coordinator = m["clients"]["coordinator"]
    for role in ("partner", "viewer"):
        assert m["clients"][role].post(path, json={"name": "X", "size": 10}).status_code == 403
    made = coordinator.post(path, json={"name": "Huurders", "size": 3100}).get_json()
    edited = coordinator.patch(f"{path}/{made['id']}", json={"size": 3200})
    assert edited.status_code == 200 and edited.get_json()["size"] == 3200
    stale = coordinator.patch(f"{path}/{made['id']}", json={"size": 1, "version": 1})
    assert stale.status_code == 409
    bad = coordinator.post(path, json={"name": "", "size": 0, "lane_id": 999999})
    assert bad.status_code == 422
    assert set(bad.get_json()["error"]["fields"]) == {"name", "size"}
    assert (
        coordinator.post(path, json={"name": "X", "size": 5, "lane_id": 999999}).status_code == 422
    )
    assert coordinator.delete(f"{path}/{made['id']}").status_code == 204
    assert _monitor(m)["target_groups"] == []


def test_partners_enter_only_their_own_organisations_figures(monitor_board, snapshot):
    m = monitor_board
    a = m["phases"][0]
    own, foreign = m["card"](0, 0), m["card"](0, 1, org=m["other"])
    partner, viewer = m["clients"]["partner"], m["clients"]["viewer"]
    before = snapshot()
    refused = [
        m["put"](partner, period="2026-Q1", phase_id=a, card_id=foreign["id"], reached=5),
        m["put"](partner, period="2026-Q1", phase_id=a, reached=5),  # a phase total
        m["put"](viewer, period="2026-Q1", phase_id=a, card_id=own["id"], reached=5),
        m["clients"]["outsider"].put(
            f"/boards/{m['id']}/figures", json={"period": "2026-Q1", "phase_id": a, "reached": 5}
        ),
    ]
    assert [r.status_code for r in refused] == [403, 403, 403, 403]
    assert "eigen organisatie" in refused[0].get_json()["error"]["message"]
    assert snapshot() == before
    mine = m["put"](partner, period="2026-Q1", phase_id=a, card_id=own["id"], reached=5)
    assert mine.status_code == 200
    body = mine.get_json()
    assert body["entered_by"] == "Partner" and body["entered_at"].startswith("20")


@pytest.mark.parametrize(
    ("figure", "field"),
    [
        ({"period": "2026-Q5"}, "period"),
        ({"period": "26-Q1"}, "period"),
        ({"period": "2026Q1"}, "period"),
        ({"reached": -1}, "reached"),
        ({"reached": 1.5}, "reached"),
        ({"reached": "veel"}, "reached"),
        ({"waiting_weeks": 105}, "waiting_weeks"),
        ({"waiting_weeks": -1}, "waiting_weeks"),
        ({"reached": 10, "moved_on": 11}, "moved_on"),
        ({"satisfaction": 8}, "satisfaction"),
        ({"phase_id": 999999}, "phase_id"),
    ],
)
def test_bad_figures_are_refused_with_a_message_per_field(monitor_board, figure, field, snapshot):
    m = monitor_board
    before = snapshot()
    body = {"period": "2026-Q1", "phase_id": m["phases"][0], **figure}
    response = m["put"](m["clients"]["coordinator"], **body)
    assert response.status_code == 422, response.get_json()
    error = response.get_json()["error"]
    assert error["code"] == "validation_failed" and field in error["fields"]
    assert snapshot() == before


def test_moved_on_is_checked_against_the_reached_already_stored(monitor_board):
    m = monitor_board
    a, coordinator = m["phases"][0], m["clients"]["coordinator"]
    assert m["put"](coordinator, period="2026-Q1", phase_id=a, reached=40).status_code == 200
    response = m["put"](coordinator, period="2026-Q1", phase_id=a, moved_on=41)
    assert response.status_code == 422
    message = response.get_json()["error"]["fields"]["moved_on"]
    assert "41" in message and "40" in message  # says which numbers disagree


def test_a_card_figure_must_be_in_the_cards_phase(monitor_board):
    m = monitor_board
    card = m["card"](0, 0)
    response = m["put"](
        m["clients"]["partner"], period="2026-Q1", phase_id=m["phases"][1], card_id=card["id"]
    )
    assert response.status_code == 422 and "phase_id" in response.get_json()["error"]["fields"]


def test_null_clears_a_field_and_an_empty_figure_is_removed(monitor_board):
    m = monitor_board
    a, coordinator = m["phases"][0], m["clients"]["coordinator"]
    m["put"](coordinator, period="2026-Q1", phase_id=a, reached=40, waiting_weeks=4)
    kept = m["put"](coordinator, period="2026-Q1", phase_id=a, waiting_weeks=None).get_json()
    assert (kept["reached"], kept["waiting_weeks"]) == (40, None)
    gone = m["put"](coordinator, period="2026-Q1", phase_id=a, reached=None)
    assert gone.status_code == 204
    assert db.session.execute(db.select(db.func.count(Figure.id))).scalar_one() == 0
    assert _monitor(m)["periods"] == []


def test_a_bad_range_is_a_422(monitor_board):
    client, b = monitor_board["clients"]["viewer"], monitor_board["id"]
    assert client.get(f"/boards/{b}/monitor?from=2026-Q9").status_code == 422
    assert client.get(f"/boards/{b}/monitor?from=2026-Q3&to=2026-Q1").status_code == 422
    assert client.get(f"/boards/{b}/monitor?from=2000-Q1&to=2030-Q1").status_code == 422
    assert monitor_board["clients"]["outsider"].get(f"/boards/{b}/monitor").status_code == 403


def test_a_figure_is_live_and_in_the_history(monitor_board, sio):
    m = monitor_board
    watcher = sio(m["people"]["viewer"])
    assert watcher.join(m["id"])["ok"]
    watcher.received_events()
    m["put"](m["clients"]["coordinator"], period="2026-Q3", phase_id=m["phases"][0], reached=7)
    events = watcher.received_events()
    assert [e["type"] for e in events] == ["figure.updated"]
    assert events[0]["data"]["reached"] == 7 and events[0]["data"]["period"] == "2026-Q3"
    history = m["clients"]["viewer"].get(f"/boards/{m['id']}/events?after=0").get_json()
    assert history["events"][-1]["type"] == "figure.updated"
    assert history["events"][-1]["actor"]["name"] == "Coordinator"


def test_the_monitor_takes_a_constant_number_of_queries(monitor_board, count_queries):
    m = monitor_board
    coordinator, a = m["clients"]["coordinator"], m["phases"][0]

    def queries() -> int:
        with count_queries() as statements:
            _monitor(m)
        return len(statements)

    m["put"](coordinator, period="2026-Q1", phase_id=a, reached=1)
    queries()  # the first read also notes the token's last use
    few = queries()
    for quarter in range(1, 5):
        for lane in range(2):
            card = m["card"](0, lane)
            figure = {"period": f"2027-Q{quarter}", "card_id": card["id"], "reached": 3}
            m["put"](coordinator, phase_id=a, **figure)
    queries()
    assert queries() == few
