"""Fixtures for reading the bridge: API clients per role on a small board, boards to fill."""

import pytest


@pytest.fixture
def board(board_with_roles, api):
    """The role board with an API client per role, its phases, lanes and two organisations."""
    setup = board_with_roles
    board = setup["board"]
    clients = {role: api(user) for role, user in setup["people"].items()}
    clients["anonymous"] = api(None)
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
def foreign(api, create_user):
    """Another board (the test users have no role on it) with a phase and a card."""
    client = api(create_user(name="Elders"))
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
def small(api, create_user):
    """A 3-phase × 2-lane board with organisations of several kinds, and helpers to fill it.

    Returns {"id", "phase": {"A","B","C"}, "lane": {"L1","L2"}, "org": {...}, "api": partner,
    "viewer": client, "card(phase, lane, org, **fields)", "analysis()"}.
    """
    coordinator, partner, viewer = (create_user(name=n) for n in ("Regisseur", "Partner", "Lezer"))
    coordinating = api(coordinator)
    made = coordinating.post(
        "/boards", json={"name": "Klein", "phases": ["A", "B", "C"], "lanes": ["L1", "L2"]}
    ).get_json()
    b = made["id"]
    for user, role in ((partner, "partner"), (viewer, "viewer")):
        coordinating.post(f"/boards/{b}/members", json={"email": user.email, "role": role})
    kinds = {
        "zon": "energiecooperatie",
        "wind": "energiecooperatie",
        "loket": "energieloket",
        "x": "overig",
        "y": "overig",
    }
    org = {
        name: coordinating.post(
            f"/boards/{b}/organisations", json={"name": name, "kind": kind, "color": "#336699"}
        ).get_json()["id"]
        for name, kind in kinds.items()
    }
    phase = {p["name"]: p["id"] for p in made["phases"]}
    lane = {lane["name"]: lane["id"] for lane in made["lanes"]}
    editor, reader = api(partner), api(viewer)

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
        response = reader.get(f"/boards/{b}/analysis")
        assert response.status_code == 200
        return response.get_json()

    return {
        "id": b,
        "phase": phase,
        "lane": lane,
        "org": org,
        "api": editor,
        "viewer": reader,
        "card": card,
        "analysis": analysis,
    }
