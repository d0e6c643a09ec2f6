"""Single sign-on against a real OpenID Connect provider (oidc-provider on loopback): the button on
/login, the code flow with PKCE, state and nonce, an account made once by verified e-mail, and
every refusal — on the login page with a clear message, 400 or 403, nobody signed in, audited."""

import logging
import re
import socket
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import pytest

from app.extensions import db
from app.models import AuditEntry, User


def _start(client, next_path: str | None = None) -> str:
    """Press the SSO button; return the provider's authorization URL the app sent us to."""
    answer = client.get("/login/oidc", query_string={"next": next_path} if next_path else None)
    assert answer.status_code == 302, answer.get_data(as_text=True)
    return answer.location


def _with_param(url: str, name: str, value: str) -> str:
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    query[name] = [value]
    return urlunsplit(parts._replace(query=urlencode(query, doseq=True)))


def _signed_in(client) -> bool:
    return client.get("/").status_code == 200


def _audit(action: str) -> list[tuple[str | None, str | None]]:
    db.session.rollback()  # see what the requests committed
    rows = db.session.execute(
        db.select(AuditEntry).filter_by(action=action).order_by(AuditEntry.id)
    )
    return [(row.actor, row.subject) for row in rows.scalars()]


def _users(email: str) -> list[User]:
    db.session.rollback()
    return list(db.session.execute(db.select(User).filter_by(email=email)).scalars())


def test_login_shows_the_button_beside_the_password_form(sso, client):
    page = client.get("/login").get_data(as_text=True)
    assert "Inloggen met je organisatie-account" in page
    password_form = re.search(
        r"<form[^>]*>(?:(?!</form>).)*name=\"password\".*?</form>", page, re.S
    )
    assert "/login/oidc" in page and "/login/oidc" not in password_form.group(0)


def test_the_label_is_configurable(sso, app, client):
    app.config["OIDC_LABEL"] = "Inloggen met je Testdorp-account"
    assert "Inloggen met je Testdorp-account" in client.get("/login").get_data(as_text=True)


def test_the_request_carries_pkce_state_and_nonce(sso, client):
    query = parse_qs(urlsplit(_start(client)).query)
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"][0]
    assert query["state"][0] and query["nonce"][0]
    assert query["redirect_uri"] == ["http://localhost/login/oidc/callback"]
    assert set(query["scope"][0].split()) == {"openid", "email", "profile"}


def test_first_sign_in_creates_the_account_and_the_second_reuses_it(sso, app):
    for _ in range(2):
        client = app.test_client()
        back = sso.sign_in(_start(client), "anna@testdorp.nl")
        answer = client.get(back)
        assert answer.status_code == 302 and answer.location == "/"
        assert _signed_in(client)
    [user] = _users("anna@testdorp.nl")
    assert user.password_hash is None and user.name == "anna"
    assert _audit("login.succeeded") == [("anna@testdorp.nl", "oidc")] * 2


def test_email_from_the_id_token_itself(app, oidc_provider_id_token):
    app.config.update(oidc_provider_id_token.settings())
    client = app.test_client()
    assert (
        client.get(oidc_provider_id_token.sign_in(_start(client), "bram@testdorp.nl")).status_code
        == 302
    )
    assert _signed_in(client) and _users("bram@testdorp.nl")


def test_entra_ids_domain_verified_claim_counts_as_verified(sso, app):
    """Entra ID sends no `email_verified`; its optional claim `xms_edov` says the domain's owner
    verified the address."""
    client = app.test_client()
    assert (
        client.get(sso.sign_in(_start(client), "entra.medewerker@testdorp.nl")).status_code == 302
    )
    assert _signed_in(client)


def test_an_existing_password_account_signs_in_by_its_address(sso, app, create_user, web):
    person = create_user(email="coop@testdorp.nl")
    client = app.test_client()
    client.get(sso.sign_in(_start(client), "Coop@Testdorp.nl"))
    assert _signed_in(client)
    assert [u.id for u in _users("coop@testdorp.nl")] == [person.id]
    assert _signed_in(web(person))  # the password keeps working beside SSO


def test_sign_in_through_an_invite_next_path_keeps_it(sso, app):
    client = app.test_client()
    answer = client.get(sso.sign_in(_start(client, "/boards?x=1"), "dirk@testdorp.nl"))
    assert answer.location == "/boards?x=1"
    evil = app.test_client()
    answer = evil.get(sso.sign_in(_start(evil, "https://evil.example/"), "dirk@testdorp.nl"))
    assert answer.location == "/"  # only local redirects


def test_an_sso_account_has_no_password_to_sign_in_with(sso, app):
    client = app.test_client()
    client.get(sso.sign_in(_start(client), "eva@testdorp.nl"))
    for password in ("", "wat-dan-ook-123", "!"):
        page = app.test_client().post(
            "/login", data={"email": "eva@testdorp.nl", "password": password}
        )
        assert page.status_code == 401
        assert "E-mailadres of wachtwoord klopt niet." in page.get_data(as_text=True)
    token = app.test_client().post(
        "/api/v1/tokens", json={"email": "eva@testdorp.nl", "password": "x" * 12}
    )
    assert token.status_code == 401 and token.get_json()["error"]["code"] == "unauthorized"


