"""`POST /login/link` tells nobody who has an account: a known and an unknown address get the same
answer — status, body and headers, apart from per-visitor nonces — because the request does the
same for both (queue the address) and the lookup and the mail happen off the request. How long
the two take is measured by bench/sign_in_link_timing.py, not asserted here."""

import re

from app.extensions import db
from app.models import OutgoingMail, SignInLink
from tests.plugin import wait_for

# Per-visitor values: a CSRF token (body), a session cookie, a CSP nonce (headers).
NONCES = [
    re.compile(r"[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{20,}"),
    re.compile(r"(session=)[^;]+"),
    re.compile(r"(nonce-)[A-Za-z0-9+/=_-]+"),
]


def _same_apart_from_nonces(text: str) -> str:
    for pattern in NONCES:
        text = pattern.sub(lambda m: (m.group(1) if m.groups() else "") + "NONCE", text)
    return text


def _answer(app, email: str) -> tuple:
    with (
        app.app_context()
    ):  # its own `g`, as each request on a server (the CSRF token is kept there)
        response = app.test_client().post("/login/link", data={"email": email})
    body = response.get_data(as_text=True).replace(email, "EMAIL")
    headers = sorted(
        (name, _same_apart_from_nonces(value))
        for name, value in response.headers.items()
        if name != "Date"
    )
    return response.status_code, _same_apart_from_nonces(body), headers


def test_known_and_unknown_addresses_get_identical_answers(app, create_user):
    known = create_user(email="partner@testdorp.nl")
    # Addresses of one length: the page repeats the address, so Content-Length may compare too.
    answers = [_answer(app, known.email), _answer(app, "onbekend@testdorp.n")]
    assert answers[0][0] == 200
    assert answers[0] == answers[1]

    # The work happened after the answer, for the known address only.
    def mailed() -> bool:
        # A fresh read each time: on SQLite (WAL) one transaction keeps the snapshot of its
        # first read and would never see the worker's commit.
        db.session.rollback()
        return bool(db.session.execute(db.select(OutgoingMail.recipient)).all())

    assert wait_for(mailed, 10)
    assert db.session.execute(db.select(OutgoingMail.recipient)).scalars().all() == [known.email]
    assert db.session.execute(db.select(SignInLink.user_id)).scalars().all() == [known.id]
