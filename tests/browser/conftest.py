"""Browser fixtures: a real server process, one Chromium, a fresh context per actor.

A failing test leaves a screenshot, the console log of every page it opened and the server log
under test-artifacts/<test name>/.
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "brugwerk-demo"  # the demo accounts' password (app/demo/services.py)
COORDINATOR = "regisseur@voorbeeld.nl"
PARTNER_A = "energieloket@voorbeeld.nl"
PARTNER_B = "coop@voorbeeld.nl"
DEMO_BOARD = 1
LIVE = 1_000  # ms: partner B sees a change within a second, without reloading
# s: how long a test server may take to answer its first request (a loaded host is slow).
START_TIMEOUT = 60
# ms: figures derived from the whole board (lens overlays, marker badges) are fetched again after
# a short debounce, so they follow a change a little later than the card itself.
REFRESH = 5_000


def _slug(text: str) -> str:
    return re.sub(r"[^\w.-]+", "_", text)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Api:
    """A tiny JSON client for /api/v1 with one user's bearer token (to change things aside)."""

    def __init__(self, base: str, email: str):
        self.base = base
        self.token = self.call("POST", "/tokens", {"email": email, "password": PASSWORD})["token"]

    def call(self, method: str, path: str, body: dict | None = None):
        headers = {"Content-Type": "application/json"}
        if getattr(self, "token", None):
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(
            f"{self.base}/api/v1{path}",
            method=method,
            headers=headers,
            data=json.dumps(body).encode() if body is not None else None,
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            raw = response.read()
        return json.loads(raw) if raw else None

    def board(self, board_id: int = DEMO_BOARD) -> dict:
        return self.call("GET", f"/boards/{board_id}")


class LiveServer:
    """`python wsgi.py` on a free port against a migrated, demo-seeded SQLite file."""

    def __init__(self, workdir: Path):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = workdir / "server.log"
        self.env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{workdir}/brugwerk.db",
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "SECRET_KEY": "browser-tests-secret-key",
            "PYTHONUNBUFFERED": "1",
        }
        self.env.pop("SOCKETIO_MESSAGE_QUEUE", None)
        self.process: subprocess.Popen | None = None
        self.clients: dict[str, Api] = {}
        for command in (["db", "upgrade"], ["demo"]):
            done = subprocess.run(
                [sys.executable, "-m", "flask", "--app", "wsgi", *command],
                cwd=ROOT,
                env=self.env,
                capture_output=True,
                text=True,
                timeout=60,
            )
            if done.returncode:
                raise RuntimeError(f"flask {' '.join(command)} failed:\n{done.stderr[-3000:]}")

    def start(self) -> None:
        """Start the server and wait until it answers."""
        log = self.log_path.open("a")
        self.process = subprocess.Popen(
            [sys.executable, "wsgi.py"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        # Generous on a loaded host: the loop returns as soon as the server answers, so a
        # fast start is not slowed down; only a slow one gets more time before failing.
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log_path.read_text()[-2000:]}")
            try:
                urllib.request.urlopen(f"{self.url}/login", timeout=1).close()
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.1)
        raise RuntimeError(f"server did not answer within {START_TIMEOUT} s")

    def stop(self) -> None:
        """Stop the server (live pages lose their socket)."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def ensure_running(self) -> None:
        """Start the server again if it died (the log says how), so one crash fails one test."""
        if self.process is not None and self.process.poll() is not None:
            with self.log_path.open("a") as log:
                log.write(f"\n[tests] server exited with {self.process.returncode}; restarting\n")
            self.start()

    def api(self, email: str = COORDINATOR) -> Api:
        """Return the API client of `email`; one token per person (token requests are limited)."""
        self.ensure_running()
        if email not in self.clients:
            self.clients[email] = Api(self.url, email)
        return self.clients[email]


def _serving(tmp_path_factory, name: str):
    """Run a LiveServer in a fresh folder for the whole session."""
    server = LiveServer(tmp_path_factory.mktemp(name))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    yield from _serving(tmp_path_factory, "live")


@pytest.fixture(scope="session")
def playwright_driver():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing; .ci/run installs it")
        pytest.skip(
            f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver):
    chromium = playwright_driver.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield chromium
    chromium.close()


@pytest.fixture(scope="session")
def _sessions():
    """Storage state per user after one login through the form, reused by later contexts."""
    return {}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


class Actors:
    """Opens pages as people, each in its own browser context, and keeps their console logs."""

    def __init__(self, browser, server: LiveServer, sessions: dict):
        self.browser, self.server, self.sessions = browser, server, sessions
        self.contexts: list = []
        self.pages: list[tuple[str, object, list[str]]] = []

    def context(self, email: str | None = None, locale: str = "nl-NL", **options):
        """Return a fresh context, signed in as `email` (through /login the first time)."""
        state = self.sessions.get(email) if email else None
        context = self.browser.new_context(
            base_url=self.server.url, locale=locale, storage_state=state, **options
        )
        context.set_default_timeout(10_000)
        # A first visit to a cold server on a loaded host (templates compiled, bundles built)
        # took over 10 s; a navigation may take longer without slowing the passing case.
        context.set_default_navigation_timeout(30_000)
        self.contexts.append(context)
        if email and state is None:
            page = self.track(context.new_page(), f"login-{email}")
            login(page, email)
            self.sessions[email] = context.storage_state()
            page.close()
        return context

    def page(self, email: str | None = None, path: str | None = None, name: str = "", **options):
        """Open a page for `email` (anonymous when None) in a new context, at `path`."""
        page = self.track(self.context(email, **options).new_page(), name or email or "anonymous")
        if path:
            page.goto(path)
        return page

    def canvas(self, email: str, name: str = ""):
        """Open the demo canvas as `email`, wait until it is live, and mark the page so a test
        can tell it was never reloaded (`window.bwSamePage`)."""
        page = self.page(email, f"/boards/{DEMO_BOARD}", name=name)
        wait_live(page)
        page.evaluate("window.bwSamePage = true")
        return page

    def track(self, page, name: str):
        log: list[str] = []
        page.on("console", lambda msg: log.append(f"[{msg.type}] {msg.text}"))
        page.on("pageerror", lambda exc: log.append(f"[pageerror] {exc}"))
        self.pages.append((name, page, log))
        return page

    def save_artifacts(self, test_name: str) -> Path:
        folder = ARTIFACTS / _slug(test_name)
        folder.mkdir(parents=True, exist_ok=True)
        for index, (name, page, log) in enumerate(self.pages):
            stem = f"{index}-{_slug(name)}"
            if not page.is_closed():
                try:
                    page.screenshot(path=str(folder / f"{stem}.png"), full_page=True)
                except Exception as exc:  # noqa: BLE001 (a dead page must not hide the failure)
                    log.append(f"[artifacts] no screenshot: {exc}")
            (folder / f"{stem}.console.log").write_text("\n".join(log) + "\n")
        if self.server.log_path.exists():
            shutil.copy(self.server.log_path, folder / "server.log")
        return folder

    def close(self) -> None:
        for context in self.contexts:
            context.close()


def _people(browser, server: LiveServer, sessions: dict, request):
    server.ensure_running()
    people = Actors(browser, server, sessions)
    yield people
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        people.save_artifacts(request.node.nodeid)
    people.close()


@pytest.fixture
def actors(browser, live_server, _sessions, request):
    """Open pages as people; on failure keep screenshots and console logs in test-artifacts/."""
    yield from _people(browser, live_server, _sessions, request)


@pytest.fixture(scope="session")
def pristine_server(tmp_path_factory):
    """A second server with the untouched demo board, for the screenshots in the README."""
    yield from _serving(tmp_path_factory, "pristine")


@pytest.fixture(scope="session")
def _pristine_sessions():
    return {}


@pytest.fixture
def pristine_actors(browser, pristine_server, _pristine_sessions, request):
    """Like `actors`, on the pristine server."""
    yield from _people(browser, pristine_server, _pristine_sessions, request)


def wait_live(page) -> None:
    """Wait until the page's live channel has joined its board."""
    expect(page.locator("#bw-status")).to_have_class(re.compile(r"\bbw-status--connected\b"))


