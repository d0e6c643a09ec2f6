"""Seed the demo board, its coordinator and partners, once (idempotent).

Everything goes through the domain services, so the board's history (events) tells how it came
about: the inventory, a first round, and what changed since: handovers, markers, next steps with
learnings, a past meeting with minutes and an upcoming one with an agenda, and a year of
figures in the monitor.
"""

from datetime import date, timedelta

from app.auth.services import create_user
from app.boards.services import add_member, create_board
from app.cards.services import create_card, update_card
from app.demo import data
from app.extensions import db
from app.meetings import services as meetings
from app.models import Board, User
from app.models._types import utcnow
from app.monitor.services import create_target_group, put_figure
from app.permissions import Actor
from app.reading.services.handovers import create_handover
from app.reading.services.markers import create_marker, update_marker
from app.reading.services.next_steps import add_learning, create_next_step, update_next_step
from app.reading.services.rounds import start_round
from app.structure import services as structure
from app.transaction import write

DEMO_EMAIL = "regisseur@voorbeeld.nl"
DEMO_PASSWORD = "brugwerk-demo"
DEMO_PARTNERS = [
    ("energieloket@voorbeeld.nl", "Anna de Vries"),
    ("coop@voorbeeld.nl", "Joost Bakker"),
]
CARD_FIELDS = ("description", "capacity_per_year", "capacity_unit", "status", "quality")


class _Seed:
    """The demo board being built: its ids by name, and the coordinator acting."""

    def __init__(self, actor: Actor, board: Board, organisations: dict):
        self.actor, self.board_id, self.organisations = actor, board.id, organisations
        self.phases = {p.name: p.id for p in board.phases}
        self.lanes = {lane.name: lane.id for lane in board.lanes}
        self.cards: dict[str, object] = {}
        self.markers: dict[str, object] = {}
        self.steps: dict[str, object] = {}

    def card(self, card: dict) -> None:
        fields = {key: card[key] for key in CARD_FIELDS if key in card}
        self.cards[card["title"]] = create_card(
            self.actor,
            self.board_id,
            phase_id=self.phases[card["phase"]],
            lane_id=self.lanes.get(card["lane"]),
            organisation_id=self.organisations[card["org"]],
            title=card["title"],
            quality_reason=card.get("quality_reason", ""),
            **fields,
        )

    def figures(self, quarters: tuple[str, ...]) -> None:
        """Enter the phases' totals of these quarters, as the coordinator does in the grid."""
        for phase, per_quarter in data.FIGURES.items():
            for period, (reached, moved_on, waiting) in zip(
                data.FIGURE_QUARTERS, per_quarter, strict=True
            ):
                if period in quarters:
                    put_figure(
                        self.actor,
                        self.board_id,
                        period,
                        self.phases[phase],
                        reached=reached,
                        moved_on=moved_on,
                        waiting_weeks=waiting,
                    )

    def handover(self, source: str, target: str, note: str) -> None:
        create_handover(
            self.actor, self.board_id, self.cards[source].id, self.cards[target].id, note
        )

    def marker(self, marker: dict) -> None:
        made = create_marker(
            self.actor,
            self.board_id,
            kind=marker["kind"],
            title=marker["title"],
            card_ids=[self.cards[title].id for title in marker.get("cards", ())],
            note=marker["note"],
            severity=marker["severity"],
            phase_id=self.phases.get(marker.get("phase")),
            lane_id=self.lanes.get(marker.get("lane")),
            dropouts_per_year=marker.get("dropouts_per_year"),
        )
        self.markers[marker["key"]] = made

    def set_marker_status(self, key: str, status: str) -> None:
        marker = self.markers[key]
        update_marker(self.actor, self.board_id, marker.id, marker.version, {"status": status})

    def step(self, step: dict) -> None:
        today = date.today()
        self.steps[step["title"]] = create_next_step(
            self.actor,
            self.board_id,
            title=step["title"],
            goal=step["goal"],
            owner_organisation_id=self.organisations[step["owner"]],
            marker_ids=[self.markers[key].id for key in step["markers"]],
            start_date=today + timedelta(days=step["start"]),
            due_date=today + timedelta(days=step["due"]),
        )

    def advance(self, step: dict) -> None:
        """Move a step along its path, logging what was learned on the way."""
        made = self.steps[step["title"]]
        for status in step["path"]:
            update_next_step(self.actor, self.board_id, made.id, made.version, {"status": status})
        for days, text in step["learnings"]:
            add_learning(
                self.actor, self.board_id, made.id, text, date.today() + timedelta(days=days)
            )

    def meeting(self, meeting: dict, hold: bool) -> None:
        """Plan a meeting with its agenda; `hold` runs it and records its decisions."""
        made = meetings.create_meeting(
            self.actor,
            self.board_id,
            meeting["title"],
            utcnow().replace(hour=15, minute=0, second=0, microsecond=0)
            + timedelta(days=meeting["days"]),
            meeting["participants"],
        )
        items = [
            meetings.add_item(
                self.actor,
                self.board_id,
                made.id,
                item["title"],
                ref_type="marker" if "marker" in item else "free",
                ref_id=self.markers[item["marker"]].id if "marker" in item else None,
                minutes=item["minutes"],
                duration_minutes=20,
            )
            for item in meeting["items"]
        ]
        if not hold:
            return
        meetings.start_meeting(self.actor, self.board_id, made.id)
        for item, made_item in zip(meeting["items"], items, strict=True):
            if "decision" in item:
                step = item["step"]
                meetings.add_decision(
                    self.actor,
                    self.board_id,
                    made.id,
                    item["decision"],
                    item_id=made_item.id,
                    next_step={
                        "title": step["title"],
                        "goal": step["goal"],
                        "owner_organisation_id": self.organisations[step["owner"]],
                        "due_date": date.today() + timedelta(days=step["due"]),
                    },
                )
        meetings.end_meeting(self.actor, self.board_id, made.id)


