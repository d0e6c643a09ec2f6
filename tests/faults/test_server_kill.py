"""The server is killed (SIGKILL) mid-meeting and restarted: nothing acknowledged is lost.

Live clients (python-socketio over real WebSockets) reconnect by themselves, re-join with the
last seq they applied, catch up, and end with exactly the server's board.
"""

import threading
import time

import pytest
import requests

from bench.soak import BoardFollower, LiveServer, event_log, lost_writes, seed
from tests.plugin import wait_for

pytestmark = pytest.mark.live


class Writer(threading.Thread):
    """Keeps writing through REST and the socket `op`; remembers what was acknowledged."""

    def __init__(self, server: LiveServer, seeded: dict, follower: BoardFollower):
        super().__init__(daemon=True)
        self.server, self.seeded, self.follower = server, seeded, follower
        self.http = requests.Session()
        self.http.headers["Authorization"] = f"Bearer {seeded['owner_token']}"
        self.acked: list[tuple[int, int]] = []
        self.failed = 0
        self.stop = threading.Event()

    def _card(self, n: int) -> dict:
        return {
            "phase_id": self.seeded["phases"][n % 3],
            "lane_id": self.seeded["lanes"][0],
            "organisation_id": self.seeded["organisations"][0],
            "title": f"Kaart {n}",
        }

    def run(self) -> None:
        n = 0
        while not self.stop.is_set():
            n += 1
            try:
                if n % 2:
                    answer = self.http.post(
                        f"{self.server.url}/api/v1/boards/{self.seeded['board_id']}/cards",
                        json=self._card(n),
                        timeout=5,
                    )
                    if answer.status_code == 201:
                        self.acked.append((answer.json()["id"], answer.json()["version"]))
                else:
                    ack = self.follower.sio.call(
                        "op",
                        {
                            "board_id": self.seeded["board_id"],
                            "op": "card.create",
                            "data": self._card(n),
                        },
                        timeout=5,
                    )
                    if ack.get("ok"):
                        self.acked.append((ack["data"]["id"], ack["data"]["version"]))
            except Exception:  # noqa: BLE001 (the server is down: this write was not acknowledged)
                self.failed += 1
                time.sleep(0.1)
            time.sleep(0.02)


def test_kill_and_restart_loses_no_acknowledged_write(tmp_path):
    seeded = seed(tmp_path / "meeting.db", clients=3)
    server = LiveServer(tmp_path / "meeting.db")
    server.start()
    followers = [BoardFollower(server.url, seeded["board_id"], token) for token in seeded["tokens"]]
    writer = None
    try:
        for follower in followers:
            follower.connect()
        assert wait_for(lambda: all(f.seq > 0 for f in followers), 15), "clients did not join"
        writer = Writer(server, seeded, followers[0])
        writer.start()
        assert wait_for(lambda: len(writer.acked) >= 20, 20)
        server.kill()
        acked_before_kill = len(writer.acked)
        seq_at_kill = max(f.seq for f in followers)
        time.sleep(1)
        server.start()
        assert wait_for(lambda: len(writer.acked) >= acked_before_kill + 20, 30), (
            "no writes were acknowledged after the restart"
        )
        writer.stop.set()
        writer.join()
        http = writer.http
        board_url = f"{server.url}/api/v1/boards/{seeded['board_id']}"
        final = http.get(board_url, timeout=10).json()
        log = event_log(http, board_url, final["seq"])
        assert lost_writes(log, writer.acked) == []
        assert {card_id for card_id, _v in writer.acked} <= {c["id"] for c in final["cards"]}
        for follower in followers:
            assert wait_for(lambda f=follower: f.sio.connected and f.seq == final["seq"], 30), (
                f"a client did not catch up: {follower.seq} of {final['seq']}"
            )
            server_cards = {
                c["id"]: {k: c[k] for k in follower.cards[c["id"]]} for c in final["cards"]
            }
            assert follower.cards == server_cards
        assert final["seq"] > seq_at_kill
    finally:
        if writer is not None:
            writer.stop.set()
        for follower in followers:
            follower.sio.disconnect()
        server.stop()
