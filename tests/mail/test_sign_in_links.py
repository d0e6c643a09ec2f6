"""Sign-in links over a real SMTP server: `POST /login/link` answers the same for any address; a
known one gets a link that a GET (a mail scanner) does not use up, that signs in once and expires
after 15 minutes; requests are rate-limited per address and per client."""

from datetime import timedelta

import pytest

from app import create_app
from app.config import TestConfig
from app.extensions import db
from app.models import AuditEntry, SignInLink
from app.models._types import utcnow
from tests.plugin import wait_for


def _ask(client, email: str, **headers):
    return client.post("/login/link", data={"email": email}, headers=headers)


def _path(message) -> str:
    text = message.get_body(("plain",)).get_content()
    url = next(line for line in text.splitlines() if "/login/link/" in line).strip()
    return url.split("localhost", 1)[1]


def test_the_answer_is_the_same_for_known_and_unknown_addresses(smtp, client, create_user):
    known = create_user(email="partner@testdorp.nl")
    answers = [_ask(client, known.email), _ask(client, "onbekend@testdorp.nl")]
    assert [a.status_code for a in answers] == [200, 200]
    texts = [
        a.get_data(as_text=True).replace(e, "")
        for a, e in zip(answers, [known.email, "onbekend@testdorp.nl"], strict=True)
    ]
    assert texts[0] == texts[1]
    assert wait_for(lambda: smtp.messages, 10)
    assert [m["To"] for m in smtp.messages] == [known.email]


def test_the_link_signs_in_once_and_a_get_does_not_use_it(smtp, app, create_user):
    known = create_user(email="coop@testdorp.nl")
    visitor = app.test_client()
    _ask(visitor, known.email)
    assert wait_for(lambda: smtp.messages, 10)
    path = _path(smtp.messages[0])
    scanner = app.test_client()
    for _ in range(3):  # a mail scanner fetches the link, more than once
        page = scanner.get(path)
        assert page.status_code == 200 and "Inloggen" in page.get_data(as_text=True)
    assert scanner.get("/").status_code == 302  # the scanner is not signed in
    signed_in = visitor.post(path)
    assert signed_in.status_code == 302
    assert visitor.get("/").status_code == 200
    used = app.test_client().post(path)
    assert used.status_code == 410 and "al gebruikt" in used.get_data(as_text=True)
    assert app.test_client().get(path).status_code == 410
    db.session.rollback()
    entry = db.session.execute(
        db.select(AuditEntry).filter_by(action="login.succeeded")
    ).scalar_one()
    assert (entry.actor, entry.subject) == (known.email, "link")


def test_an_expired_link_signs_nobody_in(smtp, app, create_user):
    known = create_user(email="laat@testdorp.nl")
    client = app.test_client()
    _ask(client, known.email)
    assert wait_for(lambda: smtp.messages, 10)
    db.session.execute(db.update(SignInLink).values(expires_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    path = _path(smtp.messages[0])
    assert client.get(path).status_code == 410
    refused = client.post(path)
    assert refused.status_code == 410 and "verlopen" in refused.get_data(as_text=True)
    assert client.get("/").status_code == 302
    assert app.test_client().get("/login/link/verzonnen").status_code == 404


def test_bad_addresses_get_a_clear_error(client):
    for bad in ("", "geen-adres", "a@b.nl\r\nBcc: c@d.nl", "<b>x</b>@y.nl"):
        page = _ask(client, bad)
        text = page.get_data(as_text=True)
        assert page.status_code == 422 and "één gewoon e-mailadres" in text
        assert "<b>x</b>" not in text


@pytest.fixture
def limited_app(tmp_path):
    """An app with its rate limits on (the test config turns them off)."""
    app = create_app(
        TestConfig,
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/r.db",
        RATELIMIT_ENABLED=True,
        SIGN_IN_LINK_RATE_LIMIT="3 per minute",
    )
    with app.app_context():
        db.create_all()
        yield app
        db.session.remove()
        db.engine.dispose()


def test_requests_are_rate_limited_per_address_and_per_client(limited_app):
    client = limited_app.test_client()
    codes = [_ask(client, "veel@testdorp.nl").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert "Te veel pogingen" in _ask(client, "ander@testdorp.nl").get_data(as_text=True)
    # Another client asking for the same address is limited too (per address, not only per IP).
    elsewhere = limited_app.test_client().post(
        "/login/link",
        data={"email": "veel@testdorp.nl"},
        environ_base={"REMOTE_ADDR": "10.0.0.9"},
    )
    assert elsewhere.status_code == 429
    fresh = limited_app.test_client().post(
        "/login/link", data={"email": "nieuw@testdorp.nl"}, environ_base={"REMOTE_ADDR": "10.0.0.8"}
    )
    assert fresh.status_code == 200
