"""The API of invitations (list, create, revoke) and the colours new organisations get."""

from app.vocab import ORGANISATION_PALETTE, PATTERN_COUNT


def test_invitations_are_listed_without_tokens_and_revoked(board_with_roles, api, web):
    board, people = board_with_roles["board"], board_with_roles["people"]
    coordinator = api(people["coordinator"])
    made = coordinator.post(f"/boards/{board.id}/invitations", json={"role": "viewer"})
    assert made.status_code == 201
    invitation = made.get_json()
    assert invitation["email"] is None and invitation["status"] == "open"
    assert invitation["url"].endswith(f"/invite/{invitation['token']}")
    with_email = coordinator.post(
        f"/boards/{board.id}/invitations",
        json={"role": "partner", "email": "Wethouder@Gemeente.nl"},
    ).get_json()

    listed = coordinator.get(f"/boards/{board.id}/invitations").get_json()["invitations"]
    assert [i["id"] for i in listed] == [with_email["id"], invitation["id"]]  # newest first
    assert listed[0]["email"] == "wethouder@gemeente.nl" and listed[0]["role"] == "partner"
    assert set(listed[0]) >= {"created_at", "expires_at", "status"}
    assert all("token" not in i and "url" not in i for i in listed)

    assert (
        coordinator.delete(f"/boards/{board.id}/invitations/{invitation['id']}").status_code == 204
    )
    statuses = {
        i["id"]: i["status"]
        for i in coordinator.get(f"/boards/{board.id}/invitations").get_json()["invitations"]
    }
    assert statuses == {invitation["id"]: "revoked", with_email["id"]: "open"}
    gone = web().get(f"/invite/{invitation['token']}")
    assert gone.status_code == 410
    events = coordinator.get(f"/boards/{board.id}/events").get_json()["events"]
    assert "invitation.revoked" in {e["type"] for e in events}
    assert invitation["token"] not in str(events)


def test_only_the_coordinator_handles_invitations(board_with_roles, api):
    board, people = board_with_roles["board"], board_with_roles["people"]
    made = api(people["coordinator"]).post(
        f"/boards/{board.id}/invitations", json={"role": "viewer"}
    )
    invitation_id = made.get_json()["id"]
    partner = api(people["partner"])
    assert partner.get(f"/boards/{board.id}/invitations").status_code == 403
    assert partner.delete(f"/boards/{board.id}/invitations/{invitation_id}").status_code == 403
    unknown = api(people["coordinator"]).delete(f"/boards/{board.id}/invitations/999999")
    assert unknown.status_code == 404


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_the_palette_contrasts_with_white():
    for colour in ORGANISATION_PALETTE:
        assert (1.05) / (_luminance(colour) + 0.05) >= 4.5, colour
    assert len(set(ORGANISATION_PALETTE)) == len(ORGANISATION_PALETTE)


def test_a_new_organisation_gets_the_next_colour_and_pattern(board_with_roles, api):
    board, people = board_with_roles["board"], board_with_roles["people"]
    client = api(people["partner"])
    url = f"/boards/{board.id}/organisations"
    # The board already has the palette's blue (pattern 0); an explicit colour is kept.
    chosen = client.post(url, json={"name": "Eigen kleur", "color": "#112233"}).get_json()
    assert chosen["color"] == "#112233" and chosen["pattern"] == 1
    made = [client.post(url, json={"name": f"Partij {n}"}).get_json() for n in range(8)]
    colours = [o["color"] for o in made]
    assert colours[:7] == list(ORGANISATION_PALETTE[1:])  # never the same blue as the last one
    assert colours[7] == ORGANISATION_PALETTE[0]  # all in use: the least used comes round again
    patterns = [chosen["pattern"]] + [o["pattern"] for o in made]
    assert patterns[: PATTERN_COUNT - 1] == list(range(1, PATTERN_COUNT))
    assert all(a != b for a, b in zip(patterns, patterns[1:], strict=False))
