"""API and socket test clients that run every call in a fresh app context, as a server does.

The root `app` fixture keeps one app context pushed for the whole test; calls made inside it
would share its `g` (Flask-Login caches the signed-in user there). Import the fixtures into a
folder's conftest.py: `from live_clients import api, sio`.
"""

from contextlib import contextmanager

import pytest
from flask_socketio import SocketIOTestClient

from app.auth.services import issue_token
from app.cards.services import create_card
from app.extensions import db, socketio
from app.models import Card, Marker, NextStep, Organisation
from app.permissions import Actor
from app.reading.services import handovers, markers, next_steps
from app.structure import services as structure


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


@pytest.fixture
def in_request(app):
    """Return a context manager: run service calls as inside a request of their own."""

    @contextmanager
    def context():
        with app.app_context(), app.test_request_context():
            yield

    return context


@pytest.fixture
def sample_board(board_with_roles, in_request):
    """The role board filled through the services: cards, markers, a handover, next steps."""

    board, people = board_with_roles["board"], board_with_roles["people"]
    loket = board_with_roles["organisation"]
    actor = Actor(user=people["coordinator"])
    phases, lanes = [p.id for p in board.phases], [lane.id for lane in board.lanes]
    with in_request():
        structure.update_axis(actor, board.id, "phase", phases[2], {"demand_per_year": 400})
        coop = structure.create_organisation(
            actor, board.id, "Energiecoöperatie Zon", "energiecooperatie", "#aa3300"
        )
        cards = [
            create_card(
                actor,
                board.id,
                phases[1],
                loket.id,
                "Keukentafelgesprek",
                lane_id=lanes[0],
                capacity_per_year=300,
                description="Aan huis",
            ),
            create_card(
                actor,
                board.id,
                phases[2],
                coop.id,
                "Energiecoach aan huis",
                lane_id=lanes[0],
                capacity_per_year=150,
                status="pilot",
            ),
            create_card(
                actor,
                board.id,
                phases[2],
                loket.id,
                '=HYPERLINK("http://x")',
                lane_id=lanes[1],
                capacity_unit="gesprekken/jaar",
                capacity_per_year=20,
            ),
        ]
        gap = markers.create_marker(
            actor, board.id, "gap", "Geen hulp bij offertes", phase_id=phases[3]
        )
        bottleneck = markers.create_marker(
            actor,
            board.id,
            "bottleneck",
            "Bewoners haken af na advies",
            phase_id=phases[2],
            lane_id=lanes[0],
            dropouts_per_year=60,
        )
        markers.create_marker(
            actor,
            board.id,
            "overlap",
            "Dubbel adviesaanbod",
            card_ids=[cards[0].id, cards[1].id],
            status="resolved",
        )
        handovers.create_handover(actor, board.id, cards[0].id, cards[1].id, "Warme overdracht")
        step = next_steps.create_next_step(
            actor,
            board.id,
            "Offertecheck met de coöperatie",
            [gap.id],
            goal="Bewoners helpen kiezen",
            owner_organisation_id=coop.id,
            status="agreed",
        )
        next_steps.add_learning(actor, board.id, step.id, "Bewoners willen één loket")
        next_steps.create_next_step(actor, board.id, "Wijkavond", [bottleneck.id])
        ids = {
            "cards": [c.id for c in cards],
            "coop": coop.id,
            "gap": gap.id,
            "bottleneck": bottleneck.id,
            "step": step.id,
        }
    # Reload in the test's own session: the request's session is gone.

    return {
        **board_with_roles,
        "cards": [db.session.get(Card, i) for i in ids["cards"]],
        "coop": db.session.get(Organisation, ids["coop"]),
        "gap": db.session.get(Marker, ids["gap"]),
        "bottleneck": db.session.get(Marker, ids["bottleneck"]),
        "step": db.session.get(NextStep, ids["step"]),
    }
