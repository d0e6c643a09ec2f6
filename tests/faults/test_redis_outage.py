"""Scale-out mode: Redis going away shows in /healthz, writes still answer, and it all recovers.

The test runs its own redis-server on a free port (never the machine's Redis on 6379), so it
can stop and start it safely.
"""

import shutil
import subprocess
import time

import pytest
import requests

from bench.common import free_port
from bench.soak import BoardFollower, LiveServer, seed

pytestmark = [pytest.mark.live, pytest.mark.redis]


class PrivateRedis:
    """A throwaway redis-server on loopback, started and stopped by this test only."""

    def __init__(self, port: int):
        self.port, self.process = port, None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            probe = subprocess.run(
                ["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True
            )
            if probe.stdout.strip() == "PONG":
                return
            time.sleep(0.1)
        raise RuntimeError("private redis-server did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


def _health(server: LiveServer) -> tuple[int, dict]:
    answer = requests.get(f"{server.url}/healthz", timeout=10)
    return answer.status_code, answer.json()


def _until(condition, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    return condition()


@pytest.fixture
def scale_out(tmp_path):
    """A server using a private Redis as its message queue, with one live client joined."""
    if not shutil.which("redis-server") or not shutil.which("redis-cli"):
        pytest.skip("redis-server is not installed")
    redis = PrivateRedis(free_port())
    redis.start()
    seeded = seed(tmp_path / "scale.db", clients=1)
    server = LiveServer(
        tmp_path / "scale.db", env={"SOCKETIO_MESSAGE_QUEUE": f"redis://127.0.0.1:{redis.port}/0"}
    )
    follower = BoardFollower(server.url, seeded["board_id"], seeded["tokens"][0])
    try:
        server.start()
        follower.connect()
        assert _until(lambda: follower.seq > 0, 15)
        card = {
            "phase_id": seeded["phases"][0],
            "lane_id": seeded["lanes"][0],
            "organisation_id": seeded["organisations"][0],
            "title": "Kaart",
        }
        yield {
            "redis": redis,
            "server": server,
            "follower": follower,
            "card": card,
            "cards": f"{server.url}/api/v1/boards/{seeded['board_id']}/cards",
            "board": f"{server.url}/api/v1/boards/{seeded['board_id']}",
            "auth": {"Authorization": f"Bearer {seeded['owner_token']}"},
        }
    finally:
        follower.sio.disconnect()
        server.stop()
        redis.stop()


def test_redis_outage_is_reported_and_recovered(scale_out):
    redis, server, follower = scale_out["redis"], scale_out["server"], scale_out["follower"]
    cards, auth, card = scale_out["cards"], scale_out["auth"], scale_out["card"]
    assert _health(server) == (200, {"status": "ok", "database": "ok", "redis": "ok"})
    redis.stop()
    status, body = _health(server)
    assert status == 503 and body["status"] == "unavailable"
    assert body["redis"] == "unreachable" and body["database"] == "ok"
    during = requests.post(cards, json=card, headers=auth, timeout=30)
    assert during.status_code == 201  # the write is committed; only its push is late
    redis.start()
    assert _until(lambda: _health(server)[0] == 200, 30), _health(server)
    after = requests.post(cards, json=card, headers=auth, timeout=30)
    assert after.status_code == 201
    final_seq = requests.get(scale_out["board"], headers=auth, timeout=10).json()["seq"]

    def caught_up():
        follower.fill_holes()  # what a client does for a hole it still sees
        return follower.seq == final_seq

    assert _until(caught_up, 30)
    assert {during.json()["id"], after.json()["id"]} <= set(follower.cards)


def test_live_pushes_flow_again_after_redis_returns(scale_out):
    redis, server, follower = scale_out["redis"], scale_out["server"], scale_out["follower"]
    redis.stop()
    time.sleep(1)
    redis.start()
    assert _until(lambda: _health(server)[0] == 200, 30)

    def pushed() -> bool:
        # Without fetching, only a live push can bring the new card to the client.
        created = requests.post(
            scale_out["cards"], json=scale_out["card"], headers=scale_out["auth"], timeout=30
        ).json()
        return _until(lambda: created["id"] in follower.cards, 3)

    assert _until(pushed, 40), "live pushes did not resume after Redis came back"
