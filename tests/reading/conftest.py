"""Fixtures for reading the bridge: API and socket clients per role on a small board.

As in tests/core, every call runs in a fresh app context, as on a server (Flask-Login caches
the signed-in user in `g`).
"""

import pytest
from flask_socketio import SocketIOTestClient

from app.auth.services import issue_token
from app.extensions import db, socketio
from app.models import Event, Handover, Learning, Marker, NextStep, Round, SuggestionDismissal


class Client:
    """A JSON API client for one user (None: anonymous); paths are under /api/v1."""

    def __init__(self, app, user):
        self.app = app
        self.client = app.test_client()
        self.headers = {"Authorization": f"Bearer {issue_token(user)}"} if user else {}

    def __getattr__(self, method: str):
        def call(path: str, **kwargs):
            with self.app.app_context():
                return getattr(self.client, method)(
                    f"/api/v1{path}", headers=self.headers, **kwargs
                )

        return call


@pytest.fixture
def board(board_with_roles, app):
    """The role board with an API client per role, its phases, lanes and two organisations."""
    setup = board_with_roles
    board = setup["board"]
    clients = {role: Client(app, user) for role, user in setup["people"].items()}
    clients["anonymous"] = Client(app, None)
    b = board.id
    second = clients["coordinator"].post(
        f"/boards/{b}/organisations",
        json={"name": "Energiecoöperatie Zon", "kind": "energiecooperatie", "color": "#2e7d32"},
    )
    state = clients["coordinator"].get(f"/boards/{b}").get_json()
    return {
        "id": b,
        "clients": clients,
        "people": setup["people"],
        "phases": [p["id"] for p in state["phases"]],
        "lanes": [lane["id"] for lane in state["lanes"]],
        "org": setup["organisation"].id,
        "org2": second.get_json()["id"],
    }


@pytest.fixture
def card(board):
    """Return card(phase=0, lane=0, org=None, **fields) -> card JSON, created by a partner."""

    def factory(phase: int = 0, lane: int = 0, org: int | None = None, **fields):
        fields.setdefault("title", f"Aanbod {phase}-{lane}")
        response = board["clients"]["partner"].post(
            f"/boards/{board['id']}/cards",
            json={
                "phase_id": board["phases"][phase],
                "lane_id": board["lanes"][lane],
                "organisation_id": org or board["org"],
                **fields,
            },
        )
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return factory


@pytest.fixture
def written(app):
    """Return written(board_id): the reading rows and seq of a board, to show nothing changed."""

    def count(board_id: int) -> dict:
        db.session.expire_all()
        counts = {
            model.__name__: db.session.execute(
                db.select(db.func.count()).select_from(model).filter_by(board_id=board_id)
            ).scalar_one()
            for model in (Event, Handover, Marker, NextStep, Round, SuggestionDismissal)
        }
        counts["Learning"] = db.session.execute(
            db.select(db.func.count())
            .select_from(Learning)
            .join(NextStep)
            .filter(NextStep.board_id == board_id)
        ).scalar_one()
        return counts

    return count


@pytest.fixture
def sio(app):
    """Return sio(user) -> a socket client joined to nothing yet, each call in a fresh context."""
    clients = []

    def factory(user):
        with app.app_context():
            client = SocketIOTestClient(app, socketio, auth={"token": issue_token(user)})
        clients.append(client)
        return client

    yield factory
    for client in clients:
        if client.is_connected():
            client.disconnect()


@pytest.fixture
def foreign(app, create_user):
    """Another board (the test users have no role on it) with a phase and a card."""
    client = Client(app, create_user(name="Elders"))
    other = client.post("/boards", json={"name": "Ander bord"}).get_json()
    organisation = client.post(
        f"/boards/{other['id']}/organisations",
        json={"name": "Gemeente", "kind": "gemeente", "color": "#123456"},
    ).get_json()
    made = client.post(
        f"/boards/{other['id']}/cards",
        json={
            "phase_id": other["phases"][0]["id"],
            "organisation_id": organisation["id"],
            "title": "Elders",
        },
    ).get_json()
    return {"board": other["id"], "phase": other["phases"][0]["id"], "card": made["id"]}


@pytest.fixture
def small(app, create_user):
    """A 3-phase × 2-lane board with organisations of several kinds, and helpers to fill it.

    Returns {"id", "phase": {"A","B","C"}, "lane": {"L1","L2"}, "org": {...}, "api": partner,
    "viewer": client, "card(phase, lane, org, **fields)", "analysis()"}.
    """
    coordinator, partner, viewer = (create_user(name=n) for n in ("Regisseur", "Partner", "Lezer"))
    api = Client(app, coordinator)
    made = api.post(
        "/boards", json={"name": "Klein", "phases": ["A", "B", "C"], "lanes": ["L1", "L2"]}
    ).get_json()
    b = made["id"]
    for user, role in ((partner, "partner"), (viewer, "viewer")):
        api.post(f"/boards/{b}/members", json={"email": user.email, "role": role})
    kinds = {
        "zon": "energiecooperatie",
        "wind": "energiecooperatie",
        "loket": "energieloket",
        "x": "overig",
        "y": "overig",
    }
    org = {
        name: api.post(
            f"/boards/{b}/organisations", json={"name": name, "kind": kind, "color": "#336699"}
        ).get_json()["id"]
        for name, kind in kinds.items()
    }
    phase = {p["name"]: p["id"] for p in made["phases"]}
    lane = {lane["name"]: lane["id"] for lane in made["lanes"]}
    editor = Client(app, partner)

    def card(p: str, lane_name: str, org_name: str = "loket", **fields) -> dict:
        response = editor.post(
            f"/boards/{b}/cards",
            json={
                "phase_id": phase[p],
                "lane_id": lane[lane_name],
                "organisation_id": org[org_name],
                "title": fields.pop("title", f"{org_name} in {p}/{lane_name}"),
                **fields,
            },
        )
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    def analysis() -> dict:
        response = Client(app, viewer).get(f"/boards/{b}/analysis")
        assert response.status_code == 200
        return response.get_json()

    return {
        "id": b,
        "phase": phase,
        "lane": lane,
        "org": org,
        "api": editor,
        "viewer": Client(app, viewer),
        "card": card,
        "analysis": analysis,
    }
