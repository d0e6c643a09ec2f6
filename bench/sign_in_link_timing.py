"""Does `POST /login/link` take as long for an address with an account as for one without? The
request only queues the address (app/auth/link_requests.py); the lookup, the link and the mail
happen after the answer. For comparison it also times the work itself (what the request did
before: a link row and a rendered mail for a known address, nothing for an unknown one).

python -m bench sign_in_link_timing [--requests 200]
"""

import argparse
import tempfile
import time

from app import create_app
from app.auth.services import create_user, send_sign_in_link
from app.config import TestConfig
from app.extensions import db
from bench.common import percentiles

KNOWN, UNKNOWN = "partner@bench.nl", "onbekend@bench.n"  # one length: the same page size


def _ms(samples: list[float]) -> str:
    p = percentiles([s * 1000 for s in samples])
    return " / ".join(f"{p[k]:.2f}" for k in ("p50", "p95")) + " ms (p50/p95)"


def main(argv: list[str] | None = None) -> None:
    """Print the answer times for a known and an unknown address, and the work's own times."""
    args = argparse.ArgumentParser()
    args.add_argument("--requests", type=int, default=200)
    options = args.parse_args(argv)
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tempfile.mkdtemp()}/b.db")
    answers: dict[str, list[float]] = {KNOWN: [], UNKNOWN: []}
    work: dict[str, list[float]] = {KNOWN: [], UNKNOWN: []}
    with app.app_context():
        db.create_all()
        create_user(KNOWN, "Partner", "bench-wachtwoord-1")
        for n in range(options.requests * 2):
            email = (KNOWN, UNKNOWN)[n % 2]  # interleaved: drift of the host hits both alike
            with app.app_context():
                client = app.test_client()
                start = time.perf_counter()
                client.post("/login/link", data={"email": email})
                answers[email].append(time.perf_counter() - start)
            time.sleep(0.02)  # let the worker finish: measure the answer, not a busy neighbour
            with app.test_request_context("/login/link", method="POST"):
                start = time.perf_counter()
                send_sign_in_link(email, "nl")
                work[email].append(time.perf_counter() - start)
    for email, label in ((KNOWN, "known  "), (UNKNOWN, "unknown")):
        print(f"POST /login/link, {label} address: {_ms(answers[email])}")
    for email, label in ((KNOWN, "known  "), (UNKNOWN, "unknown")):
        print(f"the work off the request, {label}: {_ms(work[email])}")
    gap = percentiles(answers[KNOWN])["p50"] - percentiles(answers[UNKNOWN])["p50"]
    print(f"answer p50 difference known - unknown: {gap * 1000:+.2f} ms")


if __name__ == "__main__":
    main()
