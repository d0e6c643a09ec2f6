"""Fixtures for the core canvas tests: isolated API and socket clients, a board with every role."""

import pytest
from core_clients import ApiClient, SocketClient

from app.auth.services import issue_token
from app.extensions import db
from app.models import Card, Event, Lane, Membership, Organisation, Phase


@pytest.fixture
def api(app):
    """Return api(user_or_None, token=None) -> ApiClient (overrides the root fixture)."""

    def factory(user=None, token: str | None = None):
        return ApiClient(app, token or (issue_token(user) if user else None))

    return factory


@pytest.fixture
def sio(app):
    """Return sio(auth) -> SocketClient; `auth` is {"token": ...}, {"share": ...} or None."""
    clients = []

    def factory(auth=None):
        client = SocketClient(app, auth)
        clients.append(client)
        return client

    yield factory
    for client in clients:
        if client.is_connected():
            client.disconnect()


@pytest.fixture
def roles(board_with_roles, api):
    """The role board with an API client per role (and anonymous), and a card."""
    setup = board_with_roles
    board = setup["board"]
    people = setup["people"]
    clients = {role: api(user) for role, user in people.items()}
    clients["anonymous"] = api(None)
    coordinator = clients["coordinator"]
    state = coordinator.get(f"/boards/{board.id}").get_json()
    card = coordinator.post(
        f"/boards/{board.id}/cards",
        json={
            "phase_id": state["phases"][0]["id"],
            "lane_id": state["lanes"][0]["id"],
            "organisation_id": setup["organisation"].id,
            "title": "Keukentafelgesprek",
        },
    ).get_json()
    return {**setup, "board_id": board.id, "clients": clients, "state": state, "card": card}


@pytest.fixture
def snapshot(app):
    """Return snapshot(board_id): what a board holds, to show a refused request wrote nothing."""
    return _snapshot


def _snapshot(board_id: int) -> dict:
    db.session.expire_all()
    counts = {
        model.__name__: db.session.execute(
            db.select(db.func.count()).select_from(model).filter_by(board_id=board_id)
        ).scalar_one()
        for model in (Card, Event, Lane, Membership, Organisation, Phase)
    }
    counts["seq"] = db.session.execute(
        db.text("SELECT seq FROM boards WHERE id = :id"), {"id": board_id}
    ).scalar_one()
    counts["cards"] = sorted(
        tuple(sorted(c.to_json().items()))
        for c in db.session.execute(db.select(Card).filter_by(board_id=board_id)).scalars()
    )
    return counts
