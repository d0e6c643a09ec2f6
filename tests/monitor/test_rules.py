"""The figures' suggestions: each fires on the situation it names, and not beside it."""

import pytest


@pytest.fixture
def board(monitor_board):
    """The monitor board with a `figures(period, phase, **values)` helper for phase totals."""
    m = monitor_board

    def figures(period: str, phase: int, **values):
        response = m["put"](
            m["clients"]["coordinator"], period=period, phase_id=m["phases"][phase], **values
        )
        assert response.status_code == 200, response.get_json()

    return {**m, "figures": figures}


def _suggested(board, kind: str) -> list[dict]:
    analysis = board["clients"]["viewer"].get(f"/boards/{board['id']}/analysis").get_json()
    return [s for s in analysis["suggestions"] if s["kind"] == kind]


def test_waiting_that_grows_two_quarters_is_a_bottleneck(board):
    for period, weeks in (("2026-Q1", 2), ("2026-Q2", 3), ("2026-Q3", 5)):
        board["figures"](period, 1, waiting_weeks=weeks)
        board["figures"](period, 2, waiting_weeks=4)  # steady: no signal
    [signal] = _suggested(board, "waiting_growing")
    assert signal["phase_id"] == board["phases"][1] and signal["marker_kind"] == "bottleneck"
    assert "2 → 3 → 5" in signal["reason"]
    accepted = board["clients"]["partner"].post(
        f"/boards/{board['id']}/suggestions/{signal['key']}/accept"
    )
    assert accepted.status_code == 201 and accepted.get_json()["kind"] == "bottleneck"
    assert _suggested(board, "waiting_growing") == []  # the marker speaks for it now


def test_waiting_that_grew_once_or_fell_back_is_no_signal(board):
    for period, weeks in (("2026-Q1", 2), ("2026-Q2", 3), ("2026-Q3", 3)):
        board["figures"](period, 1, waiting_weeks=weeks)
    board["figures"]("2026-Q2", 0, waiting_weeks=1)  # two quarters only
    board["figures"]("2026-Q3", 0, waiting_weeks=2)
    assert _suggested(board, "waiting_growing") == []


def test_a_conversion_far_below_the_others_is_a_break(board):
    board["figures"]("2026-Q1", 0, reached=100, moved_on=50)  # 0.5
    board["figures"]("2026-Q1", 1, reached=100, moved_on=40)  # 0.4
    board["figures"]("2026-Q1", 2, reached=100, moved_on=10)  # 0.1 < half of 0.45
    [signal] = _suggested(board, "conversion_break")
    assert signal["phase_id"] == board["phases"][2]
    assert "10%" in signal["reason"] and "45%" in signal["reason"]


def test_a_conversion_just_below_the_others_is_no_break(board):
    board["figures"]("2026-Q1", 0, reached=100, moved_on=50)
    board["figures"]("2026-Q1", 1, reached=100, moved_on=40)
    board["figures"]("2026-Q1", 2, reached=100, moved_on=23)  # above half of 0.45
    # An old quarter's break does not count: only the latest quarter with figures.
    board["figures"]("2025-Q4", 2, reached=100, moved_on=1)
    assert _suggested(board, "conversion_break") == []


def test_an_offer_with_capacity_that_reached_nobody_is_unfound(board):
    partner = board["clients"]["partner"]
    lonely = board["card"](1, 0, capacity_per_year=200)
    found = board["card"](1, 1, capacity_per_year=200)
    a = board["phases"][1]
    board["put"](partner, period="2026-Q2", phase_id=a, card_id=found["id"], reached=40)
    [signal] = _suggested(board, "unfound_offer")
    assert signal["card_ids"] == [lonely["id"]]
    assert "Energieloket" in signal["title"]
    board["put"](partner, period="2026-Q2", phase_id=a, card_id=lonely["id"], reached=0)
    assert [s["card_ids"] for s in _suggested(board, "unfound_offer")] == [[lonely["id"]]]


def test_offers_that_reach_someone_or_have_no_capacity_or_no_figures_are_not_unfound(board):
    partner, a = board["clients"]["partner"], board["phases"][1]
    reached = board["card"](1, 0, capacity_per_year=200)
    board["card"](1, 1)  # no capacity: nothing to find
    board["card"](2, 0, capacity_per_year=200)  # its phase has no card figures: not counted
    board["put"](partner, period="2026-Q2", phase_id=a, card_id=reached["id"], reached=3)
    # An older quarter without reach does not count once a later quarter has figures.
    board["put"](partner, period="2026-Q1", phase_id=a, card_id=reached["id"], reached=0)
    assert _suggested(board, "unfound_offer") == []
