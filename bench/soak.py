"""A bounded soak on loopback: many clients edit and move cards through REST and the socket `op`.

    python -m bench.soak [--seconds 600] [--clients 50]   (SOAK_SECONDS / SOAK_CLIENTS)

It starts `python wsgi.py` on a fresh SQLite file, lets every client do random creates, edits,
moves and deletes for the given time while following the board over Socket.IO, then checks
that every client's board equals the server's, that every acknowledged write is in the event
log, that nothing but stale-version races was refused, and that the server's memory levelled off.
"""

import argparse
import json
import os
import random
import signal
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests
import socketio

from bench import common
from bench.common import ROOT

CARD_FIELDS = ("phase_id", "lane_id", "organisation_id", "title", "position", "version")


def rss_kib(pid: int) -> int:
    """Return the resident memory in KiB of a process and its children (Linux): `python wsgi.py`
    is gunicorn's master, and the app runs in its worker."""
    total = 0
    for child in Path(f"/proc/{pid}/task").glob("*/children"):
        total += sum(rss_kib(int(grandchild)) for grandchild in child.read_text().split())
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            total += int(line.split()[1])
    return total


class LiveServer(common.LiveServer):
    """`python wsgi.py` on loopback against a SQLite file; can be killed and restarted."""

    def __init__(self, database: Path, port: int | None = None, env: dict | None = None):
        super().__init__(database, {"SECRET_KEY": "soak-secret", **(env or {})}, port=port)

    @property
    def log_tail(self) -> list[str]:
        """The tail of the server's log, for error reports."""
        return self.log

    def kill(self) -> None:
        """SIGKILL: no shutdown hooks, no flush; what was committed must survive."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def rss_kib(self) -> int:
        return rss_kib(self.process.pid) if self.process.poll() is None else 0


def seed(database: Path, clients: int) -> dict:
    """Create the schema, a board with phases and lanes, and one partner (and token) per client."""
    sys.path.insert(0, str(ROOT))
    from app import create_app  # noqa: PLC0415
    from app.auth.services import create_user, issue_token  # noqa: PLC0415
    from app.boards.services import add_member, create_board  # noqa: PLC0415
    from app.config import Config  # noqa: PLC0415
    from app.extensions import db  # noqa: PLC0415
    from app.permissions import Actor  # noqa: PLC0415
    from app.structure.services import create_organisation  # noqa: PLC0415

    app = create_app(
        Config, SQLALCHEMY_DATABASE_URI=f"sqlite:///{database}", SERVER_NAME="127.0.0.1"
    )
    with app.app_context(), app.test_request_context():
        db.create_all()
        owner = create_user("regie@soak.test", "Regie", "soak-password-1")
        board = create_board(Actor(user=owner), "Soak", lane_template="measure_type")
        organisations = [
            create_organisation(Actor(user=owner), board.id, f"Org {i}", "overig", "#0b5fa5").id
            for i in range(3)
        ]
        tokens = []
        for i in range(clients):
            user = create_user(f"partner{i}@soak.test", f"Partner {i}", "soak-password-1")
            add_member(Actor(user=owner), board.id, user.email, "partner")
            tokens.append(issue_token(user, "soak"))
        seeded = {
            "board_id": board.id,
            "phases": [p.id for p in board.phases],
            "lanes": [lane.id for lane in board.lanes],
            "organisations": organisations,
            "tokens": tokens,
            "owner_token": issue_token(owner, "soak"),
        }
        db.session.remove()
        db.engine.dispose()
    return seeded


@dataclass
class Tally:
    """What one client did and saw."""

    ops: int = 0
    stale: int = 0  # 409: the card changed since the version this client started from
    gone: int = 0  # 404/422 on a card or neighbour another client just deleted or moved
    errors: list = field(default_factory=list)
    acked: list = field(default_factory=list)  # (card_id, version) of every acknowledged write


class BoardFollower:
    """A client's copy of the board: a snapshot plus every board_event, applied in seq order."""

    def __init__(self, base: str, board_id: int, token: str):
        self.base, self.board_id = base, board_id
        self.http = requests.Session()
        self.http.headers["Authorization"] = f"Bearer {token}"
        self.lock = threading.Lock()
        self.cards: dict[int, dict] = {}
        self.seq = 0
        self.pending: dict[int, dict] = {}
        self.sio = socketio.Client(
            reconnection=True, reconnection_delay=0.2, reconnection_delay_max=1
        )
        self.sio.on("board_event", self._on_event)
        self.sio.on("resync", lambda _data: self.load())
        self.sio.on("connect", self._on_connect)
        self.token = token

    def connect(self) -> None:
        self.sio.connect(
            self.base, auth={"token": self.token}, transports=["websocket"], wait_timeout=10
        )

    def _on_connect(self) -> None:
        # Runs on every (re)connect: join and catch up from the last seq applied.
        threading.Thread(target=self._join, daemon=True).start()

    def _join(self) -> None:
        with self.lock:
            after = self.seq
        ack = self.sio.call(
            "join", {"board_id": self.board_id, **({"after": after} if after else {})}, timeout=15
        )
        if not ack.get("ok"):
            raise RuntimeError(f"join refused: {ack}")
        if not after:
            self.load()

    def load(self) -> None:
        state = self.http.get(f"{self.base}/api/v1/boards/{self.board_id}", timeout=30).json()
        with self.lock:
            self.cards = {c["id"]: {k: c[k] for k in CARD_FIELDS} for c in state["cards"]}
            self.seq = state["seq"]
            self.pending = {s: e for s, e in self.pending.items() if s > self.seq}
            self._drain()

    def _on_event(self, event: dict) -> None:
        with self.lock:
            if event["seq"] > self.seq:
                self.pending[event["seq"]] = event
                self._drain()

    def _drain(self) -> None:
        while self.seq + 1 in self.pending:
            event = self.pending.pop(self.seq + 1)
            self.seq = event["seq"]
            kind, _sep, action = event["type"].partition(".")
            if kind != "card":
                continue
            card = event["data"]
            if action == "deleted":
                self.cards.pop(card["id"], None)
            else:
                self.cards[card["id"]] = {k: card[k] for k in CARD_FIELDS}

    def fill_holes(self) -> None:
        """Fetch events this client still misses (docs/contract.md §5: fill a hole from /events)."""
        with self.lock:
            after = self.seq
        answer = self.http.get(
            f"{self.base}/api/v1/boards/{self.board_id}/events", params={"after": after}, timeout=30
        )
        if answer.status_code == 410:
            self.load()
            return
        for event in answer.json()["events"]:
            self._on_event(event)


