"""Role × route over the API: who may read, edit the canvas, manage members (contract §4.1)."""

import pytest

ROLES = ("coordinator", "partner", "viewer", "outsider", "anonymous")
# The least role each kind of route needs; None: any signed-in account.
ALLOWED = {
    "read": {"coordinator", "partner", "viewer"},
    "edit": {"coordinator", "partner"},
    "manage": {"coordinator"},
    "account": {"coordinator", "partner", "viewer", "outsider"},
}


class Targets:
    """Creates a fresh thing to act on (through the coordinator) for each request."""

    def __init__(self, roles, create_user):
        self.board_id = roles["board_id"]
        self.admin = roles["clients"]["coordinator"]
        self.state = roles["state"]
        self.card = roles["card"]
        self.organisation_id = roles["organisation"].id
        self.create_user = create_user

    def _post(self, path: str, json: dict | None = None) -> dict:
        response = self.admin.post(f"/boards/{self.board_id}{path}", json=json)
        assert response.status_code in (200, 201), response.get_json()
        return response.get_json()

    def phase(self) -> int:
        return self._post("/phases", {"name": "Extra fase"})["id"]

    def lane(self) -> int:
        return self._post("/lanes", {"name": "Extra baan"})["id"]

    def organisation(self) -> int:
        return self._post("/organisations", {"name": "Extra organisatie"})["id"]

    def new_card(self) -> dict:
        return {
            "phase_id": self.card["phase_id"],
            "lane_id": self.card["lane_id"],
            "organisation_id": self.organisation_id,
            "title": "Nieuwe kaart",
        }

    def fresh_card(self) -> int:
        return self._post("/cards", self.new_card())["id"]

    def deleted_card(self) -> int:
        card_id = self.fresh_card()
        assert self.admin.delete(f"/boards/{self.board_id}/cards/{card_id}").status_code == 204
        return card_id

    def member(self) -> int:
        user = self.create_user()
        return self._post("/members", {"email": user.email, "role": "viewer"})["user_id"]


# (name, kind, success status, build(targets) -> (method, path under the board or "/...", json))
ROUTES = [
    ("get board", "read", 200, lambda t: ("get", "", None)),
    ("list members", "read", 200, lambda t: ("get", "/members", None)),
    ("list events", "read", 200, lambda t: ("get", "/events?after=0", None)),
    ("get card", "read", 200, lambda t: ("get", f"/cards/{t.card['id']}", None)),
    ("rename board", "manage", 200, lambda t: ("patch", "", {"name": "Nieuwe naam"})),
    ("archive board", "manage", 200, lambda t: ("patch", "", {"archived": True})),
    (
        "add member",
        "manage",
        201,
        lambda t: ("post", "/members", {"email": t.create_user().email, "role": "partner"}),
    ),
    (
        "change member role",
        "manage",
        200,
        lambda t: ("patch", f"/members/{t.member()}", {"role": "partner"}),
    ),
    ("remove member", "manage", 204, lambda t: ("delete", f"/members/{t.member()}", None)),
    ("create phase", "edit", 201, lambda t: ("post", "/phases", {"name": "Fase"})),
    (
        "edit phase",
        "edit",
        200,
        lambda t: ("patch", f"/phases/{t.phase()}", {"name": "Fase", "demand_per_year": 10}),
    ),
    ("delete phase", "edit", 204, lambda t: ("delete", f"/phases/{t.phase()}", None)),
    ("create lane", "edit", 201, lambda t: ("post", "/lanes", {"name": "Baan"})),
    ("edit lane", "edit", 200, lambda t: ("patch", f"/lanes/{t.lane()}", {"name": "Baan"})),
    ("delete lane", "edit", 204, lambda t: ("delete", f"/lanes/{t.lane()}", None)),
    (
        "create organisation",
        "edit",
        201,
        lambda t: ("post", "/organisations", {"name": "Coöperatie", "kind": "energiecooperatie"}),
    ),
    (
        "edit organisation",
        "edit",
        200,
        lambda t: ("patch", f"/organisations/{t.organisation()}", {"color": "#112233"}),
    ),
    (
        "delete organisation",
        "edit",
        204,
        lambda t: ("delete", f"/organisations/{t.organisation()}", None),
    ),
    ("create card", "edit", 201, lambda t: ("post", "/cards", t.new_card())),
    (
        "edit card",
        "edit",
        200,
        lambda t: ("patch", f"/cards/{t.fresh_card()}", {"version": 1, "title": "Bewerkt"}),
    ),
    (
        "move card",
        "edit",
        200,
        lambda t: (
            "post",
            f"/cards/{t.fresh_card()}/move",
            {"phase_id": t.state["phases"][4]["id"], "lane_id": t.card["lane_id"]},
        ),
    ),
    ("delete card", "edit", 204, lambda t: ("delete", f"/cards/{t.fresh_card()}", None)),
    ("restore card", "edit", 200, lambda t: ("post", f"/cards/{t.deleted_card()}/restore", None)),
    ("list my boards", "account", 200, lambda t: ("get", "/", None)),
    ("create a board", "account", 201, lambda t: ("post", "/", {"name": "Eigen bord"})),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("kind", "success", "build"), [r[1:] for r in ROUTES], ids=[r[0] for r in ROUTES]
)
def test_role_on_route(roles, create_user, snapshot, role, kind, success, build):
    targets = Targets(roles, create_user)
    method, path, json = build(targets)
    url = "/boards" if path == "/" else f"/boards/{roles['board_id']}{path}"
    before = snapshot()
    response = getattr(roles["clients"][role], method)(url, json=json)
    if role in ALLOWED[kind]:
        assert response.status_code == success, response.get_json()
        return
    expected = 401 if role == "anonymous" else 403
    assert response.status_code == expected, response.get_json()
    assert response.get_json()["error"]["code"] == (
        "unauthorized" if expected == 401 else "forbidden"
    )
    assert snapshot() == before


def test_outsider_does_not_see_the_board_in_their_list(roles):
    boards = roles["clients"]["outsider"].get("/boards").get_json()["boards"]
    assert roles["board_id"] not in {b["id"] for b in boards}
    listed = roles["clients"]["viewer"].get("/boards").get_json()["boards"]
    assert [(b["id"], b["role"]) for b in listed] == [(roles["board_id"], "viewer")]


def test_partner_cannot_make_themselves_coordinator(roles):
    partner = roles["people"]["partner"]
    client = roles["clients"]["partner"]
    response = client.patch(
        f"/boards/{roles['board_id']}/members/{partner.id}", json={"role": "coordinator"}
    )
    assert response.status_code == 403
    members = client.get(f"/boards/{roles['board_id']}/members").get_json()["members"]
    assert {m["user_id"]: m["role"] for m in members}[partner.id] == "partner"
