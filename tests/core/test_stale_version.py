"""Two people edit the same card from the same version: the second gets 409, nothing is lost."""


def test_second_edit_from_the_same_version_gets_409_with_the_first_result(roles):
    board_id, card = roles["board_id"], roles["card"]
    first_client, second_client = roles["clients"]["coordinator"], roles["clients"]["partner"]
    seen_by_both = first_client.get(f"/boards/{board_id}/cards/{card['id']}").get_json()
    assert second_client.get(f"/boards/{board_id}/cards/{card['id']}").get_json() == seen_by_both

    first = first_client.patch(
        f"/boards/{board_id}/cards/{card['id']}",
        json={
            "version": seen_by_both["version"],
            "title": "Keukentafelgesprek aan huis",
            "capacity_per_year": 250,
        },
    )
    assert first.status_code == 200
    seq_after_first = first_client.get(f"/boards/{board_id}").get_json()["seq"]

    second = second_client.patch(
        f"/boards/{board_id}/cards/{card['id']}",
        json={"version": seen_by_both["version"], "title": "Keukentafelgesprek digitaal"},
    )
    assert second.status_code == 409
    body = second.get_json()
    assert body["error"]["code"] == "stale_version"
    assert body["current"] == first.get_json()

    stored = second_client.get(f"/boards/{board_id}/cards/{card['id']}").get_json()
    assert stored == first.get_json()
    assert stored["title"] == "Keukentafelgesprek aan huis" and stored["capacity_per_year"] == 250
    assert first_client.get(f"/boards/{board_id}").get_json()["seq"] == seq_after_first

    retried = second_client.patch(
        f"/boards/{board_id}/cards/{card['id']}",
        json={"version": body["current"]["version"], "title": "Keukentafelgesprek digitaal"},
    )
    assert retried.status_code == 200
    assert retried.get_json()["version"] == seen_by_both["version"] + 2
    assert retried.get_json()["capacity_per_year"] == 250  # the first edit's figure survives


def test_version_from_the_future_is_also_stale(roles):
    board_id, card = roles["board_id"], roles["card"]
    response = roles["clients"]["partner"].patch(
        f"/boards/{board_id}/cards/{card['id']}", json={"version": 99, "title": "Gok"}
    )
    assert response.status_code == 409
    assert response.get_json()["current"]["title"] == "Keukentafelgesprek"


def test_a_move_bumps_the_version_so_an_older_edit_is_stale(roles):
    board_id, card = roles["board_id"], roles["card"]
    client = roles["clients"]["partner"]
    moved = client.post(
        f"/boards/{board_id}/cards/{card['id']}/move",
        json={"phase_id": roles["state"]["phases"][1]["id"], "lane_id": card["lane_id"]},
    )
    assert moved.get_json()["version"] == card["version"] + 1
    stale = client.patch(
        f"/boards/{board_id}/cards/{card['id']}", json={"version": card["version"], "title": "Oud"}
    )
    assert stale.status_code == 409
    assert stale.get_json()["current"]["phase_id"] == roles["state"]["phases"][1]["id"]