class SoakClient(threading.Thread):
    """One participant: random creates, edits, moves and deletes, half over REST, half socket."""

    def __init__(self, number: int, base: str, seeded: dict, until: float):
        super().__init__(daemon=True, name=f"soak-{number}")
        self.random = random.Random(number)
        self.seeded, self.until = seeded, until
        self.follower = BoardFollower(base, seeded["board_id"], seeded["tokens"][number])
        self.tally = Tally()

    def run(self) -> None:
        try:
            self.follower.connect()
            while time.monotonic() < self.until:
                self.step()
                time.sleep(self.random.uniform(0.05, 0.3))
        except Exception as exc:  # noqa: BLE001 (a client crash is a finding, not a test abort)
            self.tally.errors.append(f"client crashed: {exc!r}")

    def _pick_card(self) -> dict | None:
        with self.follower.lock:
            cards = [{"id": i, **c} for i, c in self.follower.cards.items()]
        return self.random.choice(cards) if cards else None

    def _cell(self) -> tuple[int, int]:
        return (self.random.choice(self.seeded["phases"]), self.random.choice(self.seeded["lanes"]))

    def _neighbour(self, phase_id: int, lane_id: int, not_id: int | None) -> int | None:
        with self.follower.lock:
            ids = [
                i
                for i, c in self.follower.cards.items()
                if c["phase_id"] == phase_id and c["lane_id"] == lane_id and i != not_id
            ]
        return self.random.choice(ids + [None]) if ids else None

    def step(self) -> None:
        card = self._pick_card()
        with self.follower.lock:
            crowded = len(self.follower.cards) >= self.seeded["steady_cards"]
        # Around the steady number of cards creates and deletes balance out, so the board
        # (and the server's caches) stop growing while the edits and moves go on.
        create, delete = (0.05, 0.15) if crowded else (0.2, 0.05)
        roll = self.random.random()
        if card is None or roll < create:
            phase_id, lane_id = self._cell()
            op, data = (
                "card.create",
                {
                    "phase_id": phase_id,
                    "lane_id": lane_id,
                    "organisation_id": self.random.choice(self.seeded["organisations"]),
                    "title": f"Aanbod {self.random.randrange(10**6)} ✓",
                    "after_card_id": self._neighbour(phase_id, lane_id, None),
                },
            )
        elif roll < 0.6 - delete / 2:
            op, data = (
                "card.update",
                {
                    "card_id": card["id"],
                    "version": card["version"],
                    "title": f"Bewerkt {self.random.randrange(10**6)}",
                },
            )
        elif roll < 1 - delete:
            phase_id, lane_id = self._cell()
            op, data = (
                "card.move",
                {
                    "card_id": card["id"],
                    "phase_id": phase_id,
                    "lane_id": lane_id,
                    "after_card_id": self._neighbour(phase_id, lane_id, card["id"]),
                },
            )
        else:
            op, data = "card.delete", {"card_id": card["id"]}
        self.tally.ops += 1
        if self.random.random() < 0.5:
            self._over_socket(op, data)
        else:
            self._over_rest(op, data)

    def _record(self, status: int, body: dict | None, op: str, data: dict) -> None:
        if status in (200, 201, 204):
            if body and "id" in body:
                self.tally.acked.append((body["id"], body["version"]))
            return
        code = ((body or {}).get("error") or {}).get("code")
        fields = ((body or {}).get("error") or {}).get("fields") or {}
        if status == 409:
            self.tally.stale += 1
        elif status == 404 or (status == 422 and set(fields) <= {"after_card_id"}):
            self.tally.gone += 1  # the card or its neighbour was just deleted or moved
        else:
            self.tally.errors.append(f"{op} {data}: {status} {code} {fields}")

    def _over_rest(self, op: str, data: dict) -> None:
        base = f"{self.follower.base}/api/v1/boards/{self.seeded['board_id']}/cards"
        data = dict(data)
        card_id = data.pop("card_id", None)
        method, url = {
            "card.create": ("POST", base),
            "card.update": ("PATCH", f"{base}/{card_id}"),
            "card.move": ("POST", f"{base}/{card_id}/move"),
            "card.delete": ("DELETE", f"{base}/{card_id}"),
        }[op]
        try:
            answer = self.follower.http.request(method, url, json=data or None, timeout=30)
        except requests.RequestException as exc:
            self.tally.errors.append(f"{op}: {exc!r}")
            return
        body = answer.json() if answer.content else None
        self._record(answer.status_code, body, op, data)

    def _over_socket(self, op: str, data: dict) -> None:
        try:
            ack = self.follower.sio.call(
                "op", {"board_id": self.seeded["board_id"], "op": op, "data": data}, timeout=30
            )
        except Exception as exc:  # noqa: BLE001 (a timeout or disconnect is counted, not raised)
            self.tally.errors.append(f"{op} over socket: {exc!r}")
            return
        if ack.get("ok"):
            self._record(200, ack.get("data"), op, data)
            return
        status = {"stale_version": 409, "not_found": 404, "validation_failed": 422}.get(
            ack["error"]["code"], 500
        )
        self._record(status, ack, op, data)


