"""Rounds (ronde) of the cycle: snapshots of the board, and what changed since."""

from flask_babel import gettext as _

from app import events
from app.boards.queries import load_state
from app.extensions import db
from app.lookup import get_entity
from app.models import Round
from app.monitor.figures import latest_figures
from app.permissions import EDIT, READ, Actor, board_for
from app.reading.offers import household_capacity
from app.transaction import write

CARD_FIELDS = (
    "title",
    "description",
    "organisation_id",
    "capacity_per_year",
    "capacity_unit",
    "status",
    "quality",
    "quality_reason",
)
FIGURES = ("period", "reached", "moved_on", "conversion", "waiting_weeks")
OPEN = ("open", "being_addressed")
CLOSED = ("resolved",)


def rounds_of(board_id: int) -> list[Round]:
    """Return a board's rounds, oldest first."""
    return list(
        db.session.execute(
            db.select(Round).filter_by(board_id=board_id).order_by(Round.seq, Round.id)
        ).scalars()
    )


def get_round(board_id: int, round_id: int) -> Round:
    """Load a round of the board or raise NotFound."""
    return get_entity(Round, board_id, round_id, _("Deze ronde bestaat niet."))


@write
def start_round(actor: Actor, board_id: int, name: str) -> Round:
    """Start a round: keep a snapshot of the whole board as it is now."""
    board = board_for(actor, board_id, EDIT)
    snapshot = {**load_state(board).to_json(), "figures": latest_figures(board_id)}
    round_ = Round(
        board_id=board_id, name=name, seq=board.seq, snapshot=snapshot, created_by_id=actor.id
    )
    db.session.add(round_)
    events.record(board_id, "round.created", round_, actor)
    return round_


def capacity_per_phase(snapshot: dict) -> dict[int, int | None]:
    """Sum the household capacity of the active offers per phase of a board snapshot."""
    totals: dict[int, int | None] = {p["id"]: None for p in snapshot["phases"]}
    for card in snapshot["cards"]:
        households = household_capacity(card.get("capacity_unit"), card["capacity_per_year"])
        if card.get("status") != "stopped" and households is not None:
            totals[card["phase_id"]] = (totals.get(card["phase_id"]) or 0) + households
    return totals


def compare_figures(before: dict | None, after: dict, phases: dict[int, str]) -> dict | None:
    """Tell per phase how its figures moved: the phase's latest quarter with figures when the
    round was taken against its latest one now (or at the later round). None for a round kept
    before rounds kept figures; a phase without figures on either side is left out."""
    if before is None:
        return None
    empty = dict.fromkeys(FIGURES)
    rows = []
    for phase_id, name in phases.items():
        old = before["phases"].get(str(phase_id), empty)
        new = after["phases"].get(str(phase_id), empty)
        if old is empty and new is empty:
            continue
        changed = [k for k in FIGURES if old[k] != new[k]]
        rows.append(
            {"phase_id": phase_id, "name": name, "before": old, "after": new, "changed": changed}
        )
    return {"period_before": before["period"], "period_after": after["period"], "phases": rows}


def compare(before: dict, after: dict) -> dict:
    """Tell what changed between two board snapshots."""
    old_cards = {c["id"]: c for c in before["cards"]}
    new_cards = {c["id"]: c for c in after["cards"]}
    both = sorted(old_cards.keys() & new_cards.keys())
    old_markers = {m["id"]: m for m in before["markers"]}
    old_steps = {s["id"]: s for s in before["next_steps"]}
    capacity_before, capacity_after = capacity_per_phase(before), capacity_per_phase(after)
    phases = {p["id"]: p["name"] for p in before["phases"]} | {
        p["id"]: p["name"] for p in after["phases"]
    }
    return {
        "cards": {
            "added": [new_cards[i] for i in sorted(new_cards.keys() - old_cards.keys())],
            "removed": [old_cards[i] for i in sorted(old_cards.keys() - new_cards.keys())],
            "moved": [
                {"before": old_cards[i], "after": new_cards[i]}
                for i in both
                if (old_cards[i]["phase_id"], old_cards[i]["lane_id"])
                != (new_cards[i]["phase_id"], new_cards[i]["lane_id"])
            ],
            "edited": [
                {
                    "before": old_cards[i],
                    "after": new_cards[i],
                    "fields": [
                        f for f in CARD_FIELDS if old_cards[i].get(f) != new_cards[i].get(f)
                    ],
                }
                for i in both
                if any(old_cards[i].get(f) != new_cards[i].get(f) for f in CARD_FIELDS)
            ],
        },
        "markers": {
            "opened": [
                m
                for m in after["markers"]
                if m["status"] in OPEN
                and (m["id"] not in old_markers or old_markers[m["id"]]["status"] not in OPEN)
            ],
            "resolved": [
                m
                for m in after["markers"]
                if m["status"] in CLOSED
                and (m["id"] not in old_markers or old_markers[m["id"]]["status"] not in CLOSED)
            ],
        },
        "capacity": [
            {
                "phase_id": pid,
                "name": phases[pid],
                "before": capacity_before.get(pid),
                "after": capacity_after.get(pid),
            }
            for pid in [
                *(p["id"] for p in after["phases"]),
                *(p for p in capacity_before if p not in capacity_after),
            ]
        ],
        "figures": compare_figures(
            before.get("figures"), after.get("figures") or {"period": None, "phases": {}}, phases
        ),
        "next_steps_done": [
            s
            for s in after["next_steps"]
            if s["status"] == "done"
            and (s["id"] not in old_steps or old_steps[s["id"]]["status"] != "done")
        ],
    }


def diff(actor: Actor, board_id: int, round_id: int, against_id: int | None = None) -> dict:
    """Compare a round with now, or with another round."""
    board = board_for(actor, board_id, READ)
    round_ = get_round(board_id, round_id)
    if against_id is None:
        after = {**load_state(board).to_json(), "figures": latest_figures(board_id)}
        later = None
    else:
        later = get_round(board_id, against_id)
        after = later.snapshot
    return {
        "round": round_.to_json(),
        "against": later.to_json() if later else None,
        "seq_before": round_.seq,
        "seq_after": later.seq if later else board.seq,
        **compare(round_.snapshot, after),
    }
