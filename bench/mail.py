"""How long an invitation by e-mail takes: the request (it writes the outbox, never waits for
SMTP) and the time from its answer to the mail's arrival at a real SMTP server on loopback;
and what the audit row adds to a sign-in.

python -m bench mail [--invitations 30]
"""

import argparse
import tempfile
import time
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller

from app import create_app
from app.auth.services import create_user, issue_token
from app.boards.services import create_board
from app.config import TestConfig
from app.extensions import db
from app.permissions import Actor
from bench.common import free_port, percentiles

PASSWORD = "correct-horse-battery"


class _Inbox:
    def __init__(self):
        self.arrived: dict[str, float] = {}

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.arrived[str(message["To"])] = time.perf_counter()
        return "250 OK"


def _ms(samples: list[float]) -> str:
    p = percentiles([s * 1000 for s in samples])
    return " / ".join(f"{p[k]:.1f}" for k in ("p50", "p95", "p99")) + " ms (p50/p95/p99)"


def main(argv: list[str] | None = None) -> None:
    """Print request and delivery latencies for invitations, and sign-in times."""
    args = argparse.ArgumentParser()
    args.add_argument("--invitations", type=int, default=30)
    options = args.parse_args(argv)
    inbox, port = _Inbox(), free_port()
    smtp = Controller(inbox, hostname="127.0.0.1", port=port)
    smtp.start()
    folder = tempfile.mkdtemp()
    app = create_app(
        TestConfig,
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{folder}/bench.db",
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=port,
    )
    try:
        with app.app_context():
            db.create_all()
            owner = create_user("regie@bench.nl", "Regie", PASSWORD)
            board = create_board(Actor(user=owner), "Bench")
            token = issue_token(owner)
            client = app.test_client()
            headers = {"Authorization": f"Bearer {token}"}
            answered, requests = {}, []
            for n in range(options.invitations):
                email = f"partner{n}@bench.nl"
                start = time.perf_counter()
                client.post(
                    f"/api/v1/boards/{board.id}/invitations",
                    json={"role": "partner", "email": email},
                    headers=headers,
                )
                answered[email] = time.perf_counter()
                requests.append(answered[email] - start)
            deadline = time.monotonic() + 30
            while len(inbox.arrived) < len(answered) and time.monotonic() < deadline:
                time.sleep(0.01)
            delivery = [inbox.arrived[e] - answered[e] for e in answered if e in inbox.arrived]
            logins = []
            for _ in range(options.invitations):
                start = time.perf_counter()
                app.test_client().post("/login", data={"email": owner.email, "password": PASSWORD})
                logins.append(time.perf_counter() - start)
        print(f"invitation request (writes outbox + audit): {_ms(requests)}")
        print(
            f"answer -> mail at the SMTP server: {_ms(delivery)}; "
            f"{len(delivery)}/{len(answered)} arrived"
        )
        print(f"password sign-in incl. its audit row (test hash): {_ms(logins)}")
    finally:
        smtp.stop()


if __name__ == "__main__":
    main()
