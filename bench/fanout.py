"""Fan-out: how long one REST edit takes to reach N live clients, against a bare broadcast.

    python -m bench.fanout [--clients 10,50] [--edits 100]

Brugwerk: `python wsgi.py` on a scratch SQLite file; N python-socketio clients (real WebSockets,
the JSON audience) join one board; an API client PATCHes a card N times in a row and every client
records when the card.updated board_event arrived. Latency = receipt time - time the PATCH was sent.

Baseline, in the same run: a bare Flask-SocketIO app (this file, `--serve-baseline`), same
async mode (threading with simple-websocket) and server (Werkzeug via socketio.run), whose
POST /emit broadcasts a payload of the same size to one room holding the N clients.
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
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
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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


def measure_brugwerk(server: LiveServer, seeded, clients: int, edits: int,
                     warmup: int = 5) -> dict:
    """Edit one card `edits` times over REST; time its arrival at `clients` sockets."""
    api = Api(server.url, seeded.owner_token)
    board_id = seeded.board_id
    card = api.get(f"/boards/{board_id}").json()["cards"][0]
    sockets = connect_clients(server.url, seeded.partner_tokens[:clients], board_id)
    samples, slowest, lost, payload = [], [], 0, None
    try:
        version = api.get(f"/boards/{board_id}/cards/{card['id']}").json()["version"]
        for number in range(warmup + edits):
            title = f"Keukentafelgesprek {clients}-{number}"
            sent = time.perf_counter()
            response = api.patch(f"/boards/{board_id}/cards/{card['id']}",
                                 json={"version": version, "title": title})
            response.raise_for_status()
            version = response.json()["version"]

            def matches(event, title=title):
                return event["type"] == "card.updated" and event["data"]["title"] == title

            if payload is None:
                payload = sockets[0].wait_for(matches, timeout=WAIT)[1]
            latencies = _collect(sockets, matches, sent)
            if number >= warmup:
                samples += latencies
                lost += clients - len(latencies)
                slowest.append(max(latencies, default=float("nan")))
    finally:
        disconnect_all(sockets)
    return {"samples": samples, "slowest": slowest, "lost": lost, "payload": payload}


def measure_baseline(baseline: Baseline, payload: dict, clients: int, edits: int,
                     warmup: int = 5) -> dict:
    """Broadcast a payload like Brugwerk's `edits` times; time its arrival at `clients`."""
    import requests  # noqa: PLC0415

    http = requests.Session()
    sockets = connect_clients(baseline.url, [None] * clients)
    for socket in sockets:
        socket.join(0)
    samples, slowest, lost = [], [], 0
    try:
        for number in range(warmup + edits):
            title = f"Keukentafelgesprek {clients}-{number}"
            body = {**payload, "seq": number, "data": {**payload["data"], "title": title}}
            sent = time.perf_counter()
            http.post(f"{baseline.url}/emit", json=body, timeout=30).raise_for_status()
            latencies = _collect(
                sockets, lambda event, title=title: event["data"]["title"] == title, sent)
            if number >= warmup:
                samples += latencies
                lost += clients - len(latencies)
                slowest.append(max(latencies, default=float("nan")))
    finally:
        disconnect_all(sockets)
    return {"samples": samples, "slowest": slowest, "lost": lost}


def _row(name: str, clients: int, result: dict) -> dict:
    figures = {key: round(value, 2) for key, value in percentiles(result["samples"]).items()}
    every = {f"all_{key}": round(value, 2)
             for key, value in percentiles(result["slowest"]).items()}
    return {"server": name, "clients": clients, **figures, **every, "lost": result["lost"],
            "samples": len(result["samples"])}


def main(argv: list[str] | None = None) -> list[dict]:
    """Run the fan-out benchmark and print its figures (ms)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", default="10,50",
                        help="comma-separated client counts, e.g. 10,50,200")
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
        with LiveServer(database) as server, Baseline() as baseline:
            seeded = seed(database, partners=max(counts), cards=1)
            for clients in counts:
                ours = measure_brugwerk(server, seeded, clients, args.edits)
                bare = measure_baseline(baseline, ours["payload"], clients, args.edits)
                row, base = _row("brugwerk", clients, ours), _row("bare", clients, bare)
                row["p99_ratio"] = round(row["p99"] / base["p99"], 2)
                row["p50_ratio"] = round(row["p50"] / base["p50"], 2)
                row["payload_bytes"] = len(json.dumps(ours["payload"]).encode())
                rows += [row, base]
    print("fanout: latency from sending the edit to each client's receipt, ms "
          "(all_*: until the last client had it)")
    for row in rows:
        print("  " + "  ".join(f"{key}={value}" for key, value in row.items()))
    return rows


if __name__ == "__main__":
    main()
