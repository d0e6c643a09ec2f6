"""Role × page matrix: every canvas page and form answers each role as contract §4.1 says."""

import pytest

from tests.plugin import PASSWORD

# (method, path template, form data, least role that may do it)
ROUTES = [
    ("GET", "/boards/{b}", {}, "viewer"),
    ("GET", "/boards/{b}/canvas", {}, "viewer"),
    ("GET", "/boards/{b}/activity", {}, "viewer"),
    ("GET", "/boards/{b}/settings", {}, "viewer"),
    ("GET", "/boards/{b}/organisations.css", {}, "viewer"),
    ("GET", "/boards/{b}/cards/{c}", {}, "viewer"),
    ("GET", "/boards/{b}/cards/new?phase_id={p}&lane_id={l}", {}, "partner"),
    ("GET", "/boards/{b}/cards/{c}/edit", {}, "partner"),
    (
        "POST",
        "/boards/{b}/cards",
        {"phase_id": "{p}", "lane_id": "{l}", "organisation_id": "{o}", "title": "Nieuw"},
        "partner",
    ),
    ("POST", "/boards/{b}/cards/{c}", {"version": "1", "title": "Anders"}, "partner"),
    ("POST", "/boards/{b}/cards/{c}/delete", {}, "partner"),
    ("POST", "/boards/{b}/phases", {"name": "Extra fase"}, "partner"),
    ("POST", "/boards/{b}/phases/{p}", {"name": "Hernoemd"}, "partner"),
    ("POST", "/boards/{b}/lanes", {"name": "Extra baan"}, "partner"),
    ("POST", "/boards/{b}/lanes/{l}", {"name": "Hernoemd"}, "partner"),
    (
        "POST",
        "/boards/{b}/organisations",
        {"name": "Coöperatie", "kind": "energiecooperatie", "color": "#aa0000"},
        "partner",
    ),
    ("POST", "/boards/{b}/organisations/{o}", {"name": "Loket"}, "partner"),
    ("POST", "/boards/{b}/rename", {"name": "Nieuwe naam"}, "coordinator"),
    ("POST", "/boards/{b}/invites", {"role": "partner"}, "coordinator"),
    ("POST", "/boards/{b}/members/{v}", {"role": "partner"}, "coordinator"),
]
RANK = {"viewer": 1, "partner": 2, "coordinator": 3}


@pytest.fixture
def seeded(board_with_roles, create_card):
    setup = board_with_roles
    board, people = setup["board"], setup["people"]
    card = create_card(board, people["coordinator"], setup["organisation"])
    ids = {
        "b": board.id,
        "c": card.id,
        "p": board.phases[0].id,
        "l": board.lanes[0].id,
        "o": setup["organisation"].id,
        "v": people["viewer"].id,
    }
    return setup, ids


def _fill(value, ids):
    return value.format(**ids) if isinstance(value, str) else value


@pytest.mark.parametrize("actor", ["coordinator", "partner", "viewer", "outsider", "anonymous"])
@pytest.mark.parametrize(
    ("method", "path", "data", "needed"), ROUTES, ids=[f"{m} {p}" for m, p, _d, _n in ROUTES]
)
def test_page_answers_each_role(app, seeded, actor, method, path, data, needed):
    setup, ids = seeded
    client = app.test_client()
    if actor != "anonymous":
        client.post("/login", data={"email": setup["people"][actor].email, "password": PASSWORD})
    url = _fill(path, ids)
    form = {key: _fill(value, ids) for key, value in data.items()}
    response = client.open(url, method=method, data=form)
    if actor == "anonymous":
        assert response.status_code == 302 and "/login" in response.location
    elif actor == "outsider" or RANK[actor] < RANK[needed]:
        assert response.status_code == 403
    else:
        assert response.status_code in (200, 201, 302), response.data[:500]
