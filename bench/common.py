"""Helpers for benchmarks and live tests: a real server process, a seeded board, socket clients.

with LiveServer(tmp / "bench.db") as server:        # db upgrade, then `python wsgi.py`
    seeded = seed(server.database, partners=50)      # a board, 50 partners with API tokens
    clients = connect_clients(server.url, seeded.partner_tokens, seeded.board_id)
"""

import os
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import requests
import socketio

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "bench-wachtwoord-1"


def free_port() -> int:
    """Return a TCP port that is free on loopback right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def free_ports_in_a_row(count: int) -> int:
    """Return the first of `count` consecutive ports that are free on loopback right now.

    Searched below Linux's ephemeral range (32768 and up): there, the port after a free one may
    be taken at any moment by an outgoing connection, such as the load generator's own.
    """
    for base in range(21000, 32000 - count, count + 7):
        if all(_free(port) for port in range(base, base + count)):
            return base
    raise RuntimeError(f"no {count} free ports in a row on loopback")


def _free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def percentiles(samples: list[float], points=(50, 95, 99)) -> dict[str, float]:
    """Return the nearest-rank percentiles of the samples, e.g. {"p50": ..., "p99": ...}."""
    ordered = sorted(samples)
    if not ordered:
        return {f"p{p}": float("nan") for p in points}
    return {
        f"p{p}": ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]
        for p in points
    }


class LiveServer:
    """`python wsgi.py` on a free loopback port against a migrated SQLite file."""

    def __init__(
        self,
        database: Path,
        env: dict | None = None,
        command: list | None = None,
        port: int | None = None,
    ):
        self.database = Path(database)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{self.database}",
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "SECRET_KEY": "bench-secret-key",
            **(env or {}),
        }
        self.command = command or [sys.executable, "wsgi.py"]
        self.process: subprocess.Popen | None = None
        self.log: list[str] = []

    def migrate(self) -> None:
        """Build the schema with `flask --app wsgi db upgrade`."""
        subprocess.run(
            [sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
        )

    def demo(self) -> None:
        """Seed the demo board with `flask --app wsgi demo` (after migrate())."""
        subprocess.run(
            [sys.executable, "-m", "flask", "--app", "wsgi", "demo"],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
        )

    def start(self, timeout: float = 30) -> "LiveServer":
        """Start the server and wait until it answers."""
        self.process = subprocess.Popen(
            self.command, cwd=ROOT, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        threading.Thread(target=self._drain, daemon=True).start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("server exited while starting:\n" + "".join(self.log[-30:]))
            try:
                if requests.get(f"{self.url}/api/v1/openapi.json", timeout=2).ok:
                    return self
            except requests.RequestException:
                time.sleep(0.1)
        raise RuntimeError("server did not start:\n" + "".join(self.log[-30:]))

    def _drain(self) -> None:
        # Keep the log pipe flowing (a full pipe blocks the server); keep the tail for errors.
        for line in self.process.stdout:
            self.log = [*self.log[-300:], line.decode(errors="replace")]

    @contextmanager
    def log_on_failure(self):
        """Print the tail of the server's log when the block fails."""
        try:
            yield
        except BaseException:
            alive = self.process.poll() is None
            print(
                f"server {'running' if alive else 'exited'}; log tail:\n" + "".join(self.log[-40:]),
                file=sys.stderr,
            )
            raise

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL)."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    @contextmanager
    def prepared(self, prepare):
        """Migrate, call `prepare()` (seed the database), start; yield `prepare`'s result; stop.
        The server's log tail is printed when the block fails."""
        self.migrate()
        result = prepare()
        self.start()
        try:
            with self.log_on_failure():
                yield result
        finally:
            self.stop()

    def __enter__(self) -> "LiveServer":
        self.migrate()
        return self.start()

    def __exit__(self, *_exc) -> None:
        self.stop()


