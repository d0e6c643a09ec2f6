"""Convergence fuzz in the spirit of tldraw's sync fuzz test.

Several partners edit one board at random, over REST and over the socket `op`, from whatever
they last saw (so they race and get 409s), and drop off and come back with `join(after=seq)`.
Each client keeps its own copy of the board built only from the events it received, applied in
`seq` order (each batch arrives shuffled). In the end every copy equals the server's board and
no acknowledged write is lost.
"""

import random

import pytest

from app.auth.services import issue_token
from app.boards.services import add_member
from app.extensions import db
from app.models import Card, Event
from app.permissions import Actor

SEEDS = [1, 2, 3, 4, 5]
CLIENTS = 5
STEPS = 160
TRACKED = ("card", "organisation")  # what the clients keep a copy of
# Refusals a client must expect when it acted on what it saw: a stale version, a card someone
# deleted, a neighbour that moved away. Anything else is a bug.
EXPECTED = {("stale_version", None), ("not_found", None), ("validation_failed", "after_card_id")}


class FuzzClient:
    """One partner: an API client, a socket when connected, and a copy of the board."""

    def __init__(self, name: str, api, connect, board_id: int, rng: random.Random):
        self.name, self.api, self.connect, self.board_id = name, api, connect, board_id
        self.rng = rng
        self.socket = None
        self.seq = 0
        self.pending: dict[int, dict] = {}
        self.copy: dict[str, dict[int, dict]] = {kind: {} for kind in TRACKED}
        self.deleted: set[int] = set()
        self.received = 0

    # --- following the board -------------------------------------------------------------

    def go_online(self) -> None:
        self.socket = self.connect()
        ack = self.socket.join(self.board_id, after=self.seq)
        assert ack["ok"], ack
        self.drain()

    def go_offline(self) -> None:
        self.drain()
        self.socket.disconnect()
        self.socket = None

    def drain(self) -> None:
        """Take what the socket received, in a shuffled order, and apply it in seq order."""
        if self.socket is None:
            return
        batch = self.socket.received_events()
        assert not self.socket.received_events("resync")
        self.rng.shuffle(batch)
        for event in batch:
            self.received += 1
            if event["seq"] > self.seq:
                self.pending[event["seq"]] = event
        while self.seq + 1 in self.pending:
            self._apply(self.pending.pop(self.seq + 1))

    def _apply(self, event: dict) -> None:
        self.seq = event["seq"]
        kind, _dot, action = event["type"].partition(".")
        if kind not in TRACKED:
            return
        entity = event["data"]
        if action == "deleted":
            self.copy[kind].pop(entity["id"], None)
            if kind == "card":
                self.deleted.add(entity["id"])
        else:
            self.copy[kind][entity["id"]] = entity
            self.deleted.discard(entity["id"])

    # --- acting on what it saw -----------------------------------------------------------

    def perform(self, op: str, data: dict) -> tuple[bool, dict | None]:
        """Do one card operation over the socket (when online, half the time) or REST."""
        if self.socket is not None and self.rng.random() < 0.5:
            ack = self.socket.op(self.board_id, op, **data)
            if ack["ok"]:
                return True, ack["data"]
            return False, ack["error"]
        card_id = data.pop("card_id", None)
        base = f"/boards/{self.board_id}/cards"
        method, path = {
            "card.create": ("post", base),
            "card.update": ("patch", f"{base}/{card_id}"),
            "card.move": ("post", f"{base}/{card_id}/move"),
            "card.delete": ("delete", f"{base}/{card_id}"),
            "card.restore": ("post", f"{base}/{card_id}/restore"),
        }[op]
        response = getattr(self.api, method)(path, json=data or None)
        assert response.status_code < 500, response.get_json()
        if response.status_code < 300:
            return True, response.get_json() if response.status_code != 204 else None
        return False, response.get_json()["error"]


class Ledger:
    """What the server acknowledged, to check that none of it was lost."""

    def __init__(self):
        self.versions: dict[int, int] = {}  # card id -> highest acknowledged version
        self.created: set[int] = set()
        self.deleted: set[int] = set()
        self.refused: dict[str, int] = {}

    def ack(self, op: str, data: dict | None, card_id: int | None) -> None:
        if op == "card.delete":
            self.deleted.add(card_id)
            return
        if op in ("card.create", "card.restore"):
            self.created.add(data["id"])
            self.deleted.discard(data["id"])
        self.versions[data["id"]] = max(self.versions.get(data["id"], 0), data["version"])

    def refuse(self, error: dict) -> None:
        field = next(iter(error.get("fields") or {}), None)
        assert (error["code"], field) in EXPECTED, error
        self.refused[error["code"]] = self.refused.get(error["code"], 0) + 1