def card_titled(page, title: str):
    """Return the locator of the card (not a form) whose title contains `title`."""
    return page.locator(
        "li.bw-card[data-card-id]", has=page.locator(".bw-card__title", has_text=title)
    )


@pytest.fixture(scope="session")
def ui():
    """Helpers for pages: ui.card(page, title), ui.wait_live(page)."""
    return SimpleNamespace(card=card_titled, wait_live=wait_live)


def login(page, email: str, password: str = PASSWORD) -> None:
    """Sign in through the login form, as a person would."""
    page.goto("/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url)


AXE = ROOT / "static" / "vendor" / "axe-core-4.14.1.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _axe_violations(page, context: str = "document") -> list[str]:
    """Run axe-core on the page (or one part: a CSS selector, for speed on a big canvas);
    return one line per WCAG 2.0/2.1 A/AA violation and node."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # From the app's own static folder: the CSP refuses inline scripts (add_script_tag(path=)).
        origin = re.match(r"https?://[^/]+", page.url).group(0)
        page.add_script_tag(url=f"{origin}/static/vendor/{AXE.name}")
    result = page.evaluate(
        """([context, tags]) => axe.run(context === "document" ? document : context,
                                       {runOnly: {type: "tag", values: tags}})""",
        [context, WCAG_AA],
    )
    return [
        f"{rule['id']} ({rule['impact']}): {rule['help']} @ {node['target']} "
        f"{node.get('failureSummary', '')}"
        for rule in result["violations"]
        for node in rule["nodes"]
    ]


@pytest.fixture(scope="session")
def axe():
    """Return axe(page, context="document") -> WCAG 2.0/2.1 A/AA violations, one per node."""
    return _axe_violations


@pytest.fixture(scope="session")
def demo():
    """The demo board's people (app/demo/services.py) and how long live updates may take."""
    return SimpleNamespace(
        coordinator=COORDINATOR,
        partner_a=PARTNER_A,
        partner_b=PARTNER_B,
        board=DEMO_BOARD,
        live=LIVE,
        refresh=REFRESH,
    )


@pytest.fixture
def coordinator_api(live_server):
    """The demo coordinator's API client, for changes made beside the pages under test."""
    return live_server.api(COORDINATOR)


@pytest.fixture
def make_card(coordinator_api):
    """Return make_card(title, phase=0, lane=0) -> card JSON, created on the demo board."""

    def create(title: str, phase: int = 0, lane: int | None = 0) -> dict:
        board = coordinator_api.board()
        body = {
            "phase_id": board["phases"][phase]["id"],
            "title": title,
            "organisation_id": board["organisations"][0]["id"],
            "lane_id": board["lanes"][lane]["id"] if lane is not None else None,
        }
        return coordinator_api.call("POST", f"/boards/{DEMO_BOARD}/cards", body)

    return create


@pytest.fixture(scope="session")
def unique():
    """Return unique(prefix) -> a title no other test uses (the board lives all session). The
    suffix starts with a letter: an all-digit one ("482913") would read as a number written
    without its thousands separator to test_dutch_formats, which reads the whole demo board."""
    return lambda prefix: f"{prefix} x{uuid.uuid4().hex[:6]}"
