"""Fan-out latency across server processes: an edit through process A reaches clients on A and B.

    python -m bench.cluster_fanout [--processes 2] [--clients 10 50 200 300] [--rounds 20]
                                   [--queue redis://127.0.0.1:6379/0 | none]

N gunicorn processes (deploy/cluster.py) share rooms through Redis, on PostgreSQL when it is
available (else a shared SQLite file). The clients are spread evenly over the processes and
joined to one board; each round one card is edited through process A's API and the latency is
the time from sending the PATCH to each client receiving the `board_event` (one clock: the
clients run in this process). Reported as p50/p95/p99 over all clients and rounds.
"""

import argparse
import tempfile
import time
from contextlib import ExitStack

from bench.common import Api, connect_clients, disconnect_all, free_port, percentiles
from bench.render import DEFAULT_POSTGRES, database, postgres_available, seed_database
from deploy.cluster import Cluster

REDIS = "redis://127.0.0.1:6379/0"


def edit_rounds(api: Api, clients: list, board_id: int, card_id: int, version: int,
                rounds: int, timeout: float = 30) -> tuple[list[float], int, int]:
    """Edit the card `rounds` times; return every client's latency in ms, misses, new version."""
    latencies, missed = [], 0
    for number in range(rounds):
        sent = time.perf_counter()
        response = api.patch(f"/boards/{board_id}/cards/{card_id}",
                             json={"version": version, "title": f"Ronde {number}"})
        response.raise_for_status()
        version = response.json()["version"]

        def arrived(payload, expected=version):
            return payload["type"] == "card.updated" and payload["data"]["version"] == expected

        for client in clients:
            found = client.wait_for(arrived, timeout=timeout)
            if found is None:
                missed += 1
            else:
                latencies.append((found[0] - sent) * 1000)
        time.sleep(0.05)  # let the previous round's traffic drain
    return latencies, missed, version


def measure(url: str, processes: int, counts: list[int], rounds: int,
            queue: str | None = REDIS) -> list[dict]:
    """Start the processes once and measure each client count, adding clients as it goes."""
    cluster = Cluster(processes=processes, base_port=free_port(), proxy_port=None,
                      threads=max(counts) * 5 // processes + 100,
                      env={"DATABASE_URL": url, "SOCKETIO_MESSAGE_QUEUE": queue or "",
                           "SECRET_KEY": "bench-secret-key"})
    cluster.migrate()
    seeded = seed_database(url, cards=1)
    board_id, card_id, version, results = seeded["board_id"], seeded["cards"][0], 1, []
    with cluster:
        urls = cluster.urls()
        api = Api(urls[0], seeded["token"])
        clients: list = []
        try:
            for count in counts:
                for index, base in enumerate(urls):  # spread the new clients over the processes
                    share = (count - len(clients)) // (len(urls) - index)
                    clients += connect_clients(base, [seeded["token"]] * share, board_id)
                time.sleep(1)
                for client in clients:
                    with client.lock:
                        client.events.clear()
                samples, missed, version = edit_rounds(api, clients, board_id, card_id,
                                                       version, rounds)
                results.append({"processes": processes, "queue": "redis" if queue else "none",
                                "clients": len(clients),
                                "rounds": rounds, "missed": missed, **percentiles(samples)})
                row = results[-1]
                print(f"{processes} process(es), queue {row['queue']:<5} "
                      f"{row['clients']:>4} clients  p50 {row['p50']:7.1f} ms  "
                      f"p95 {row['p95']:7.1f} ms  p99 {row['p99']:7.1f} ms  missed {missed}",
                      flush=True)
        finally:
            disconnect_all(clients)
    return results


def run(processes: int, counts: list[int], rounds: int, postgres_url: str | None,
        queue: str | None = REDIS) -> list[dict]:
    """Measure on PostgreSQL when available, else on a SQLite file shared by the processes."""
    with ExitStack() as stack:
        if postgres_url and postgres_available(postgres_url):
            url = stack.enter_context(database("postgresql", postgres_url))
        else:
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="brugwerk-bench-"))
            url = f"sqlite:///{folder}/bench.db"
        return measure(url, processes, counts, rounds, queue)


def main(argv: list[str] | None = None) -> list[dict]:
    """Print fan-out percentiles across processes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--clients", type=int, nargs="+", default=[10, 50, 200, 300])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="'none': use SQLite")
    parser.add_argument("--queue", default=REDIS, help="'none': rooms in the process only")
    args = parser.parse_args(argv)
    if args.processes > 1 and args.queue == "none":
        parser.error("several processes need a message queue")
    return run(args.processes, sorted(args.clients), args.rounds,
               None if args.postgres == "none" else args.postgres,
               None if args.queue == "none" else args.queue)


if __name__ == "__main__":
    main()
