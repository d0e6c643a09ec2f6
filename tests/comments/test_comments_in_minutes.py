"""The minutes hold the comments written during the meeting, not those before or after it."""


def test_minutes_hold_the_comments_of_the_meetings_period(board_with_roles, create_card, api):
    board, people = board_with_roles["board"], board_with_roles["people"]
    card = create_card(board, people["coordinator"], board_with_roles["organisation"], title="Café")
    coordinator, partner = api(people["coordinator"]), api(people["partner"])

    def say(body):
        answer = partner.post(
            f"/boards/{board.id}/comments",
            json={"ref_type": "card", "ref_id": card.id, "body": body},
        )
        assert answer.status_code == 201

    meeting = coordinator.post(
        f"/boards/{board.id}/meetings",
        json={"title": "Overleg", "starts_at": "2026-12-01T19:30:00+01:00"},
    ).get_json()
    path = f"/boards/{board.id}/meetings/{meeting['id']}"
    say("ervoor")
    assert coordinator.post(f"{path}/start").status_code == 200
    say("tijdens\nhet overleg")
    assert coordinator.post(f"{path}/end").status_code == 200
    say("erna")
    minutes = coordinator.get(f"{path}/minutes").get_json()
    assert [(c["author"], c["about"], c["body"]) for c in minutes["comments"]] == [
        ("Partner", "Café", "tijdens\nhet overleg")
    ]
    markdown = coordinator.get(f"{path}/minutes.md").get_data(as_text=True)
    assert "**Partner** over ‘Café’: tijdens het overleg" in markdown
    assert "ervoor" not in markdown and "erna" not in markdown