@dataclass
class Seeded:
    """What seed() created: ids to act on and one API token per person."""

    board_id: int
    phases: list[int]
    lanes: list[int]
    organisations: list[int]
    owner_token: str
    partner_tokens: list[str]
    viewer_tokens: list[str] = field(default_factory=list)


def seed(
    database: Path, partners: int = 1, viewers: int = 0, lanes: bool = True, cards: int = 0
) -> Seeded:
    """Create a board with the default phases (and lanes), organisations, people and tokens."""
    sys.path.insert(0, str(ROOT))
    from app import create_app  # noqa: PLC0415 (import the app only when seeding)
    from app.auth.services import create_user, issue_token  # noqa: PLC0415
    from app.boards.services import add_member, create_board  # noqa: PLC0415
    from app.cards.services import create_card  # noqa: PLC0415
    from app.config import Config  # noqa: PLC0415
    from app.extensions import db  # noqa: PLC0415
    from app.permissions import Actor  # noqa: PLC0415
    from app.structure.services import create_organisation  # noqa: PLC0415

    # Throwaway accounts on a scratch database: a cheap hash makes seeding 300 people quick.
    app = create_app(
        Config,
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{database}",
        SECRET_KEY="bench-secret-key",
        SOCKETIO_MESSAGE_QUEUE=None,
        PASSWORD_HASH_METHOD="pbkdf2:sha256:1000",
    )
    with app.app_context(), app.test_request_context():
        owner = create_user("regisseur@bench.test", "Regisseur", PASSWORD)
        actor = Actor(user=owner)
        board = create_board(
            actor, "Gemeente Bench", lane_template="measure_type" if lanes else None
        )
        organisations = [
            create_organisation(actor, board.id, name, kind, color).id
            for name, kind, color in (
                ("Energieloket", "energieloket", "#0b5fa5"),
                ("Coöperatie", "energiecooperatie", "#aa3300"),
                ("Installateur", "marktpartij", "#2e7d32"),
            )
        ]
        people = {}
        for role, count in (("partner", partners), ("viewer", viewers)):
            people[role] = []
            for number in range(count):
                user = create_user(
                    f"{role}{number}@bench.test", f"{role.title()} {number}", PASSWORD
                )
                add_member(actor, board.id, user.email, role)
                people[role].append(issue_token(user, "bench"))
        phase_ids = [p.id for p in board.phases]
        lane_ids = [lane.id for lane in board.lanes]
        for number in range(cards):
            create_card(
                actor,
                board.id,
                phase_ids[number % len(phase_ids)],
                organisations[number % len(organisations)],
                f"Aanbod {number}",
                lane_id=lane_ids[number % len(lane_ids)] if lane_ids else None,
            )
        seeded = Seeded(
            board.id,
            phase_ids,
            lane_ids,
            organisations,
            issue_token(owner, "bench"),
            people["partner"],
            people["viewer"],
        )
        db.session.remove()
        db.engine.dispose()
    return seeded


def board_with_card(
    actor,
    name: str,
    organisation: str = "Energieloket",
    title: str = "Keukentafelgesprek",
    phase: int = 0,
):
    """Create a board with lanes, one energieloket organisation and one card of it in the first
    lane of phases[phase]; return (board, card). Needs an app and a request context."""
    from app.boards.services import create_board  # noqa: PLC0415 (the app only when seeding)
    from app.cards.services import create_card  # noqa: PLC0415
    from app.structure.services import create_organisation  # noqa: PLC0415

    board = create_board(actor, name, lane_template="measure_type")
    energieloket = create_organisation(actor, board.id, organisation, "energieloket", "#0b5fa5")
    card = create_card(
        actor, board.id, board.phases[phase].id, energieloket.id, title, lane_id=board.lanes[0].id
    )
    return board, card


class Api:
    """The JSON API over HTTP with a bearer token: `Api(url, token).patch("/boards/1/...")`."""

    def __init__(self, url: str, token: str | None = None):
        self.base = f"{url}/api/v1"
        self.session = requests.Session()
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"

    def __getattr__(self, method: str):
        def call(path: str, **kwargs) -> requests.Response:
            return self.session.request(
                method.upper(), self.base + path, timeout=kwargs.pop("timeout", 30), **kwargs
            )

        return call


