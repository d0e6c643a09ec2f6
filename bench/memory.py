"""Memory per connected client: server RSS before and after N idle Socket.IO clients joined a board.

    python -m bench.memory [--clients 300]

One gunicorn process (threads; each WebSocket holds one) on a SQLite file; the clients are
python-socketio clients over real WebSockets in this process, all joined to one board (API
audience), then left idle for a few seconds before the second reading.
"""

import argparse
import tempfile
import time
from pathlib import Path

from bench.common import connect_clients, disconnect_all, free_port
from bench.render import seed_database
from deploy.cluster import Cluster


def measure(clients: int, settle: float = 3.0) -> dict:
    """Return the server's RSS before and after `clients` idle joined sockets."""
    with tempfile.TemporaryDirectory(prefix="brugwerk-bench-") as folder:
        url = f"sqlite:///{folder}/bench.db"
        cluster = Cluster(
            processes=1,
            base_port=free_port(),
            proxy_port=None,
            threads=clients + 50,
            env={
                "DATABASE_URL": url,
                "SOCKETIO_MESSAGE_QUEUE": "",
                "SECRET_KEY": "bench-secret-key",
            },
        )
        cluster.migrate()
        seeded = seed_database(url, cards=20)
        with cluster:
            base = cluster.urls()[0]
            # Warm up: one client and one board read, so imports and caches are not counted.
            disconnect_all(connect_clients(base, [seeded["token"]] * 2, seeded["board_id"]))
            time.sleep(settle)
            before = cluster.rss_kib(0)
            started = time.perf_counter()
            connected = connect_clients(base, [seeded["token"]] * clients, seeded["board_id"])
            connect_seconds = time.perf_counter() - started
            time.sleep(settle)
            after = cluster.rss_kib(0)
            threads = sum(len(list(Path(f"/proc/{pid}/task").iterdir())) for pid in cluster.pids(0))
            disconnect_all(connected)
    return {
        "clients": clients,
        "rss_before_mib": before / 1024,
        "rss_after_mib": after / 1024,
        "per_client_kib": (after - before) / clients,
        "server_threads": threads,
        "connect_seconds": connect_seconds,
    }


def main(argv: list[str] | None = None) -> dict:
    """Print the server's memory per connected client."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=300)
    args = parser.parse_args(argv)
    row = measure(args.clients)
    print(
        f"{row['clients']} idle clients: RSS {row['rss_before_mib']:.1f} -> "
        f"{row['rss_after_mib']:.1f} MiB = {row['per_client_kib']:.0f} KiB per client "
        f"({row['server_threads']} server threads; connected in {row['connect_seconds']:.1f} s)",
        flush=True,
    )
    return row


if __name__ == "__main__":
    main()