def _random_op(client: FuzzClient, rng: random.Random, layout: dict) -> tuple[str, dict]:
    cards = list(client.copy["card"].values())
    roll = rng.random()
    if not cards or roll < 0.22:
        phase_id, lane_id = rng.choice(layout["phases"]), rng.choice(layout["lanes"])
        neighbours = [
            c["id"] for c in cards if (c["phase_id"], c["lane_id"]) == (phase_id, lane_id)
        ]
        return "card.create", {
            "phase_id": phase_id,
            "lane_id": lane_id,
            "organisation_id": rng.choice(layout["organisations"]),
            "title": f"Aanbod {rng.randrange(10_000)} van {client.name}",
            "after_card_id": rng.choice([None, *neighbours]),
        }
    card = rng.choice(cards)
    if roll < 0.55:
        fields = rng.choice(
            [
                {"title": f"Bewerkt door {client.name} #{rng.randrange(10_000)}"},
                {"description": "x" * rng.randrange(0, 300)},
                {"capacity_per_year": rng.choice([None, 0, 25, 300])},
                {"status": rng.choice(["existing", "planned", "pilot"])},
            ]
        )
        return "card.update", {"card_id": card["id"], "version": card["version"], **fields}
    if roll < 0.85:
        phase_id = rng.choice([card["phase_id"], *layout["phases"]])
        lane_id = rng.choice([card["lane_id"], *layout["lanes"]])
        neighbours = [
            c["id"]
            for c in cards
            if (c["phase_id"], c["lane_id"]) == (phase_id, lane_id) and c["id"] != card["id"]
        ]
        return "card.move", {
            "card_id": card["id"],
            "phase_id": phase_id,
            "lane_id": lane_id,
            "after_card_id": rng.choice([None, *neighbours]),
        }
    if roll < 0.95 or not client.deleted:
        return "card.delete", {"card_id": card["id"]}
    return "card.restore", {"card_id": rng.choice(sorted(client.deleted))}


@pytest.mark.parametrize("seed", SEEDS)
def test_every_client_converges_and_no_acknowledged_write_is_lost(
    seed, board_with_roles, create_user, api, sio
):
    rng = random.Random(seed)
    board = board_with_roles["board"]
    coordinator = board_with_roles["people"]["coordinator"]
    # A few cells only, so that clients keep running into each other.
    layout = {
        "phases": [p.id for p in board.phases][:3],
        "lanes": [lane.id for lane in board.lanes][:2],
        "organisations": [board_with_roles["organisation"].id],
    }
    clients = []
    for number in range(CLIENTS):
        user = create_user(name=f"Partner {number}")
        add_member(Actor(user=coordinator), board.id, user.email, "partner")
        token = issue_token(user)
        clients.append(
            FuzzClient(
                f"P{number}",
                api(token=token),
                lambda token=token: sio(token=token),
                board.id,
                rng,
            )
        )
    for client in clients:
        client.go_online()
    ledger = Ledger()

    for _step in range(STEPS):
        client = rng.choice(clients)
        if client.socket is None:
            if rng.random() < 0.4:
                client.go_online()
        elif rng.random() < 0.08:
            client.go_offline()
        op, data = _random_op(client, rng, layout)
        card_id = data.get("card_id")
        ok, answer = client.perform(op, dict(data))
        if ok:
            ledger.ack(op, answer, card_id)
        else:
            ledger.refuse(answer)
        for other in clients:  # some hear of it at once, others lag behind (network latency)
            if rng.random() < 0.35:
                other.drain()

    for client in clients:
        if client.socket is None:
            client.go_online()
        client.drain()

    server = api(coordinator).get(f"/boards/{board.id}").get_json()
    for client in clients:
        assert client.seq == server["seq"], client.name
        assert not client.pending, client.name
        for kind in TRACKED:
            assert client.copy[kind] == {e["id"]: e for e in server[f"{kind}s"]}, (
                client.name,
                kind,
            )

    db.session.expire_all()
    seqs = (
        db.session.execute(db.select(Event.seq).filter_by(board_id=board.id).order_by(Event.seq))
        .scalars()
        .all()
    )
    assert seqs == list(range(1, server["seq"] + 1))  # the log has no holes
    stored = {
        card.id: card
        for card in db.session.execute(db.select(Card).filter_by(board_id=board.id)).scalars()
    }
    live = {card["id"] for card in server["cards"]}
    for card_id, version in ledger.versions.items():
        assert stored[card_id].version >= version, card_id
    for card_id in ledger.created:
        assert card_id in live or card_id in ledger.deleted, card_id
    for card_id in ledger.deleted:
        assert card_id not in live or card_id in ledger.created, card_id
    # The run must have exercised what it claims to: races, drop-outs and real traffic.
    assert ledger.versions and ledger.refused.get("stale_version", 0) > 0, ledger.refused
