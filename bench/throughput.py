"""API edit throughput: one board, sequential and 20 concurrent writers, and 20 writers on 20
boards; SQLite and PostgreSQL, each served by one process and by two.

    python -m bench.throughput [--sequential 300] [--writers 20] [--edits 30] [--postgres URL|none]

gunicorn processes (threads, as in production; two share their rooms through Redis) serve the
API over loopback; the load comes from this process, so client and servers share the machine's
cores. Concurrent writers are spread over the processes (writer i talks to process i mod N).
After each run every acknowledged edit is looked up in the event log and in the final board: a
write that was acknowledged but is missing is lost, one that appears twice is duplicated, and seq
must have no holes. All three must be 0.
"""

import argparse
import threading
import time

from app import create_app
from app.config import Config
from app.extensions import db
from app.models import User
from app.permissions import Actor
from bench.common import Api, board_with_card, free_ports_in_a_row
from bench.render import DEFAULT_POSTGRES, database, postgres_available, seed_database
from deploy.cluster import Cluster

SYNC_OFF = "?options=-csynchronous_commit%3Doff"
REDIS = "redis://127.0.0.1:6379/0"


def _edit_chain(
    api: Api,
    board_id: int,
    card_id: int,
    version: int,
    edits: int,
    label: str,
    acked: list,
    failures: list,
) -> None:
    """Edit one card `edits` times, each from the version the previous edit returned."""
    for number in range(edits):
        title = f"{label} bewerking {number}"
        response = api.patch(
            f"/boards/{board_id}/cards/{card_id}", json={"version": version, "title": title}
        )
        if response.status_code != 200:
            failures.append(f"{response.status_code} {response.text[:200]}")
            return
        version = response.json()["version"]
        acked.append((card_id, version, title))


def _event_log(api: Api, board_id: int, after: int) -> list[dict]:
    events: list[dict] = []
    while True:
        page = api.get(f"/boards/{board_id}/events", params={"after": after}).json()["events"]
        if not page:
            return events
        events.extend(page)
        after = page[-1]["seq"]


def _verify(api: Api, board_id: int, start_seq: int, acked: list) -> dict:
    """Count lost and duplicated acknowledged writes and holes in seq after start_seq."""
    events = _event_log(api, board_id, start_seq)
    seqs = [e["seq"] for e in events]
    # A hole: a seq missing between the first and the last; also count any out-of-order pair.
    holes = len(set(range(start_seq + 1, (seqs[-1] if seqs else start_seq) + 1)) - set(seqs))
    holes += sum(a >= b for a, b in zip(seqs, seqs[1:], strict=False))
    seen: dict = {}
    for e in events:
        if e["type"] == "card.updated":
            key = (e["data"]["id"], e["data"]["version"], e["data"]["title"])
            seen[key] = seen.get(key, 0) + 1
    lost = sum(1 for write in acked if write not in seen)
    duplicated = sum(count - 1 for count in seen.values() if count > 1)
    final = {
        c["id"]: (c["version"], c["title"]) for c in api.get(f"/boards/{board_id}").json()["cards"]
    }
    last: dict = {}
    for card_id, version, title in acked:
        last[card_id] = max(last.get(card_id, (0, "")), (version, title))
    lost += sum(1 for card_id, latest in last.items() if final.get(card_id) != latest)
    return {"events": len(events), "lost": lost, "duplicated": duplicated, "seq_holes": holes}


def _load(
    urls: list[str], token: str, targets: list[tuple[int, int]], versions: dict, edits: int
) -> tuple[list, list, float, float]:
    """Run one writer thread per (board, card) target, writer i editing its card through server
    i mod N; return what was acknowledged, what was refused, the wall seconds and this
    process's CPU seconds."""
    acked, failures = [], []
    clients = [Api(urls[i % len(urls)], token) for i in range(len(targets))]
    gate = threading.Barrier(len(targets) + 1)

    def writer(index: int) -> None:
        board_id, card_id = targets[index]
        clients[index].get("/boards")  # open the connection before the clock starts
        gate.wait()
        _edit_chain(
            clients[index],
            board_id,
            card_id,
            versions[card_id],
            edits,
            f"w{index}",
            acked,
            failures,
        )

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(len(targets))]
    for thread in threads:
        thread.start()
    gate.wait()
    started, client_cpu = time.perf_counter(), time.process_time()
    for thread in threads:
        thread.join()
    return acked, failures, time.perf_counter() - started, time.process_time() - client_cpu


def _more_boards(url: str, email: str, count: int) -> list[tuple[int, int]]:
    """Give the bench user `count` boards of one card each (a host with many municipalities);
    return their (board id, card id)."""
    app = create_app(Config, SQLALCHEMY_DATABASE_URI=url, SOCKETIO_MESSAGE_QUEUE=None)
    targets = []
    with app.test_request_context():
        actor = Actor(user=db.session.execute(db.select(User).filter_by(email=email)).scalar_one())
        for number in range(count):
            board, card = board_with_card(actor, f"Gemeente {number}")
            targets.append((board.id, card.id))
        db.session.remove()
        db.engine.dispose()
    return targets


