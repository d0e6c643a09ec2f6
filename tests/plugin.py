"""Brugwerk's test plugin (loaded by tests/conftest.py): factories and clients, Indico style.

Factories return callables: `create_user()`, `create_board(owner)`, `create_card(board, user,
organisation)`. Clients: `api(user)` for the JSON API, `web(user)` for the pages, `sio(user)` for
Socket.IO. Checks: `snapshot()` shows that a refused request wrote nothing, `count_queries()`
catches N+1 queries.

The `app` fixture keeps one app context pushed for the whole test. A request or socket event run
inside it would share its `g` (Flask-Login caches the signed-in user there) and its database
session, so the clients push a fresh app context for every call, as a server does.
"""

import itertools
import time
from contextlib import contextmanager

import pytest
from flask_socketio import SocketIOTestClient
from sqlalchemy import event

from app.auth.services import create_user as _create_user
from app.auth.services import issue_token
from app.boards.services import add_member
from app.boards.services import create_board as _create_board
from app.cards.services import create_card as _create_card
from app.extensions import db, socketio
from app.models import Card, Marker, NextStep, Organisation
from app.permissions import Actor
from app.reading.services import handovers, markers, next_steps
from app.structure import services as structure

PASSWORD = "correct-horse-battery"
_ids = itertools.count(1)

# Bookkeeping that any request may touch without writing anything a person made: when a token or
# link was last used, and who is online on which process.
_BOOKKEEPING = {"api_tokens": {"last_used_at"}, "share_links": {"last_used_at"}}
_SKIPPED_TABLES = {"presences", "hosts"}


def wait_for(condition, seconds: float, interval: float = 0.1) -> bool:
    """Poll `condition` until it holds or `seconds` pass; return whether it holds at the end."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()


def _id(thing) -> int:
    """The id of a model, of the API's JSON for it, or the id itself."""
    if isinstance(thing, int):
        return thing
    return thing["id"] if isinstance(thing, dict) else thing.id


def new_card(board, organisation, title: str, phase: int = 0, lane: int = 0, **fields) -> dict:
    """The fields of a new card in a board's cell (phase and lane by position), for API or form.

    `board` is a Board or the API's JSON of one; `organisation` a model, its JSON or its id.
    """
    phases = board["phases"] if isinstance(board, dict) else board.phases
    lanes = board["lanes"] if isinstance(board, dict) else board.lanes
    return {
        "phase_id": _id(phases[phase]),
        "lane_id": _id(lanes[lane]),
        "organisation_id": _id(organisation),
        "title": title,
        **fields,
    }


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
    """The JSON API as one bearer token (None: anonymous): `.get(path)`, `.post(path, json=)`."""

    def __init__(self, app, token: str | None):
        super().__init__(app, app.test_client())
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def __getattr__(self, method: str):
        call = super().__getattr__(method)

        def api_call(path: str, **kwargs):
            headers = {**self.headers, **kwargs.pop("headers", {})}
            return call(f"/api/v1{path}", headers=headers, **kwargs)

        return api_call


class SocketClient(_Fresh):
    """Flask-SocketIO's test client, with the board channel's calls as methods."""

    def join(self, board_id: int, **extra) -> dict:
        """Join a board's live channel and return the ack."""
        return self.emit("join", {"board_id": board_id, **extra}, callback=True)

    def op(self, board_id: int, op: str, **data) -> dict:
        """Perform a card operation over the socket and return the ack."""
        return self.emit("op", {"board_id": board_id, "op": op, "data": data}, callback=True)

    def received_events(self, name: str = "board_event") -> list[dict]:
        """Return (and consume) the payloads of the named events received so far."""
        return [m["args"][0] for m in self.get_received() if m["name"] == name]


@pytest.fixture
def client(app):
    """A plain Flask test client, in the test's own app context."""
    return app.test_client()


@pytest.fixture
def create_user(app):
    """Return a factory: create_user(name=..., email=...) -> User, with PASSWORD."""

    def factory(name: str | None = None, email: str | None = None):
        n = next(_ids)
        return _create_user(email or f"user{n}@example.nl", name or f"User {n}", PASSWORD)

    return factory


@pytest.fixture
def create_board(app, create_user):
    """Return a factory: create_board(owner=None, **kw) -> Board, with the owner coordinating."""

    def factory(owner=None, name: str = "Testbord", **kwargs):
        owner = owner or create_user()
        return _create_board(Actor(user=owner), name, **kwargs)

    return factory


