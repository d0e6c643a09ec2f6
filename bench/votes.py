"""Dot-voting under a burst: 30 people cast ballots within the same 2 seconds.

    python -m bench.votes [--people 30] [--spread 2]

Brugwerk: `python wsgi.py` on a scratch SQLite file; N partners, each a python-socketio client
over a real WebSocket joined to the board, cast a ballot with the socket's `op` `vote.cast` at a
random moment within `spread` seconds. Every client waits for the `vote.updated` event that
says N people voted. Printed: the time from the last ballot (sent, and acknowledged) until every
client saw that final count (goal ≤ 1 s), and the ballots lost (goal 0): the closed vote's voter
count and dots against what was acknowledged. Also checks that no event carried a ballot.
"""

import argparse
import random
import tempfile
import threading
import time
from pathlib import Path

from bench.common import Api, LiveServer, connect_clients, disconnect_all, percentiles, seed

WAIT = 15  # seconds a client may take to see the final count before it counts as missed


def _prepare(database: Path, people: int):
    return seed(database, partners=people)


def _cast(client, board_id: int, vote_id: int, options: list[int], delay: float, out: dict):
    time.sleep(delay)
    allocations = {str(random.choice(options)): 2, str(random.choice(options)): 1}
    if len(allocations) == 1:
        allocations = {next(iter(allocations)): 3}
    sent = time.perf_counter()
    ack = client.op(board_id, "vote.cast", vote_id=vote_id, allocations=allocations)
    out[id(client)] = (sent, time.perf_counter(), ack.get("ok"), sum(allocations.values()))


def run(people: int, spread: float) -> None:
    """Seed, start the server, burst the ballots, and print the numbers."""
    with tempfile.TemporaryDirectory() as folder:
        server = LiveServer(Path(folder) / "votes.db")
        with server.prepared(lambda: _prepare(server.database, people)) as seeded:
            owner = Api(server.url, seeded.owner_token)
            board = seeded.board_id
            options = [
                owner.post(
                    f"/boards/{board}/markers",
                    json={"kind": "gap", "title": f"Gat {n}", "phase_id": seeded.phases[n]},
                ).json()["id"]
                for n in range(4)
            ]
            vote = owner.post(
                f"/boards/{board}/votes",
                json={
                    "question": "Wat eerst?",
                    "ref_type": "marker",
                    "ref_ids": options,
                    "budget": 3,
                    "anonymous": True,
                },
            ).json()
            clients = connect_clients(server.url, seeded.partner_tokens, board)
            for client in clients:
                client.forget()
            casts: dict = {}
            threads = [
                threading.Thread(
                    target=_cast,
                    args=(c, board, vote["id"], options, random.uniform(0, spread), casts),
                )
                for c in clients
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            last_sent = max(sent for sent, _done, _ok, _dots in casts.values())
            last_done = max(done for _sent, done, _ok, _dots in casts.values())
            seen, missed = [], 0
            for client in clients:
                arrived = client.wait_for(
                    lambda e: e["type"] == "vote.updated" and e["data"].get("voters") == people,
                    timeout=WAIT,
                )
                if arrived is None:
                    missed += 1
                else:
                    seen.append(arrived[0])
            leaked = sum(
                1
                for client in clients
                for _at, event in client.events
                if set(event["data"]) - {"id", "status", "revealed", "voters", "meeting_id"}
            )
            disconnect_all(clients)
            closed = owner.post(f"/boards/{board}/votes/{vote['id']}/close").json()
            acknowledged = [c for c in casts.values() if c[2]]
            dots = sum(row["dots"] for row in closed["results"])
            lost = len(acknowledged) - closed["voters"]
            writes = percentiles([(done - sent) * 1000 for sent, done, _ok, _d in casts.values()])
            print(
                f"people: {people}, ballots within {spread:.1f} s; "
                f"acknowledged: {len(acknowledged)}"
            )
            print(f"ballot write (ack) ms: {writes}")
            if seen:
                print(
                    f"last ballot sent -> every client saw {people} voters: "
                    f"{(max(seen) - last_sent) * 1000:.0f} ms "
                    f"(from its ack: {(max(seen) - last_done) * 1000:.0f} ms)"
                )
            print(f"clients that never saw the final count: {missed}")
            print(
                f"ballots lost: {lost}; dots counted {dots} of "
                f"{sum(c[3] for c in acknowledged)} acknowledged"
            )
            print(f"events carrying more than the vote's standing: {leaked}")


def main(argv: list[str] | None = None) -> None:
    """Run the burst with the command line's (or argv's) settings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=30)
    parser.add_argument("--spread", type=float, default=2.0)
    args = parser.parse_args(argv)
    run(args.people, args.spread)


if __name__ == "__main__":
    main()
