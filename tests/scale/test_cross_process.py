"""Two real server processes on PostgreSQL and Redis, with nginx in front: one live board.

Started with `python -m deploy.cluster` (what `make cluster` runs), so the test also covers the
cluster script, the migrations-before-start step and the nginx config.
"""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
import socketio

from app import create_app
from app.auth.services import create_user, issue_token
from app.boards.services import add_member, create_board
from app.config import TestConfig
from app.extensions import db
from app.permissions import Actor
from app.structure.services import create_organisation
from bench.common import free_ports_in_a_row
from deploy.cluster import Cluster
from tests.plugin import wait_for

pytestmark = [pytest.mark.live, pytest.mark.postgres, pytest.mark.redis]
ROOT = Path(__file__).resolve().parents[2]
WAIT = 20  # seconds a live event may take before the test gives up on it


@pytest.fixture(scope="module")
def cluster(postgres_module_database, redis_url, nginx, tmp_path_factory):
    """Start two processes and nginx; yield their addresses and a seeded board."""
    base = free_ports_in_a_row(3)  # two processes and nginx
    proxy = base + 2
    env = {
        **os.environ,
        "DATABASE_URL": postgres_module_database,
        "SOCKETIO_MESSAGE_QUEUE": redis_url,
        "SECRET_KEY": "cluster-test-secret",
    }
    log = (tmp_path_factory.mktemp("cluster") / "cluster.log").open("w+")
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "deploy.cluster",
            "-n",
            "2",
            "--base-port",
            str(base),
            "--proxy-port",
            str(proxy),
            "--threads",
            "100",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for_line(log, child, "Brugwerk cluster on")
        yield {
            "a": f"http://127.0.0.1:{base}",
            "b": f"http://127.0.0.1:{base + 1}",
            "proxy": f"http://127.0.0.1:{proxy}",
            **_seed(postgres_module_database),
        }
    finally:
        child.send_signal(signal.SIGTERM)
        child.wait(timeout=30)
        log.close()


def _wait_for_line(log, child, text: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        log.seek(0)
        output = log.read()
        if text in output:
            return
        if child.poll() is not None:
            pytest.fail(f"the cluster did not start:\n{output[-3000:]}")
        time.sleep(0.2)
    pytest.fail("the cluster did not start in time")


def _seed(database_url: str) -> dict:
    """Create a coordinator, a partner, a board with an organisation; return ids and tokens."""
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=database_url)
    with app.test_request_context():
        coordinator = create_user("coordinator@example.nl", "Coördinator", "correct-horse-1")
        partner = create_user("partner@example.nl", "Partner", "correct-horse-1")
        board = create_board(Actor(user=coordinator), "Bord over twee processen")
        add_member(Actor(user=coordinator), board.id, partner.email, "partner")
        organisation = create_organisation(
            Actor(user=coordinator), board.id, "Energieloket", "energieloket", "#0b5fa5"
        )
        seeded = {
            "board_id": board.id,
            "phase_id": board.phases[0].id,
            "organisation_id": organisation.id,
            "coordinator": issue_token(coordinator),
            "partner": issue_token(partner),
        }
        db.session.remove()
        db.engine.dispose()
    return seeded


class Listener:
    """A python-socketio client on one process that records what it receives."""

    def __init__(self, url: str, auth: dict, board_id: int):
        self.events: list[dict] = []
        self.presence: list[dict] = []
        self.disconnected = threading.Event()
        self.client = socketio.Client(reconnection=False)
        self.client.on("board_event", self.events.append)
        self.client.on("presence", self.presence.append)
        self.client.on("disconnect", lambda *_: self.disconnected.set())
        self.client.connect(url, auth=auth, transports=["websocket"], wait_timeout=10)
        self.joined = self.client.call("join", {"board_id": board_id}, timeout=10)

    def wait_until(self, predicate, timeout: float = WAIT) -> bool:
        return wait_for(predicate, timeout, interval=0.05)

    def close(self) -> None:
        if self.client.connected:
            self.client.disconnect()


@pytest.fixture
def listeners():
    opened: list[Listener] = []

    def open_listener(*args) -> Listener:
        listener = Listener(*args)
        opened.append(listener)
        return listener

    yield open_listener
    for listener in opened:
        listener.close()


def _api(base: str, token: str, method: str, path: str, **kwargs) -> requests.Response:
    return requests.request(
        method,
        f"{base}/api/v1{path}",
        timeout=30,
        headers={"Authorization": f"Bearer {token}"},
        **kwargs,
    )


def _new_card(cluster: dict, base: str, title: str) -> dict:
    response = _api(
        base,
        cluster["partner"],
        "POST",
        f"/boards/{cluster['board_id']}/cards",
        json={
            "phase_id": cluster["phase_id"],
            "title": title,
            "organisation_id": cluster["organisation_id"],
        },
    )
    assert response.status_code == 201, response.text
    return response.json()


def test_edits_through_b_reach_a_client_in_seq_order(cluster, listeners):
    listener = listeners(cluster["a"], {"token": cluster["coordinator"]}, cluster["board_id"])
    assert listener.joined["ok"] is True
    start = listener.joined["seq"]
    card = _new_card(cluster, cluster["b"], "Energiecoach")
    for version in range(1, 6):
        response = _api(
            cluster["b"],
            cluster["partner"],
            "PATCH",
            f"/boards/{cluster['board_id']}/cards/{card['id']}",
            json={"version": version, "title": f"Energiecoach {version}"},
        )
        assert response.status_code == 200, response.text
    assert listener.wait_until(lambda: len(listener.events) >= 6), listener.events
    assert [e["seq"] for e in listener.events] == list(range(start + 1, start + 7))
    assert [e["type"] for e in listener.events] == ["card.created"] + ["card.updated"] * 5
    assert listener.events[-1]["data"]["title"] == "Energiecoach 5"


