"""Fan-out: how long one REST edit takes to reach N live clients, against a bare broadcast.

    python -m bench.fanout [--clients 10,50] [--edits 100]

Brugwerk: `python wsgi.py` on a scratch SQLite file; N python-socketio clients (real WebSockets,
the JSON audience) join one board; an API client PATCHes a card N times in a row and every client
records when the card.updated board_event arrived. Latency = receipt time - time the PATCH was sent.

Baseline, in the same run: a bare Flask-SocketIO app (this file, `--serve-baseline`), same
async mode (threading with simple-websocket) and server (Werkzeug via socketio.run), whose
POST /emit broadcasts a payload of the same size to one room holding the N clients. The two
take turns edit by edit, so that a busy machine slows both alike.
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import (
    ROOT,
    Api,
    LiveServer,
    connect_clients,
    disconnect_all,
    free_port,
    percentiles,
    seed,
)

WAIT = 15  # seconds a client may take before an event counts as lost


def serve_baseline(port: int) -> None:
    """Run the bare Flask-SocketIO broadcaster (the baseline server)."""
    from flask import Flask, request  # noqa: PLC0415
    from flask_socketio import SocketIO, join_room  # noqa: PLC0415

    app = Flask(__name__)
    socketio = SocketIO(app, async_mode="threading")

    @socketio.on("join")
    def join(_data=None):
        join_room("board")
        return {"ok": True}

    @app.get("/ping")
    def ping():
        return "ok"

    @app.post("/emit")
    def emit():
        socketio.emit("board_event", request.get_json(), to="board")
        return "", 204

    print(f"baseline on {port}", flush=True)
    socketio.run(app, host="127.0.0.1", port=port, allow_unsafe_werkzeug=True)


class Baseline:
    """The baseline server as a subprocess."""

    def __init__(self):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def __enter__(self) -> "Baseline":
        import requests  # noqa: PLC0415

        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.fanout", "--serve-baseline", str(self.port)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/ping", timeout=1).ok:
                    return self
            except requests.RequestException:
                time.sleep(0.1)
        raise RuntimeError("baseline server did not start")

    def __exit__(self, *_exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def _collect(clients, matches, sent: float) -> list[float]:
    """Wait until every client has the event; return each one's latency in ms (lost: none)."""
    latencies = []
    for client in clients:
        arrived = client.wait_for(matches, timeout=WAIT)
        if arrived is not None:
            latencies.append((arrived[0] - sent) * 1000)
        client.forget()
    return latencies


@dataclass
class Target:
    """One side of the comparison: its joined sockets and how to make it push one change."""

    name: str
    sockets: list
    send: Callable[[int, str], None]
    samples: list = field(default_factory=list)  # ms, one per client and edit
    slowest: list = field(default_factory=list)  # ms, until the last client had the edit
    lost: int = 0


# Engine.IO pings every socket each 25 s, counted from its connect. Clients that connected
# together are pinged together, which stalls a broadcast for a moment; a run shorter than the
# interval catches that burst on one side and not the other, and p99 then measures luck. Runs
# therefore last at least two intervals (then both sides take their bursts), or MAX_EDITS.
PING_CYCLES_SECONDS = 2 * 25 + 5
MAX_EDITS = 400


def measure(
    targets: list[Target], edits: int, warmup: int = 5, min_seconds: float = PING_CYCLES_SECONDS
) -> None:
    """Push changes through each target in turn (so load hits both alike) and time them:
    `edits` of them, more if needed to last `min_seconds` (at most MAX_EDITS)."""
    started = time.perf_counter()
    number = 0
    while number < warmup + edits or (
        time.perf_counter() - started < min_seconds and number < warmup + MAX_EDITS
    ):
        number += 1
        for target in targets:
            title = f"Keukentafelgesprek {target.name} {len(target.sockets)}-{number}"
            sent = time.perf_counter()
            target.send(number, title)
            latencies = _collect(target.sockets, _titled(title), sent)
            if number > warmup:
                target.samples += latencies
                target.lost += len(target.sockets) - len(latencies)
                target.slowest.append(max(latencies, default=float("nan")))


def _titled(title: str):
    return lambda event: event["type"] == "card.updated" and event["data"]["title"] == title