def event_log(http: requests.Session, board_url: str, upto: int) -> list[dict]:
    """Return the board's whole event log, page by page."""
    events: list[dict] = []
    while not events or events[-1]["seq"] < upto:
        page = http.get(f"{board_url}/events", params={"after": len(events)}, timeout=60)
        page.raise_for_status()
        if not page.json()["events"]:
            break
        events += page.json()["events"]
    return events


def lost_writes(events: list[dict], acked: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the acknowledged (card id, version) pairs that the event log does not hold."""
    logged = {
        (e["data"].get("id"), e["data"].get("version"))
        for e in events
        if e["type"].startswith("card.")
    }
    return [pair for pair in acked if pair not in logged]


def levelled_off(samples: list[int]) -> bool:
    """Tell whether memory stopped growing: the last quarter adds < 10% over the third."""
    if len(samples) < 8:
        return True
    quarter = len(samples) // 4
    third = max(samples[2 * quarter : 3 * quarter])
    return max(samples[3 * quarter :]) <= third * 1.10


def run(seconds: float, clients: int, workdir: Path) -> dict:
    """Run the soak and return its figures."""
    database = workdir / "soak.db"
    seeded = {**seed(database, clients), "steady_cards": max(60, 4 * clients)}
    server = LiveServer(database)
    server.start()
    samples: list[int] = [server.rss_kib()]
    try:
        started = time.monotonic()
        players = [SoakClient(i, server.url, seeded, started + seconds) for i in range(clients)]
        for player in players:
            player.start()
            time.sleep(0.02)
        while any(p.is_alive() for p in players):
            time.sleep(min(5, max(seconds / 40, 0.5)))
            samples.append(server.rss_kib())
        for player in players:
            player.join()
        load_minutes = (time.monotonic() - started) / 60
        load_samples = [*samples, server.rss_kib()]
        owner = requests.Session()
        owner.headers["Authorization"] = f"Bearer {seeded['owner_token']}"
        board_url = f"{server.url}/api/v1/boards/{seeded['board_id']}"
        final = owner.get(board_url, timeout=30).json()
        server_cards = {c["id"]: {k: c[k] for k in CARD_FIELDS} for c in final["cards"]}
        diverged = []
        for player in players:
            deadline = time.monotonic() + 20
            while player.follower.seq < final["seq"] and time.monotonic() < deadline:
                player.follower.fill_holes()
                time.sleep(0.2)
            if player.follower.cards != server_cards or player.follower.seq != final["seq"]:
                diverged.append(player.name)
        log = event_log(owner, board_url, final["seq"])
        acked = [pair for p in players for pair in p.tally.acked]
        errors = [e for p in players for e in p.tally.errors]
        for player in players:
            player.follower.sio.disconnect()
        time.sleep(1)
        exit_code = server.process.poll()  # None: the server is still up after all that
        samples.append(server.rss_kib() if exit_code is None else 0)
        crash_log = [] if exit_code is None else server.log_tail[-20:]
    finally:
        server.stop()
    return {
        "clients": clients,
        "minutes": round(load_minutes, 2),
        "operations": sum(p.tally.ops for p in players),
        "acknowledged": len(acked),
        "stale_409": sum(p.tally.stale for p in players),
        "gone_404_422": sum(p.tally.gone for p in players),
        "errors": len(errors),
        "error_samples": errors[:10],
        "lost_writes": len(lost_writes(log, acked)),
        "diverged_clients": diverged,
        "cards": len(server_cards),
        "seq": final["seq"],
        "rss_start_mib": round(samples[0] / 1024, 1),
        "rss_end_of_load_mib": round(load_samples[-1] / 1024, 1),
        "rss_after_checks_mib": round(samples[-1] / 1024, 1),
        "memory_levelled_off": levelled_off(load_samples),
        "server_exit_code": exit_code,
        "server_crash_log": crash_log,
        "rss_samples_mib": " ".join(str(round(kib / 1024)) for kib in load_samples),
    }


def passed(figures: dict) -> bool:
    return (
        figures["lost_writes"] == 0
        and figures["errors"] == 0
        and figures["server_exit_code"] is None
        and not figures["diverged_clients"]
        and figures["memory_levelled_off"]
    )


def main(argv: list[str] | None = None) -> int:
    """Run a soak and print its figures as JSON; exit 1 when a check failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--seconds", type=float, default=float(os.environ.get("SOAK_SECONDS", "600"))
    )
    parser.add_argument("--clients", type=int, default=int(os.environ.get("SOAK_CLIENTS", "50")))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="brugwerk-soak-") as workdir:
        figures = run(args.seconds, args.clients, Path(workdir))
    print(json.dumps(figures, indent=2, ensure_ascii=False))
    return 0 if passed(figures) else 1


if __name__ == "__main__":
    sys.exit(main())
