"""Fixtures for the core canvas tests: a board with an API client for every role."""

import pytest


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
