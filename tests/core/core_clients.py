"""API and socket test clients that run every call in a fresh app context, as a server does.

The root `app` fixture keeps one app context pushed for the whole test. A request or socket event
that runs inside it would share its `g` (Flask-Login caches the signed-in user there) and its
database session, so these clients push a fresh app context for every call.
"""

from flask_socketio import SocketIOTestClient

from app.extensions import socketio


class ApiClient:
    """A JSON API client for one bearer token (None: anonymous); paths are under /api/v1."""

    def __init__(self, app, token: str | None):
        self.app = app
        self.client = app.test_client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def __getattr__(self, method: str):
        def call(path: str, **kwargs):
            headers = {**self.headers, **kwargs.pop("headers", {})}
            with self.app.app_context():
                return getattr(self.client, method)(f"/api/v1{path}", headers=headers, **kwargs)

        return call


class SocketClient:
    """Flask-SocketIO's test client, each call in a fresh app context."""

    def __init__(self, app, auth):
        self.app = app
        with app.app_context():
            self.client = SocketIOTestClient(app, socketio, auth=auth)

    def __getattr__(self, name: str):
        attribute = getattr(self.client, name)
        if not callable(attribute):
            return attribute

        def call(*args, **kwargs):
            with self.app.app_context():
                return attribute(*args, **kwargs)

        return call

    def join(self, board_id: int, **extra) -> dict:
        """Join a board's live channel and return the ack."""
        return self.emit("join", {"board_id": board_id, **extra}, callback=True)

    def op(self, board_id: int, op: str, **data) -> dict:
        """Perform a card operation over the socket and return the ack."""
        return self.emit("op", {"board_id": board_id, "op": op, "data": data}, callback=True)

    def received_events(self, name: str = "board_event") -> list[dict]:
        """Return (and consume) the payloads of the named events received so far."""
        return [m["args"][0] for m in self.get_received() if m["name"] == name]
