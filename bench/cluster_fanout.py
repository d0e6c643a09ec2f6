"""Fan-out latency across server processes: an edit through process A reaches clients on all.

    python -m bench.cluster_fanout [--processes 2] [--clients 10,50,200,300] [--edits 50]
                                   [--queue redis://127.0.0.1:6379/0 | none]

N gunicorn processes (deploy/cluster.py) share rooms through Redis, on PostgreSQL when it is
available (else a shared SQLite file). The clients are spread evenly over the processes and
joined to one board; each edit goes through process A's API. Measured exactly as bench/fanout.py
(latency from sending the PATCH to each client's receipt), taking turns with its bare
Flask-SocketIO broadcaster in the same run, with as many clients.
"""

import argparse
import tempfile
from contextlib import ExitStack

from bench.common import Seeded, free_ports_in_a_row
from bench.fanout import Baseline, against_baseline, brugwerk_target
from bench.render import DEFAULT_POSTGRES, database, postgres_available, seed_database
from deploy.cluster import Cluster

REDIS = "redis://127.0.0.1:6379/0"


def run_cluster(
    url: str, processes: int, counts: list[int], edits: int, queue: str | None
) -> list[dict]:
    """Start the processes once; measure each client count against the bare baseline."""
    cluster = Cluster(
        processes=processes,
        proxy_port=None,
        base_port=free_ports_in_a_row(processes),
        threads=max(counts) * 5 // processes + 100,
        env={
            "DATABASE_URL": url,
            "SOCKETIO_MESSAGE_QUEUE": queue or "",
            "SECRET_KEY": "bench-secret-key",
        },
    )
    cluster.migrate()
    seeded = seed_database(url, cards=1)
    # One person on many sockets: the fan-out is the same, and seeding stays quick.
    people = Seeded(
        seeded["board_id"], [], [], [], seeded["token"], [seeded["token"]] * max(counts)
    )
    name = f"brugwerk {processes} proc{' + redis' if queue else ''}"
    rows = []
    with cluster, Baseline() as baseline:
        for clients in counts:
            ours, payload = brugwerk_target(cluster, people, clients, cluster.urls())
            ours.name = name
            pair = against_baseline(ours, payload, baseline, edits)
            rows += pair
            for item in pair:
                print("  " + "  ".join(f"{key}={value}" for key, value in item.items()), flush=True)
    return rows


def main(argv: list[str] | None = None) -> list[dict]:
    """Print fan-out percentiles across processes (ms) next to the bare baseline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--clients", default="10,50,200,300", help="comma-separated counts")
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="'none': use SQLite")
    parser.add_argument("--queue", default=REDIS, help="'none': rooms in the process only")
    args = parser.parse_args(argv)
    if args.processes > 1 and args.queue == "none":
        parser.error("several processes need a message queue")
    counts = [int(n) for n in args.clients.split(",")]
    queue = None if args.queue == "none" else args.queue
    with ExitStack() as stack:
        if args.postgres != "none" and postgres_available(args.postgres):
            url = stack.enter_context(database("postgresql", args.postgres))
        else:
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="brugwerk-bench-"))
            url = f"sqlite:///{folder}/bench.db"
        return run_cluster(url, args.processes, counts, args.edits, queue)


if __name__ == "__main__":
    main()