def measure(
    kind: str, url: str, sequential: int, writers: int, edits: int, processes: int = 1
) -> list[dict]:
    """Start server processes on the database and run both loads against them: sequential
    through the first process, the concurrent writers spread over all of them."""
    env = {
        "DATABASE_URL": url,
        "SECRET_KEY": "bench-secret-key",
        # Several processes share their rooms through Redis, as deployed (docs/deploy.md).
        "SOCKETIO_MESSAGE_QUEUE": REDIS if processes > 1 else "",
    }
    cluster = Cluster(
        processes=processes,
        proxy_port=None,
        base_port=free_ports_in_a_row(processes),
        threads=64,
        env=env,
    )
    cluster.migrate()
    seeded = seed_database(url, cards=writers)
    board_id, cards, token = seeded["board_id"], seeded["cards"], seeded["token"]
    label = f"{kind}, {processes} process{'es' if processes > 1 else ''}"
    results = []

    def server_cpu() -> float:
        return sum(cluster.cpu_seconds(i) for i in range(processes))

    def row(load, acked, failures, seconds, cpu, client_cpu, checks: dict) -> dict:
        return {
            "database": label,
            "processes": processes,
            "load": load,
            "acked": len(acked),
            "refused": len(failures),
            "seconds": seconds,
            "edits_per_s": len(acked) / seconds,
            "server_cpu_ms": 1000 * cpu / len(acked),
            "client_cpu_ms": 1000 * client_cpu / len(acked),
            **checks,
        }

    with cluster:
        api = Api(cluster.urls()[0], token)
        if sequential:
            start_seq, acked, failures = api.get(f"/boards/{board_id}").json()["seq"], [], []
            cpu, started, client_cpu = server_cpu(), time.perf_counter(), time.process_time()
            _edit_chain(api, board_id, cards[0], 1, sequential, "seq", acked, failures)
            results.append(
                row(
                    "sequential, 1 writer",
                    acked,
                    failures,
                    time.perf_counter() - started,
                    server_cpu() - cpu,
                    time.process_time() - client_cpu,
                    _verify(api, board_id, start_seq, acked),
                )
            )
        state = api.get(f"/boards/{board_id}").json()
        versions = {card["id"]: card["version"] for card in state["cards"]}
        cpu = server_cpu()
        acked, failures, seconds, client_cpu = _load(
            cluster.urls(), token, [(board_id, card) for card in cards[:writers]], versions, edits
        )
        results.append(
            row(
                f"{writers} concurrent writers",
                acked,
                failures,
                seconds,
                server_cpu() - cpu,
                client_cpu,
                _verify(api, board_id, state["seq"], acked),
            )
        )
        if failures:
            print("refused:", failures[:3])

        # The same load spread over as many boards (one writer each): boards do not wait for
        # each other on PostgreSQL; SQLite has one writer for the whole file.
        targets = _more_boards(url, seeded["email"], writers)
        before = {board: api.get(f"/boards/{board}").json()["seq"] for board, _card in targets}
        cpu = server_cpu()
        acked, failures, seconds, client_cpu = _load(
            cluster.urls(), token, targets, dict.fromkeys((c for _b, c in targets), 1), edits
        )
        checks = [
            _verify(api, board, before[board], [a for a in acked if a[0] == card])
            for board, card in targets
        ]
        results.append(
            row(
                f"{writers} writers, {writers} boards",
                acked,
                failures,
                seconds,
                server_cpu() - cpu,
                client_cpu,
                {key: sum(check[key] for check in checks) for key in checks[0]},
            )
        )
    return results


def run(sequential: int, writers: int, edits: int, postgres_url: str | None) -> list[dict]:
    """Measure SQLite and PostgreSQL (when available), each with one and with two processes."""
    kinds = [("sqlite", "sqlite", "")]
    if postgres_url and postgres_available(postgres_url):
        # Writes to one board take turns on its row lock, which PostgreSQL holds until the
        # commit is on disk: the fsync bounds one board's rate. synchronous_commit=off (set in
        # DATABASE_URL, see docs/deploy.md) is as durable as SQLite's WAL + synchronous=NORMAL.
        kinds += [
            ("postgresql", "postgresql", ""),
            ("postgresql, synchronous_commit=off", "postgresql", SYNC_OFF),
        ]
    results = []
    for label, kind, options in kinds:
        for processes in (1, 2):
            with database(kind, postgres_url or DEFAULT_POSTGRES) as url:
                rows = measure(
                    label,
                    url + options,
                    sequential if processes == 1 else 0,
                    writers,
                    edits,
                    processes,
                )
            for row in rows:
                print(
                    f"{row['database']:<46} {row['load']:<24} "
                    f"{row['edits_per_s']:7.1f} edits/s  "
                    f"server CPU {row['server_cpu_ms']:.1f} ms/edit  "
                    f"client CPU {row['client_cpu_ms']:.1f} ms/edit  "
                    f"({row['acked']} acked in {row['seconds']:.2f} s, {row['refused']} refused)"
                    f"  lost {row['lost']}  duplicated {row['duplicated']}  "
                    f"seq holes {row['seq_holes']}",
                    flush=True,
                )
            results.extend(rows)
    return results


def main(argv: list[str] | None = None) -> list[dict]:
    """Print edit throughput and the lost/duplicated write counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sequential", type=int, default=300)
    parser.add_argument("--writers", type=int, default=20)
    parser.add_argument("--edits", type=int, default=30, help="edits per concurrent writer")
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="'none' to skip PostgreSQL")
    args = parser.parse_args(argv)
    return run(
        args.sequential,
        args.writers,
        args.edits,
        None if args.postgres == "none" else args.postgres,
    )


if __name__ == "__main__":
    main()