def _account(email: str, name: str) -> User:
    return db.session.execute(
        db.select(User).filter_by(email=email)
    ).scalar_one_or_none() or create_user(email, name, DEMO_PASSWORD)


def _first_round(seed: _Seed) -> None:
    """The inventory as it stood at the first round, and the round itself."""
    for card in data.CARDS:
        if not card.get("after_round"):
            seed.card(card)
    for handover in data.HANDOVERS_BEFORE_ROUND:
        seed.handover(*handover)
    for marker in data.MARKERS:
        if marker["when"] != "after":
            seed.marker(marker)
    for step in data.NEXT_STEPS:
        if step.get("before_round"):
            seed.step(step)
    for name, size in data.TARGET_GROUPS:
        create_target_group(seed.actor, seed.board_id, name, size)
    seed.figures(data.FIGURE_QUARTERS[: data.QUARTERS_BEFORE_ROUND])
    start_round(seed.actor, seed.board_id, data.ROUND_NAME)


def _since_the_round(seed: _Seed) -> None:
    """What changed since: more capacity, new offers and handovers, markers and steps."""
    for card in data.CARDS:
        if card.get("after_round"):
            seed.card(card)
        elif "later" in card:
            made = seed.cards[card["title"]]
            update_card(seed.actor, seed.board_id, made.id, made.version, dict(card["later"]))
    for handover in data.HANDOVERS:
        seed.handover(*handover)
    for marker in data.MARKERS:
        if marker["when"] == "after":
            seed.marker(marker)
        elif marker["when"] == "resolved":
            seed.set_marker_status(marker["key"], "resolved")
        elif marker.get("status"):
            seed.set_marker_status(marker["key"], marker["status"])
    for step in data.NEXT_STEPS:
        if not step.get("before_round"):
            seed.step(step)
        seed.advance(step)
    seed.figures(data.FIGURE_QUARTERS[data.QUARTERS_BEFORE_ROUND :])
    seed.meeting(data.PAST_MEETING, hold=True)
    seed.meeting(data.UPCOMING_MEETING, hold=False)


@write
def seed_demo() -> Board:
    """Create the demo board and accounts unless they exist, in one transaction."""
    existing = db.session.execute(
        db.select(Board).filter_by(name=data.BOARD_NAME).limit(1)
    ).scalar_one_or_none()
    if existing is not None:
        return existing
    actor = Actor(user=_account(DEMO_EMAIL, "Fatima el Amrani"))
    board = create_board(
        actor, data.BOARD_NAME, phases=[name for name, _ in data.PHASES], lanes=list(data.LANES)
    )
    for phase, (_name, demand) in zip(board.phases, data.PHASES, strict=True):
        structure.update_axis(actor, board.id, "phase", phase.id, {"demand_per_year": demand})
    organisations = {
        key: structure.create_organisation(actor, board.id, **org).id
        for key, org in data.ORGANISATIONS.items()
    }
    for email, name in DEMO_PARTNERS:
        add_member(actor, board.id, _account(email, name).email, "partner")
    seed = _Seed(actor, board, organisations)
    _first_round(seed)
    _since_the_round(seed)
    return board