def test_presence_shows_people_on_both_processes(cluster, listeners):
    on_a = listeners(cluster["a"], {"token": cluster["coordinator"]}, cluster["board_id"])
    listeners(cluster["b"], {"token": cluster["partner"]}, cluster["board_id"])

    def both_seen() -> bool:
        return any(
            {"Coördinator", "Partner"} <= {u["name"] for u in p["users"]} for p in on_a.presence
        )

    assert on_a.wait_until(both_seen), on_a.presence


def test_revoking_a_share_link_on_a_cuts_the_viewer_on_b(cluster, listeners):
    board = cluster["board_id"]
    created = _api(
        cluster["a"],
        cluster["coordinator"],
        "POST",
        f"/boards/{board}/share-links",
        json={"label": "Wethouder"},
    )
    assert created.status_code == 201, created.text
    viewer = listeners(cluster["b"], {"share": created.json()["token"]}, board)
    assert viewer.joined["ok"] is True and viewer.joined["role"] == "viewer"
    revoked = _api(
        cluster["a"],
        cluster["coordinator"],
        "DELETE",
        f"/boards/{board}/share-links/{created.json()['id']}",
    )
    assert revoked.status_code == 204
    assert viewer.disconnected.wait(WAIT), "the viewer on process B stayed connected"


def test_seq_has_no_holes_under_writers_on_both_processes(cluster, listeners):
    board, writers, edits = cluster["board_id"], 20, 5
    listener = listeners(cluster["a"], {"token": cluster["coordinator"]}, board)
    start = listener.joined["seq"]
    bases = [cluster["a"], cluster["b"]]
    cards = [_new_card(cluster, bases[i % 2], f"Kaart {i}") for i in range(writers)]
    failures: list[str] = []
    gate = threading.Barrier(writers)

    def write(index: int) -> None:
        gate.wait()
        for version in range(1, edits + 1):
            response = _api(
                bases[index % 2],
                cluster["partner"],
                "PATCH",
                f"/boards/{board}/cards/{cards[index]['id']}",
                json={"version": version, "title": f"{index}-{version}"},
            )
            if response.status_code != 200:
                failures.append(f"{index}/{version}: {response.status_code} {response.text}")

    threads = [threading.Thread(target=write, args=(i,)) for i in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    total = writers * (edits + 1)
    log = _api(
        cluster["b"], cluster["partner"], "GET", f"/boards/{board}/events", params={"after": start}
    ).json()
    assert [e["seq"] for e in log["events"]] == list(range(start + 1, start + total + 1))
    state = _api(cluster["a"], cluster["partner"], "GET", f"/boards/{board}").json()
    titles = {c["id"]: c["title"] for c in state["cards"]}
    assert all(titles[card["id"]] == f"{i}-{edits}" for i, card in enumerate(cards))
    assert listener.wait_until(lambda: len(listener.events) >= total)
    assert sorted(e["seq"] for e in listener.events) == list(range(start + 1, start + total + 1))


def test_nginx_keeps_a_browser_on_one_process_and_proxies_websockets(cluster, listeners):
    first = requests.get(f"{cluster['proxy']}/healthz", timeout=10)
    node = first.cookies.get("brugwerk_node")
    assert first.status_code == 200 and node in ("0", "1")
    again = requests.get(f"{cluster['proxy']}/healthz", cookies={"brugwerk_node": node}, timeout=10)
    assert again.cookies.get("brugwerk_node") == node
    # Long-polling first, then the upgrade to a WebSocket, both through the proxy.
    client = socketio.Client(reconnection=False)
    received: list[dict] = []
    client.on("board_event", received.append)
    client.connect(
        cluster["proxy"],
        auth={"token": cluster["coordinator"]},
        transports=["polling", "websocket"],
        wait_timeout=10,
    )
    try:
        assert client.call("join", {"board_id": cluster["board_id"]}, timeout=10)["ok"] is True
        deadline = time.monotonic() + 10
        while client.transport() != "websocket" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert client.transport() == "websocket"
        _new_card(cluster, cluster["b"], "Via de proxy")
        deadline = time.monotonic() + WAIT
        while not received and time.monotonic() < deadline:
            time.sleep(0.05)
        assert received and received[0]["data"]["title"] == "Via de proxy"
    finally:
        client.disconnect()


def test_people_on_a_killed_process_leave_the_presence_shown_by_the_other(
    postgres_database, redis_url, listeners
):
    """kill -9 one of two processes: no goodbye reaches the database, and yet its people vanish
    from the presence list the other process shows (its heartbeat sweeps them)."""
    env = {
        "DATABASE_URL": postgres_database,
        "SOCKETIO_MESSAGE_QUEUE": redis_url,
        "SECRET_KEY": "cluster-test-secret",
        "PRESENCE_HEARTBEAT_SECONDS": "0.5",
    }
    processes = Cluster(
        processes=2, base_port=free_ports_in_a_row(2), proxy_port=None, env=env, threads=20
    )
    processes.migrate()
    seeded = _seed(postgres_database)
    with processes:
        url_a, url_b = processes.urls()
        on_a = listeners(url_a, {"token": seeded["coordinator"]}, seeded["board_id"])
        listeners(url_b, {"token": seeded["partner"]}, seeded["board_id"])

        def shown() -> set[str]:
            return {user["name"] for user in on_a.presence[-1]["users"]} if on_a.presence else set()

        assert on_a.wait_until(lambda: shown() == {"Coördinator", "Partner"}), on_a.presence
        os.killpg(processes.children[1].pid, signal.SIGKILL)  # gunicorn and its worker
        assert on_a.wait_until(lambda: shown() == {"Coördinator"}), on_a.presence[-1]