def _refused(client, answer, status: int, message: str) -> None:
    """The login page with the message, the status, nobody signed in."""
    page = answer.get_data(as_text=True)
    assert answer.status_code == status, page[:2000]
    assert message in page and 'role="alert"' in page
    assert 'name="password"' in page  # the login page, to try another way
    assert not _signed_in(client)


def test_a_tampered_state_is_refused(sso, app):
    client = app.test_client()
    back = sso.sign_in(_start(client), "frank@testdorp.nl")
    _refused(
        client,
        client.get(_with_param(back, "state", "vervalst")),
        400,
        "Deze inlogpoging is verlopen",
    )
    assert not _users("frank@testdorp.nl")
    assert _audit("login.failed") == [(None, "oidc")]


def test_a_callback_used_twice_is_refused_the_second_time(sso, app):
    client = app.test_client()
    back = sso.sign_in(_start(client), "gert@testdorp.nl")
    assert client.get(back).status_code == 302
    client.post("/logout")
    _refused(client, client.get(back), 400, "Deze inlogpoging is verlopen")


def test_a_wrong_nonce_is_refused(sso, app):
    client = app.test_client()
    # The provider puts the nonce it was given in the ID token: not the one this session holds.
    authorize = _with_param(_start(client), "nonce", "een-andere-nonce")
    _refused(client, client.get(sso.sign_in(authorize, "hans@testdorp.nl")), 400, "klopt niet")
    assert not _users("hans@testdorp.nl")


@pytest.mark.parametrize(
    ("login", "message"),
    [
        ("expired@testdorp.nl", "is verlopen. Probeer het opnieuw"),  # signed right, expired
        ("forged@testdorp.nl", "klopt niet"),  # signed with a key the provider never published
    ],
)
def test_a_bad_id_token_is_refused(sso, app, login, message):
    client = app.test_client()
    _refused(client, client.get(sso.sign_in(_start(client), login)), 400, message)
    assert not _users(login)
    assert _audit("login.failed") == [(None, "oidc")]


def test_an_unverified_email_is_refused(sso, app):
    client = app.test_client()
    back = sso.sign_in(_start(client), "unverified@testdorp.nl")
    _refused(client, client.get(back), 403, "niet bevestigd")
    assert not _users("unverified@testdorp.nl")
    assert _audit("login.failed") == [("unverified@testdorp.nl", "oidc")]


def test_access_denied_at_the_provider_is_refused(sso, app):
    client = app.test_client()
    back = sso.cancel(_start(client))
    assert parse_qs(urlsplit(back).query)["error"] == ["access_denied"]
    _refused(client, client.get(back), 403, "geweigerd of je hebt het afgebroken")


def test_allowed_domains_limit_who_may_create_an_account(sso, app, create_user):
    app.config["OIDC_ALLOWED_DOMAINS"] = "testdorp.nl, @gemeente-testdorp.nl"
    inside = app.test_client()
    inside.get(sso.sign_in(_start(inside), "ina@gemeente-testdorp.nl"))
    assert _signed_in(inside)
    outside = app.test_client()
    _refused(outside, outside.get(sso.sign_in(_start(outside), "olaf@elders.nl")), 403, "elders.nl")
    assert not _users("olaf@elders.nl")
    assert _audit("login.failed") == [("olaf@elders.nl", "oidc")]
    create_user(email="partner@elders.nl")  # invited before: the limit is on creating accounts
    invited = app.test_client()
    invited.get(sso.sign_in(_start(invited), "partner@elders.nl"))
    assert _signed_in(invited)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("issuer", ["closed-port", "other-issuer"])
def test_no_button_when_discovery_fails(app, client, caplog, oidc_provider, issuer):
    """A provider that does not answer, or whose document names another issuer: no button, the
    log says why, the page renders, and the SSO routes refuse cleanly."""
    url = (
        f"http://127.0.0.1:{_closed_port()}"
        if issuer == "closed-port"
        else oidc_provider.issuer.replace("127.0.0.1", "localhost")
    )
    app.config.update(oidc_provider.settings(OIDC_ISSUER=url))
    with caplog.at_level(logging.WARNING):
        page = client.get("/login")
    assert page.status_code == 200 and 'name="password"' in page.get_data(as_text=True)
    assert "/login/oidc" not in page.get_data(as_text=True)
    assert any("SSO off" in record.getMessage() for record in caplog.records)
    answer = client.get("/login/oidc")
    assert answer.status_code == 400 and "kan nu niet" in answer.get_data(as_text=True)
    assert client.get("/login/oidc/callback?code=x&state=y").status_code == 400


def test_without_settings_there_is_no_button(client):
    page = client.get("/login").get_data(as_text=True)
    assert "/login/oidc" not in page and "organisatie-account" not in page
