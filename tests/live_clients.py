"""API and socket test clients that run every call in a fresh app context, as a server does.

The root `app` fixture keeps one app context pushed for the whole test; calls made inside it
would share its `g` (Flask-Login caches the signed-in user there). Import the fixtures into a
folder's conftest.py: `from live_clients import api, sio`.
"""

import pytest
from flask_socketio import SocketIOTestClient

from app.auth.services import issue_token
from app.extensions import socketio


class _Fresh:
    """Proxy whose callable attributes run in a fresh app context."""

    def __init__(self, app, target):
        self._app, self._target = app, target

    def __getattr__(self, name: str):
        attribute = getattr(self._target, name)
        if not callable(attribute):
            return attribute

        def call(*args, **kwargs):
            with self._app.app_context():
                return attribute(*args, **kwargs)

        return call


class ApiClient(_Fresh):
    """A JSON API client for one user's bearer token (None: anonymous); paths under /api/v1."""

    def __init__(self, app, user=None):
        super().__init__(app, app.test_client())
        self.headers = {"Authorization": f"Bearer {issue_token(user)}"} if user else {}

    def __getattr__(self, method: str):
        call = super().__getattr__(method)

        def api_call(path: str, **kwargs):
            headers = {**self.headers, **kwargs.pop("headers", {})}
            return call(f"/api/v1{path}", headers=headers, **kwargs)

        return api_call


@pytest.fixture
def api(app):
    """Return api(user_or_None) -> ApiClient (overrides the root fixture)."""
    return lambda user=None: ApiClient(app, user)


PASSWORD = "correct-horse-battery"  # the root conftest's; "conftest" is ambiguous to import


@pytest.fixture
def web(app):
    """Return web(user=None) -> a page client, signed in as the user, fresh app context per call."""

    def factory(user=None):
        client = _Fresh(app, app.test_client())
        if user is not None:
            client.post("/login", data={"email": user.email, "password": PASSWORD})
        return client

    return factory


@pytest.fixture
def sio(app):
    """Return sio(auth) -> a Socket.IO test client; auth is {"token": ...} or {"share": ...}."""
    clients = []

    def factory(auth=None):
        with app.app_context():
            client = _Fresh(app, SocketIOTestClient(app, socketio, auth=auth))
        clients.append(client)
        return client

    yield factory
    for client in clients:
        if client.is_connected():
            client.disconnect()
