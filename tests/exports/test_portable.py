"""The whole board as JSON: round trip, and hostile documents that create nothing."""

import copy
import io
import json

import pytest


def _without_timestamps(document: dict) -> dict:
    return {key: value for key, value in document.items() if key != "exported_at"}


@pytest.fixture
def exported(sample_board, api):
    board = sample_board["board"]
    response = api(sample_board["people"]["coordinator"]).get(f"/boards/{board.id}/export")
    assert response.status_code == 200
    return response.json


def test_export_uses_local_references(exported, sample_board):
    assert exported["format"] == "brugwerk.board" and exported["version"] == 1
    assert [c["title"] for c in exported["cards"]][0] == "Keukentafelgesprek"
    text = json.dumps(exported)
    assert '"id"' not in text and "_id" not in text
    assert exported["handovers"] == [
        {"from_card": "card-1", "to_card": "card-2", "note": "Warme overdracht"}
    ]


def test_export_import_export_is_identical(exported, sample_board, api, create_user):
    importer = create_user(name="Gemeente Anders")
    caller = api(importer)
    created = caller.post("/boards/import", json=exported)
    assert created.status_code == 201
    new_id = created.json["id"]
    assert new_id != sample_board["board"].id
    again = caller.get(f"/boards/{new_id}/export").json
    assert _without_timestamps(again) == _without_timestamps(exported)
    members = caller.get(f"/boards/{new_id}/members").json["members"]
    assert [(m["name"], m["role"]) for m in members] == [("Gemeente Anders", "coordinator")]
    # Everything went through the services: the new board's log tells its whole story.
    types = [e["type"] for e in caller.get(f"/boards/{new_id}/events?after=0").json["events"]]
    assert types.count("card.created") == 3 and "marker.created" in types
    assert types[0] == "board.created"


def _hostile(exported: dict):
    def card(i):
        return {**exported["cards"][0], "ref": f"card-{i + 100}"}

    deep = "[" * 100_000 + "]" * 100_000
    broken_last = copy.deepcopy(exported)
    broken_last["next_steps"][-1]["markers"] = ["marker-99"]
    wrong_type = copy.deepcopy(exported)
    wrong_type["cards"][1]["capacity_per_year"] = "veel"
    dangling = copy.deepcopy(exported)
    dangling["cards"][0]["organisation"] = "org-42"
    duplicate = copy.deepcopy(exported)
    duplicate["cards"][1]["ref"] = "card-1"
    nested = copy.deepcopy(exported)
    nested["cards"][0]["title"] = {"a": {"b": {"c": [1, [2, [3]]]}}}
    self_overlap = copy.deepcopy(exported)
    self_overlap["markers"][2]["cards"] = ["card-1"]  # an overlap needs two cards
    return {
        "not json": (b"{not json", 422),
        "deeply nested": (deep.encode(), 422),
        "a list": (b"[]", 422),
        "wrong format": (json.dumps({**exported, "format": "trello"}).encode(), 422),
        "wrong type": (json.dumps(wrong_type).encode(), 422),
        "nested value": (json.dumps(nested).encode(), 422),
        "missing reference": (json.dumps(dangling).encode(), 422),
        "missing reference at the end": (json.dumps(broken_last).encode(), 422),
        "duplicate reference": (json.dumps(duplicate).encode(), 422),
        "refused by a service": (json.dumps(self_overlap).encode(), 422),
        "10,000 cards": (
            json.dumps({**exported, "cards": [card(i) for i in range(10_000)]}).encode(),
            413,
        ),
        "oversized": (b'{"name": "' + b"x" * (3 * 1024 * 1024) + b'"}', 413),
    }


def test_hostile_imports_are_refused_and_create_nothing(exported, sample_board, api, snapshot):
    caller = api(sample_board["people"]["partner"])
    before = snapshot()
    for label, (raw, status) in _hostile(exported).items():
        response = caller.post(
            "/boards/import", data=raw, headers={"Content-Type": "application/json"}
        )
        assert response.status_code == status, label
        assert response.json["error"]["message"], label
        assert snapshot() == before, label


def test_import_needs_an_account(exported, api):
    assert api(None).post("/boards/import", json=exported).status_code == 401


def test_import_page_makes_a_board_or_explains_the_error(exported, sample_board, web, snapshot):
    client = web(sample_board["people"]["viewer"])
    assert "Bord importeren" in client.get("/boards/import").get_data(as_text=True)
    before = snapshot()
    bad = client.post(
        "/boards/import",
        data={"file": (io.BytesIO(b"{kapot"), "bord.json")},
        content_type="multipart/form-data",
    )
    assert bad.status_code == 422 and "geen geldig JSON" in bad.get_data(as_text=True)
    assert snapshot() == before
    good = client.post(
        "/boards/import",
        data={"file": (io.BytesIO(json.dumps(exported).encode()), "bord.json")},
        content_type="multipart/form-data",
    )
    assert good.status_code == 302 and "/boards/" in good.headers["Location"]
    assert len(snapshot()["boards"]) == len(before["boards"]) + 1
