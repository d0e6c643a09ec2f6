"""The health check tells a proxy whether this process can serve."""

import pytest
from flask import request

from app import create_app
from app.config import TestConfig


def test_healthy_with_a_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_unavailable_when_the_database_cannot_be_reached(tmp_path):
    app = create_app(
        TestConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/missing/dir/brugwerk.db"
    )
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unreachable"


def test_unavailable_when_redis_cannot_be_reached(app, client):
    # Set after create_app, so no message-queue listener is started against the dead port.
    app.config["SOCKETIO_MESSAGE_QUEUE"] = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {
        "status": "unavailable",
        "database": "ok",
        "redis": "unreachable",
    }


@pytest.mark.redis
def test_reports_redis_when_it_is_the_message_queue(app, client, redis_url):
    app.config["SOCKETIO_MESSAGE_QUEUE"] = redis_url
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["redis"] == "ok"


def _client_address(app) -> str:
    app.add_url_rule("/_address", "test_address", lambda: request.remote_addr or "")
    return (
        app.test_client()
        .get(
            "/_address",
            headers={"X-Forwarded-For": "203.0.113.7"},
            environ_base={"REMOTE_ADDR": "127.0.0.1"},
        )
        .get_data(as_text=True)
    )


def test_behind_a_trusted_proxy_the_client_address_comes_from_the_proxy(tmp_path):
    app = create_app(
        TestConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/a.db", TRUSTED_PROXIES=1
    )
    assert _client_address(app) == "203.0.113.7"


def test_without_a_trusted_proxy_forwarded_headers_are_ignored(tmp_path):
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/a.db")
    assert _client_address(app) == "127.0.0.1"
