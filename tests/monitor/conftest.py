"""A small constructed board for the monitor: three phases, two lanes, two organisations."""

import pytest

from app.extensions import db
from app.models import Membership


@pytest.fixture
def monitor_board(board_with_roles, api):
    """The role board cut to three phases, the partner representing the Energieloket.

    Returns {"id", "clients", "people", "phases": [A, B, C], "lanes", "own" (org id),
    "other" (org id), "card(phase, lane, org, **fields)", "put(client, **body)"}.
    """
    setup = board_with_roles
    b = setup["board"].id
    clients = {role: api(user) for role, user in setup["people"].items()}
    coordinating = clients["coordinator"]
    state = coordinating.get(f"/boards/{b}").get_json()
    for phase in state["phases"][3:]:
        assert coordinating.delete(f"/boards/{b}/phases/{phase['id']}").status_code == 204
    phases = [p["id"] for p in state["phases"][:3]]
    for phase_id, demand in zip(phases, (400, 200, 100), strict=True):
        coordinating.patch(f"/boards/{b}/phases/{phase_id}", json={"demand_per_year": demand})
    other = coordinating.post(
        f"/boards/{b}/organisations",
        json={"name": "Energiecoöperatie Zon", "kind": "energiecooperatie", "color": "#2e7d32"},
    ).get_json()["id"]
    own = setup["organisation"].id
    db.session.execute(
        db.update(Membership)
        .where(Membership.board_id == b, Membership.user_id == setup["people"]["partner"].id)
        .values(organisation_id=own)
    )
    db.session.commit()

    def card(phase: int = 0, lane: int = 0, org: int | None = None, **fields) -> dict:
        fields.setdefault("title", f"Aanbod {phase}-{lane}")
        response = coordinating.post(
            f"/boards/{b}/cards",
            json={
                "phase_id": phases[phase],
                "lane_id": state["lanes"][lane]["id"],
                "organisation_id": org or own,
                **fields,
            },
        )
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    def put(client, **figure):
        return client.put(f"/boards/{b}/figures", json=figure)

    return {
        "id": b,
        "clients": clients,
        "people": setup["people"],
        "phases": phases,
        "lanes": [lane["id"] for lane in state["lanes"]],
        "own": own,
        "other": other,
        "card": card,
        "put": put,
    }
