"""Sessions and requests: CSRF, API tokens, socket origin, headers, cookies, logout, rate limits."""

import re
import sqlite3
import time

import pytest
import werkzeug.security
from flask_socketio import SocketIOTestClient

import app.models.user as user_model
from app import create_app
from app.auth import services as auth_services
from app.config import TestConfig
from app.errors import ValidationFailed
from app.extensions import db, socketio
from tests.plugin import PASSWORD
from tests.security.matrix import concrete_paths
from tests.security.test_access_matrix import FORMS

MUTATING = {"POST", "PUT", "PATCH", "DELETE"}
CSRF_VALUE = re.compile(r"[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{20,}")


def _client(app, world, role: str | None):
    client = app.test_client()
    if role:
        client.set_cookie("session", world.cookies[role])
    return client


def _call(app, client, method: str, path: str, **kwargs):
    with app.app_context():  # a fresh `g` per request, as on a server
        return client.open(path, method=method, **kwargs)


def _csrf_token(app, client, path: str) -> str:
    page = _call(app, client, "GET", path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


# A mail program's one-click unsubscribe (RFC 8058) posts without a page, so without a token; the
# signed token in the path is the credential, and it can only turn that person's mail off.
CSRF_EXEMPT = {"notify.unsubscribe"}


@pytest.fixture
def csrf_on(app, world):  # the world signs in first, with CSRF still off
    app.config["WTF_CSRF_ENABLED"] = True
    yield app
    app.config["WTF_CSRF_ENABLED"] = False


def test_every_html_mutation_refuses_a_post_without_csrf_token(csrf_on, world, snapshot):
    app, base, checked = csrf_on, snapshot(), 0
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/") or not rule.methods & MUTATING:
            continue
        if rule.endpoint in CSRF_EXEMPT:
            continue
        for method in sorted(rule.methods & MUTATING):
            form = FORMS.get(rule.endpoint, lambda w: {})(world)
            for path in concrete_paths(rule.rule, world, "coordinator"):
                response = _call(app, _client(app, world, "coordinator"), method, path, data=form)
                checked += 1
                assert response.status_code == 400, f"{method} {path}: {response.status_code}"
                assert snapshot() == base, f"{method} {path} changed the board"
    assert checked >= 10


def test_csrf_token_lasts_the_whole_session_and_works_as_htmx_header(csrf_on, world, monkeypatch):
    app = csrf_on
    assert app.config["WTF_CSRF_TIME_LIMIT"] is None
    client = _client(app, world, "coordinator")
    token = _csrf_token(app, client, f"/boards/{world.board_id}/settings")
    later = time.time() + 12 * 3600  # a meeting day later
    monkeypatch.setattr(time, "time", lambda: later)
    response = _call(
        app,
        client,
        "POST",
        f"/boards/{world.board_id}/rename",
        data={"name": "Na de lunch", "csrf_token": token},
    )
    assert response.status_code in (200, 302, 303)
    response = _call(
        app,
        client,
        "POST",
        f"/boards/{world.board_id}/rename",
        data={"name": "Via htmx"},
        headers={"X-CSRFToken": token, "HX-Request": "true"},
    )
    assert response.status_code == 200
    assert world.seq() >= 2


def test_api_needs_csrf_only_for_browser_sessions(csrf_on, world):
    app = csrf_on
    path = f"/api/v1/boards/{world.board_id}/lanes"
    bearer = app.test_client()
    response = _call(
        app,
        bearer,
        "POST",
        path,
        json={"name": "Met token"},
        headers={"Authorization": f"Bearer {world.tokens['coordinator']}"},
    )
    assert response.status_code == 201
    session = _client(app, world, "coordinator")
    refused = _call(app, session, "POST", path, json={"name": "Zonder header"})
    assert refused.status_code == 400
    assert refused.get_json()["error"]["code"] == "csrf"
    token = _csrf_token(app, session, f"/boards/{world.board_id}/settings")
    allowed = _call(
        app, session, "POST", path, json={"name": "Met header"}, headers={"X-CSRFToken": token}
    )
    assert allowed.status_code == 201


def test_api_tokens_are_hashed_listed_per_user_and_revocable(app, world, api):
    client = app.test_client()
    raw = _call(
        app,
        client,
        "POST",
        "/api/v1/tokens",
        json={"email": world.emails["partner"], "password": PASSWORD, "label": "laptop"},
    ).get_json()["token"]
    db.session.remove()
    db.engine.dispose()
    with sqlite3.connect(world.db_path) as conn:
        dump = "\n".join(conn.iterdump())
    assert raw not in dump and world.tokens["partner"] not in dump
    auth = {"Authorization": f"Bearer {raw}"}
    listed = _call(app, client, "GET", "/api/v1/tokens", headers=auth).get_json()["tokens"]
    assert {t["label"] for t in listed} == {"matrix", "laptop"}
    assert all(
        set(t) == {"id", "label", "created_at", "last_used_at", "revoked_at"} for t in listed
    )
    laptop = next(t["id"] for t in listed if t["label"] == "laptop")
    other = {"Authorization": f"Bearer {world.tokens['coordinator']}"}
    assert (
        _call(app, client, "DELETE", f"/api/v1/tokens/{laptop}", headers=other).status_code == 404
    )
    assert _call(app, client, "DELETE", f"/api/v1/tokens/{laptop}", headers=auth).status_code == 204
    assert _call(app, client, "GET", "/api/v1/boards", headers=auth).status_code == 401
    still = {"Authorization": f"Bearer {world.tokens['partner']}"}
    assert _call(app, client, "GET", "/api/v1/boards", headers=still).status_code == 200


def test_socket_connections_from_a_foreign_origin_are_refused(app):
    client = app.test_client()
    handshake = "/socket.io/?EIO=4&transport=polling"
    foreign = client.get(handshake, headers={"Origin": "https://evil.example"})
    assert foreign.status_code == 400
    same = client.get(handshake, headers={"Origin": "http://localhost"})
    assert same.status_code == 200 and b"sid" in same.data


def _assert_security_headers(response, where: str) -> None:
    csp = response.headers.get("Content-Security-Policy", "")
    directives = dict((part.strip().split(" ", 1) + [""])[:2] for part in csp.split(";"))
    assert "script-src" in directives, where
    assert "'unsafe-inline'" not in directives["script-src"], where
    assert "'unsafe-eval'" not in directives["script-src"], where
    assert directives.get("frame-ancestors") == "'none'", where
    assert response.headers.get("X-Content-Type-Options") == "nosniff", where
    assert response.headers.get("Referrer-Policy"), where


def test_every_response_carries_the_security_headers(app, world):
    paths = [
        "/login",
        "/nope",
        "/api/v1/nope",
        "/api/v1/boards",
        "/static/nope.css",
        f"/s/{world.share_tokens['revoked']}",
        f"/s/{world.share_tokens['share']}",
    ]
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and "<token>" not in rule.rule:
            paths += concrete_paths(rule.rule, world, "coordinator")
    for path in paths:
        role = None if path.startswith("/s/") else "coordinator"
        if path.startswith("/api/"):
            response = _call(
                app,
                app.test_client(),
                "GET",
                path,
                headers={"Authorization": f"Bearer {world.tokens['coordinator']}"},
            )
        else:
            response = _call(app, _client(app, world, role), "GET", path)
        _assert_security_headers(response, path)
    _assert_security_headers(_call(app, app.test_client(), "DELETE", "/login"), "405")


@pytest.mark.parametrize("secure", [False, True])
def test_session_cookie_is_httponly_lax_and_secure_behind_tls(tmp_path, create_user, secure):
    assert TestConfig.REMEMBER_COOKIE_SECURE == TestConfig.SESSION_COOKIE_SECURE  # one setting
    app = create_app(
        TestConfig,
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/c.db",
        SESSION_COOKIE_SECURE=secure,
        REMEMBER_COOKIE_SECURE=secure,
    )
    with app.app_context():
        db.create_all()
        user = auth_services.create_user("cookie@example.nl", "Koekje", PASSWORD)
        client = app.test_client()
        response = client.post(
            "/login",
            data={"email": user.email, "password": PASSWORD, "remember": "1"},
            base_url="https://localhost" if secure else "http://localhost",
        )
        cookies = {h.split("=", 1)[0]: h for h in response.headers.getlist("Set-Cookie")}
        assert {"session", "remember_token"} <= set(cookies)
        for name in ("session", "remember_token"):
            assert "HttpOnly" in cookies[name] and "SameSite=Lax" in cookies[name], name
            assert ("Secure" in cookies[name]) is secure, name
        assert ("Strict-Transport-Security" in response.headers) is secure
        token = app.test_client().post(
            "/api/v1/tokens", json={"email": user.email, "password": PASSWORD}
        )
        assert token.status_code == 201 and token.headers["Cache-Control"] == "no-store"
        db.session.remove()
        db.engine.dispose()


def _session_socket(app, world, role: str):
    flask_client = _client(app, world, role)
    with app.app_context():
        sock = SocketIOTestClient(app, socketio, flask_test_client=flask_client)
        assert sock.is_connected()
        assert sock.emit("join", {"board_id": world.board_id}, callback=True)["ok"]
    return flask_client, sock


def test_logout_ends_the_session_everywhere_and_cuts_its_sockets(app, world, sio):
    browser, sock = _session_socket(app, world, "partner")
    api_sock = sio(token=world.tokens["partner"])
    assert api_sock.is_connected()
    other_browser = _client(app, world, "partner")  # a second tab / device
    assert _call(app, browser, "POST", "/logout").status_code in (302, 303)
    assert not sock.is_connected()
    assert not api_sock.is_connected()
    page = _call(app, other_browser, "GET", f"/boards/{world.board_id}")
    assert page.status_code in (302, 303) and "/login" in page.headers["Location"]


def test_removing_a_member_cuts_their_live_connection(app, world, sio):
    _browser, sock = _session_socket(app, world, "partner")
    viewer = sio(token=world.tokens["viewer"])
    assert viewer.join(world.board_id)["ok"]
    partner_id = db.session.execute(
        db.text("SELECT id FROM users WHERE email = :e"), {"e": world.emails["partner"]}
    ).scalar_one()
    response = _call(
        app,
        app.test_client(),
        "DELETE",
        f"/api/v1/boards/{world.board_id}/members/{partner_id}",
        headers={"Authorization": f"Bearer {world.tokens['coordinator']}"},
    )
    assert response.status_code == 204
    assert not sock.is_connected()
    assert viewer.is_connected()


@pytest.fixture
def limited_app(tmp_path):
    app = create_app(
        TestConfig,
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/r.db",
        RATELIMIT_ENABLED=True,
        LOGIN_RATE_LIMIT="3 per minute",
    )
    with app.app_context():
        db.create_all()
        auth_services.create_user("echt@example.nl", "Echt", PASSWORD)
        yield app
        db.session.remove()
        db.engine.dispose()


def test_login_is_rate_limited_with_a_dutch_message(limited_app):
    client = limited_app.test_client()
    wrong = {"email": "echt@example.nl", "password": "fout-wachtwoord"}
    answers = [_call(limited_app, client, "POST", "/login", data=wrong) for _ in range(4)]
    assert [a.status_code for a in answers] == [401, 401, 401, 429]
    assert "Te veel pogingen" in answers[-1].get_data(as_text=True)
    # Another address trying the same account is limited too (per account, not only per IP).
    other = _call(
        limited_app,
        limited_app.test_client(),
        "POST",
        "/login",
        data={"email": "echt@example.nl", "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "10.0.0.9"},
    )
    assert other.status_code == 429


def test_token_endpoint_is_rate_limited_with_the_json_envelope(limited_app):
    client = limited_app.test_client()
    wrong = [{"email": f"iemand{i}@example.nl", "password": "fout-wachtwoord"} for i in range(4)]
    answers = [_call(limited_app, client, "POST", "/api/v1/tokens", json=body) for body in wrong]
    assert [a.status_code for a in answers] == [401, 401, 401, 429]
    assert answers[-1].get_json()["error"]["code"] == "rate_limited"
    assert answers[-1].headers.get("Retry-After")


def test_no_user_enumeration(app, world, monkeypatch):
    """Unknown e-mail and wrong password: same answer, and both check one password hash."""
    checked: list[str] = []
    real = werkzeug.security.check_password_hash

    def counting(pwhash, password):
        checked.append(pwhash.split("$", 1)[0])
        return real(pwhash, password)

    monkeypatch.setattr(werkzeug.security, "check_password_hash", counting)
    monkeypatch.setattr(user_model, "check_password_hash", counting)
    monkeypatch.setattr(auth_services, "check_password_hash", counting)
    answers = {}
    for email in ("niemand@example.nl", world.emails["viewer"]):
        for path, kwargs in (
            ("/login", {"data": {"email": email, "password": "fout-fout-fout"}}),
            ("/api/v1/tokens", {"json": {"email": email, "password": "fout-fout-fout"}}),
        ):
            response = _call(app, app.test_client(), "POST", path, **kwargs)
            # Each new visitor gets its own CSRF token; everything else must be the same.
            body = CSRF_VALUE.sub("TOKEN", response.get_data(as_text=True).replace(email, "EMAIL"))
            answers.setdefault(path, set()).add((response.status_code, body))
    assert all(len(bodies) == 1 for bodies in answers.values()), answers
    assert len(checked) == 4 and len(set(checked)) == 1, checked


@pytest.mark.parametrize(
    ("password", "ok"),
    [("kort-9tek", False), ("aaaaaaaaaaaa", False), ("abababababab", False), ("tien-tekens", True)],
)
def test_password_rules(app, password, ok):
    with app.test_request_context():
        _check_password(password, ok)


def _check_password(password: str, ok: bool) -> None:
    if ok:
        auth_services.create_user(f"pw{len(password)}@example.nl", "Wachtwoord", password)
    else:
        with pytest.raises(ValidationFailed):
            auth_services.create_user("pw@example.nl", "Wachtwoord", password)