class LiveClient:
    """A python-socketio client over a real WebSocket that keeps what the server sends it."""

    def __init__(self, url: str, token: str | None):
        self.url, self.token = url, token
        self.sio = socketio.Client(reconnection=False)
        self.lock = threading.Lock()
        self.arrived = threading.Condition(self.lock)
        self.events: list[tuple[float, dict]] = []  # (perf_counter at receipt, payload)
        self.presence: list[dict] = []
        self.sio.on("board_event", self._on_event)
        self.sio.on("presence", lambda data: self.presence.append(data))

    def _on_event(self, data: dict) -> None:
        received = time.perf_counter()
        with self.arrived:
            self.events.append((received, data))
            self.arrived.notify_all()

    def connect(self, timeout: float = 15) -> "LiveClient":
        auth = {"token": self.token} if self.token else None
        self.sio.connect(self.url, auth=auth, transports=["websocket"], wait_timeout=timeout)
        return self

    def join(self, board_id: int, **extra) -> dict:
        return self.sio.call("join", {"board_id": board_id, **extra}, timeout=15)

    def op(self, board_id: int, op: str, **data) -> dict:
        return self.sio.call("op", {"board_id": board_id, "op": op, "data": data}, timeout=15)

    def wait_for(self, predicate, timeout: float = 10) -> tuple[float, dict] | None:
        """Wait until an event matching predicate(payload) arrived; return (time, payload)."""
        deadline = time.monotonic() + timeout
        with self.arrived:
            while True:
                for received, data in self.events:
                    if predicate(data):
                        return received, data
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.arrived.wait(left)

    def forget(self) -> None:
        """Drop the events received so far."""
        with self.lock:
            self.events.clear()

    def disconnect(self) -> None:
        if self.sio.connected:
            self.sio.disconnect()


def connect_clients(
    url: str, tokens: list[str], board_id: int | None = None, workers: int = 16, **join
) -> list[LiveClient]:
    """Connect one LiveClient per token (in parallel) and join them to the board."""

    def one(token: str) -> LiveClient:
        client = LiveClient(url, token).connect()
        if board_id is not None:
            ack = client.join(board_id, **join)
            if not ack.get("ok"):
                raise RuntimeError(f"join refused: {ack}")
        return client

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(one, tokens))


def disconnect_all(clients: list[LiveClient]) -> None:
    """Disconnect every client (in parallel)."""
    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(LiveClient.disconnect, clients))


def signed_in_page(browser, url: str, size: tuple[int, int], email: str, password: str, init=None):
    """Open a new Chromium context at `size` (width, height) on `url`, sign in through the login
    form, and return the page (close its `.context` when done). `init`: a script run before
    every page's own scripts, e.g. to set localStorage."""
    width, height = size
    context = browser.new_context(
        base_url=url, viewport={"width": width, "height": height}, locale="nl-NL"
    )
    if init:
        context.add_init_script(init)
    page = context.new_page()
    page.goto("/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.click("form:has(input[name=password]) button[type=submit]")
    page.wait_for_url(lambda current: "/login" not in current)
    return page


def measure_in_chromium(
    chromium: str, url: str, viewports: dict, sign_in: tuple, path: str, measure, init=None
) -> dict:
    """For each viewport {label: (width, height)}: sign in (`sign_in` = (email, password)) in a
    fresh context of Chromium at `chromium`, open `path`, wait until the network is idle and
    return {label: measure(page)}."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 (only browser benches need it)

    results = {}
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for label, size in viewports.items():
            page = signed_in_page(browser, url, size, *sign_in, init=init)
            page.goto(path, timeout=120_000)
            page.wait_for_load_state("networkidle", timeout=120_000)
            results[label] = measure(page)
            page.context.close()
        browser.close()
    return results