def brugwerk_target(
    server: LiveServer, seeded, clients: int, socket_urls: list[str] | None = None
) -> tuple[Target, dict]:
    """Clients on the board, a REST edit of one card as the change; and one real payload.
    With `socket_urls` (several processes) the clients are spread over those servers."""
    api = Api(server.url, seeded.owner_token)
    board_id = seeded.board_id
    card = api.get(f"/boards/{board_id}").json()["cards"][0]
    url = f"/boards/{board_id}/cards/{card['id']}"
    version = [api.get(url).json()["version"]]

    def send(_number: int, title: str) -> None:
        response = api.patch(url, json={"version": version[0], "title": title})
        response.raise_for_status()
        version[0] = response.json()["version"]

    urls, tokens, sockets = socket_urls or [server.url], seeded.partner_tokens[:clients], []
    for index, socket_url in enumerate(urls):
        sockets += connect_clients(socket_url, tokens[index :: len(urls)], board_id)
    send(0, "Keukentafelgesprek")
    _when, payload = sockets[0].wait_for(_titled("Keukentafelgesprek"), timeout=WAIT)
    for socket in sockets:
        socket.forget()
    return Target("brugwerk", sockets, send), payload


def baseline_target(baseline: Baseline, payload: dict, clients: int) -> Target:
    """Clients in the bare server's room, a POST that broadcasts a payload like ours."""
    import requests  # noqa: PLC0415

    http = requests.Session()

    def send(number: int, title: str) -> None:
        body = {**payload, "seq": number, "data": {**payload["data"], "title": title}}
        http.post(f"{baseline.url}/emit", json=body, timeout=30).raise_for_status()

    sockets = connect_clients(baseline.url, [None] * clients)
    for socket in sockets:
        socket.join(0)
    return Target("bare", sockets, send)


def _row(target: Target) -> dict:
    figures = {key: round(value, 2) for key, value in percentiles(target.samples).items()}
    every = {f"all_{key}": round(value, 2) for key, value in percentiles(target.slowest).items()}
    return {
        "server": target.name,
        "clients": len(target.sockets),
        **figures,
        **every,
        "lost": target.lost,
        "samples": len(target.samples),
    }


def against_baseline(ours: Target, payload: dict, baseline: Baseline, edits: int) -> list[dict]:
    """Measure `ours` taking turns with the bare server (as many clients, a payload like ours);
    disconnect both; return both rows, ours with its p99 and p50 ratios to the bare one."""
    bare = baseline_target(baseline, payload, len(ours.sockets))
    try:
        measure([ours, bare], edits)
    finally:
        disconnect_all(ours.sockets + bare.sockets)
    row, base = _row(ours), _row(bare)
    row["p99_ratio"] = round(row["p99"] / base["p99"], 2)
    row["p50_ratio"] = round(row["p50"] / base["p50"], 2)
    row["payload_bytes"] = len(json.dumps(payload).encode())
    return [row, base]


def main(argv: list[str] | None = None) -> list[dict]:
    """Run the fan-out benchmark and print its figures (ms)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--clients", default="10,50", help="comma-separated client counts, e.g. 10,50,200"
    )
    parser.add_argument("--edits", type=int, default=100)
    parser.add_argument("--serve-baseline", type=int, metavar="PORT", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve_baseline:
        serve_baseline(args.serve_baseline)
        return []
    counts = [int(n) for n in args.clients.split(",")]
    rows = []
    with tempfile.TemporaryDirectory(prefix="brugwerk-fanout-") as workdir:
        database = Path(workdir) / "fanout.db"
        with LiveServer(database) as server, Baseline() as baseline, server.log_on_failure():
            seeded = seed(database, partners=max(counts), cards=1)
            for clients in counts:
                ours, payload = brugwerk_target(server, seeded, clients)
                rows += against_baseline(ours, payload, baseline, args.edits)
    print(
        "fanout: latency from sending the edit to each client's receipt, ms "
        "(all_*: until the last client had it)"
    )
    for row in rows:
        print("  " + "  ".join(f"{key}={value}" for key, value in row.items()))
    return rows


if __name__ == "__main__":
    main()
