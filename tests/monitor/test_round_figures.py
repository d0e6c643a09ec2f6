"""The round diff includes the figures: per phase, the latest quarter's figures when the round
was taken against those now (or at a later round)."""

from app.extensions import db
from app.models import Round


def _diff(m, round_id: int, against: int | None = None) -> dict:
    query = f"?against={against}" if against else ""
    response = m["clients"]["viewer"].get(f"/boards/{m['id']}/rounds/{round_id}/diff{query}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_the_round_diff_shows_how_each_phases_figures_moved(monitor_board, web):
    m = monitor_board
    coordinator, partner = m["clients"]["coordinator"], m["clients"]["partner"]
    a, b, c = m["phases"]
    card = m["card"](0, 0)
    put = m["put"]
    assert (
        put(partner, period="2026-Q2", phase_id=a, card_id=card["id"], reached=100).status_code
        == 200
    )
    assert (
        put(
            coordinator, period="2026-Q2", phase_id=b, reached=40, moved_on=10, waiting_weeks=3
        ).status_code
        == 200
    )
    first = coordinator.post(f"/boards/{m['id']}/rounds", json={"name": "Voorjaar"}).get_json()

    # The next quarter: A's card reaches more and passes half on; B waits longer; C starts.
    put(partner, period="2026-Q3", phase_id=a, card_id=card["id"], reached=150, moved_on=75)
    put(coordinator, period="2026-Q3", phase_id=b, reached=40, moved_on=10, waiting_weeks=6)
    put(coordinator, period="2026-Q3", phase_id=c, reached=5)

    diff = _diff(m, first["id"])
    figures = diff["figures"]
    assert (figures["period_before"], figures["period_after"]) == ("2026-Q2", "2026-Q3")
    rows = {row["phase_id"]: row for row in figures["phases"]}
    assert list(rows) == [a, b, c]
    assert rows[a]["before"] == {
        "period": "2026-Q2",
        "reached": 100,
        "moved_on": None,
        "conversion": None,
        "waiting_weeks": None,
    }
    assert rows[a]["after"] == {
        "period": "2026-Q3",
        "reached": 150,
        "moved_on": 75,
        "conversion": 0.5,
        "waiting_weeks": None,
    }
    assert rows[a]["changed"] == ["period", "reached", "moved_on", "conversion"]
    assert (rows[b]["before"]["waiting_weeks"], rows[b]["after"]["waiting_weeks"]) == (3, 6)
    assert rows[b]["changed"] == ["period", "waiting_weeks"]
    assert (rows[c]["before"]["reached"], rows[c]["after"]["reached"]) == (None, 5)

    # Between two rounds: the later round's figures, not today's.
    second = coordinator.post(f"/boards/{m['id']}/rounds", json={"name": "Najaar"}).get_json()
    put(coordinator, period="2026-Q4", phase_id=b, reached=999)
    between = _diff(m, first["id"], second["id"])["figures"]
    assert between["period_after"] == "2026-Q3"
    assert {r["phase_id"]: r["after"]["reached"] for r in between["phases"]}[b] == 40
    assert _diff(m, first["id"])["figures"]["period_after"] == "2026-Q4"

    page = web(m["people"]["viewer"]).get(f"/boards/{m['id']}/rounds/{first['id']}").text
    assert "Cijfers per fase" in page
    # Each phase its own latest quarter: A's Q3 beside B's Q4, not an empty Q4 for A.
    assert "2026-Q2 → 2026-Q3" in page and "2026-Q2 → 2026-Q4" in page
    assert "100 → 150" in page and "40 → 999" in page


def test_a_round_kept_before_rounds_kept_figures_says_so(monitor_board, web):
    m = monitor_board
    coordinator = m["clients"]["coordinator"]
    m["put"](coordinator, period="2026-Q2", phase_id=m["phases"][0], reached=10)
    made = coordinator.post(f"/boards/{m['id']}/rounds", json={"name": "Oud"}).get_json()
    kept = db.session.get(Round, made["id"])
    kept.snapshot = {k: v for k, v in kept.snapshot.items() if k != "figures"}
    db.session.commit()
    assert _diff(m, made["id"])["figures"] is None
    page = web(m["people"]["viewer"]).get(f"/boards/{m['id']}/rounds/{made['id']}").text
    assert "voordat rondes cijfers bewaarden" in page