@pytest.fixture
def create_card(app):
    """Return a factory: create_card(board, user, organisation, phase=0, lane=0, **kw) -> Card."""

    def factory(board, user, organisation, phase: int = 0, lane: int | None = 0, **fields):
        fields.setdefault("title", f"Kaart {next(_ids)}")
        lane_id = board.lanes[lane].id if lane is not None and board.lanes else None
        return _create_card(
            Actor(user=user),
            board.id,
            phase_id=board.phases[phase].id,
            lane_id=lane_id,
            organisation_id=organisation.id,
            **fields,
        )

    return factory


@pytest.fixture
def board_with_roles(app, create_user, create_board):
    """A board with a coordinator, a partner, a viewer, an outsider and one organisation."""
    people = {
        role: create_user(name=role.capitalize())
        for role in ("coordinator", "partner", "viewer", "outsider")
    }
    board = create_board(owner=people["coordinator"], lane_template="measure_type")
    actor = Actor(user=people["coordinator"])
    for role in ("partner", "viewer"):
        add_member(actor, board.id, people[role].email, role)
    organisation = structure.create_organisation(
        actor, board.id, "Energieloket", "energieloket", "#0b5fa5"
    )
    return {"board": board, "people": people, "organisation": organisation}


@pytest.fixture
def api(app):
    """Return api(user=None, token=None) -> ApiClient: the user's new token, or the token given."""

    def factory(user=None, token: str | None = None) -> ApiClient:
        return ApiClient(app, token or (issue_token(user) if user else None))

    return factory


@pytest.fixture
def web(app):
    """Return web(user=None) -> a page client, signed in through the login form as the user."""

    def factory(user=None, password: str = PASSWORD):
        client = _Fresh(app, app.test_client())
        if user is not None:
            response = client.post("/login", data={"email": user.email, "password": password})
            assert response.status_code in (302, 303), response.status_code
        return client

    return factory


@pytest.fixture
def sio(app):
    """Return sio(user=None, token=, share=, auth=) -> SocketClient, connected if allowed.

    Signs in as the user's new token, the API token given, the share-link token given, or with
    `auth` sent as it is (to try what a server must refuse); disconnects them all at the end.
    """
    clients = []

    def factory(user=None, *, token: str | None = None, share: str | None = None, auth=None):
        if user is not None:
            auth = {"token": issue_token(user)}
        elif token is not None:
            auth = {"token": token}
        elif share is not None:
            auth = {"share": share}
        with app.app_context():
            client = SocketClient(app, SocketIOTestClient(app, socketio, auth=auth))
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
def snapshot(app):
    """Return snapshot() -> every stored row, to show that a refused request wrote nothing.

    Compare `snapshot()` before and after: equal means no table changed (the last use of a token
    or share link and who is online aside). It reads on a connection of its own, so it sees what
    requests committed, whatever the test's session holds.
    """

    def take() -> dict:
        state = {}
        with db.engine.connect() as connection:
            for table in db.metadata.sorted_tables:
                if table.name in _SKIPPED_TABLES:
                    continue
                kept = [c for c in table.columns if c.name not in _BOOKKEEPING.get(table.name, ())]
                rows = connection.execute(
                    db.select(*kept).order_by(*table.primary_key.columns)
                ).all()
                state[table.name] = [tuple(row) for row in rows]
        return state

    return take


@pytest.fixture
def count_queries(app):
    """Return a context manager: `with count_queries() as queries:` lists the SQL run inside."""

    @contextmanager
    def counting():
        statements = []

        def record(_connection, _cursor, statement, *_args):
            statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", record)
        try:
            yield statements
        finally:
            event.remove(db.engine, "before_cursor_execute", record)

    return counting


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

        def card(phase: int, lane: int, organisation, title: str, **fields):
            lane_id = lanes[lane]
            return _create_card(
                actor, board.id, phases[phase], organisation.id, title, lane_id=lane_id, **fields
            )

        cards = [
            card(1, 0, loket, "Keukentafelgesprek", capacity_per_year=300, description="Aan huis"),
            card(2, 0, coop, "Energiecoach aan huis", capacity_per_year=150, status="pilot"),
            card(
                2,
                1,
                loket,
                '=HYPERLINK("http://x")',
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
