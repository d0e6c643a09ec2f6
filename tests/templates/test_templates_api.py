"""Start a board from a template or as a copy; save a board's structure as a template."""

from app.extensions import db
from app.models import Card, Event, Marker, NextStep
from app.vocab import DEFAULT_PHASES

ISOLATION_LANES = [
    "Vloer/bodem",
    "Gevel/spouw",
    "Dak/zolder",
    "Ramen",
    "Ventilatie",
    "Eigenaar-bewoners",
    "VvE's",
    "Huurders",
]


def _names(items):
    return [item["name"] for item in items]


def test_templates_lists_the_built_in_ones(api, create_user):
    response = api(create_user()).get("/templates")
    assert response.status_code == 200
    by_key = {t["key"]: t for t in response.json["templates"]}
    assert set(by_key) == {"default", "lokale_aanpak_isolatie", "empty"}
    assert by_key["lokale_aanpak_isolatie"]["lanes"] == ISOLATION_LANES
    assert by_key["default"]["phases"] == list(DEFAULT_PHASES)


def test_a_board_from_the_isolation_template_has_its_lanes(api, create_user):
    response = api(create_user()).post(
        "/boards", json={"name": "Isolatie Leusden", "template": "lokale_aanpak_isolatie"}
    )
    assert response.status_code == 201
    assert _names(response.json["phases"]) == list(DEFAULT_PHASES)
    assert _names(response.json["lanes"]) == ISOLATION_LANES


def test_an_unknown_template_is_a_dutch_422(api, create_user):
    response = api(create_user()).post("/boards", json={"name": "X", "template": "bestaat-niet"})
    assert response.status_code == 422
    assert response.json["error"]["fields"]["template"]


def test_copy_cards_brings_structure_organisations_and_cards_but_no_markers(sample_board, api):
    board = sample_board["board"]
    partner = sample_board["people"]["partner"]
    source = api(partner).get(f"/boards/{board.id}").json
    assert source["markers"] and source["next_steps"]  # there is something not to copy

    response = api(partner).post(
        "/boards", json={"name": "Kopie", "copy_from": board.id, "copy": "cards"}
    )
    assert response.status_code == 201
    copy = response.json
    assert copy["id"] != board.id
    assert _names(copy["phases"]) == _names(source["phases"])
    assert [p["demand_per_year"] for p in copy["phases"]] == [
        p["demand_per_year"] for p in source["phases"]
    ]
    assert _names(copy["lanes"]) == _names(source["lanes"])
    assert sorted(_names(copy["organisations"])) == sorted(_names(source["organisations"]))
    assert sorted(c["title"] for c in copy["cards"]) == sorted(c["title"] for c in source["cards"])
    assert copy["markers"] == [] and copy["next_steps"] == [] and copy["handovers"] == []

    # Each card sits in the same phase and lane (by name) and with the same organisation.
    def places(state):
        phases = {p["id"]: p["name"] for p in state["phases"]}
        lanes = {lane["id"]: lane["name"] for lane in state["lanes"]}
        orgs = {o["id"]: o["name"] for o in state["organisations"]}
        return sorted(
            (c["title"], phases[c["phase_id"]], lanes[c["lane_id"]], orgs[c["organisation_id"]])
            for c in state["cards"]
        )

    assert places(copy) == places(source)
    # The copier coordinates the copy; the source's members do not come along.
    members = api(partner).get(f"/boards/{copy['id']}/members").json["members"]
    assert [(m["email"], m["role"]) for m in members] == [(partner.email, "coordinator")]
    # One event per created card, as creation does.
    types = (
        db.session.execute(db.select(Event.type).where(Event.board_id == copy["id"]))
        .scalars()
        .all()
    )
    assert types.count("card.created") == len(source["cards"])
    assert (
        db.session.execute(
            db.select(db.func.count()).select_from(Marker).where(Marker.board_id == copy["id"])
        ).scalar_one()
        == 0
    )
    assert (
        db.session.execute(
            db.select(db.func.count()).select_from(NextStep).where(NextStep.board_id == copy["id"])
        ).scalar_one()
        == 0
    )


def test_copy_levels(sample_board, api):
    board = sample_board["board"]
    who = api(sample_board["people"]["viewer"])
    structure = who.post("/boards", json={"name": "S", "copy_from": board.id}).json
    assert structure["lanes"] and structure["organisations"] == [] and structure["cards"] == []
    orgs = who.post(
        "/boards", json={"name": "O", "copy_from": board.id, "copy": "organisations"}
    ).json
    assert len(orgs["organisations"]) == 2 and orgs["cards"] == []


def test_copying_a_board_you_cannot_read_is_404_and_writes_nothing(sample_board, api, snapshot):
    board = sample_board["board"]
    outsider = api(sample_board["people"]["outsider"])
    before = snapshot()
    response = outsider.post(
        "/boards", json={"name": "Stiekem", "copy_from": board.id, "copy": "cards"}
    )
    assert response.status_code == 404
    assert snapshot() == before


def test_template_and_copy_together_is_refused(sample_board, api):
    board = sample_board["board"]
    response = api(sample_board["people"]["coordinator"]).post(
        "/boards", json={"name": "X", "copy_from": board.id, "template": "default"}
    )
    assert response.status_code == 422
    response = api(sample_board["people"]["coordinator"]).post(
        "/boards", json={"name": "X", "copy": "cards"}
    )
    assert response.status_code == 422


def test_a_saved_template_is_offered_to_the_coordinators_people_only(
    sample_board, api, create_user
):
    board = sample_board["board"]
    people = sample_board["people"]
    saved = api(people["coordinator"]).post(
        f"/boards/{board.id}/templates", json={"name": "Onze aanpak"}
    )
    assert saved.status_code == 201
    key = saved.json["key"]
    assert saved.json["lanes"] == _names(
        api(people["viewer"]).get(f"/boards/{board.id}").json["lanes"]
    )

    def keys(user):
        return [t["key"] for t in api(user).get("/templates").json["templates"]]

    assert key in keys(people["coordinator"])
    assert key in keys(people["viewer"])  # a member of a board the saver coordinates
    assert key not in keys(people["outsider"])
    # A partner cannot save; someone else cannot use the key.
    assert (
        api(people["partner"])
        .post(f"/boards/{board.id}/templates", json={"name": "Nee"})
        .status_code
        == 403
    )
    assert (
        api(people["outsider"]).post("/boards", json={"name": "X", "template": key}).status_code
        == 404
    )
    # The viewer starts a board from it: same phases (with demand) and lanes, no cards.
    new = api(people["viewer"]).post("/boards", json={"name": "Nieuw", "template": key}).json
    assert [p["demand_per_year"] for p in new["phases"]][2] == 400
    assert new["cards"] == [] and new["organisations"] == []
    assert (
        db.session.execute(
            db.select(db.func.count()).select_from(Card).where(Card.board_id == new["id"])
        ).scalar_one()
        == 0
    )
