"""A mention mails the member it names, once, in their language; never a non-member or the
author; editing the comment does not mail again (a real SMTP server, tests/mail/conftest.py)."""

import time

from app.extensions import db
from tests.plugin import wait_for


def test_a_mention_mails_each_member_once_in_their_language(smtp, board_with_roles, api):
    board, people = board_with_roles["board"], board_with_roles["people"]
    viewer = people["viewer"]
    db.session.execute(db.update(type(viewer)).filter_by(id=viewer.id).values(locale="en"))
    db.session.commit()
    card = (
        api(people["coordinator"])
        .post(
            f"/boards/{board.id}/cards",
            json={
                "phase_id": board.phases[0].id,
                "lane_id": board.lanes[0].id,
                "organisation_id": board_with_roles["organisation"].id,
                "title": "Energiecafé",
            },
        )
        .get_json()
    )
    partner = api(people["partner"])
    body = "@Coordinator en @Viewer: kijken jullie mee? Niet @Outsider, niet @Partner."
    comment = partner.post(
        f"/boards/{board.id}/comments",
        json={"ref_type": "card", "ref_id": card["id"], "body": body},
    ).get_json()
    assert wait_for(lambda: len(smtp.messages) == 2, 10), smtp.messages
    by_address = {m["To"]: m for m in smtp.messages}
    assert set(by_address) == {people["coordinator"].email, viewer.email}
    assert by_address[people["coordinator"].email]["Subject"].startswith("Partner noemde je")
    assert by_address[viewer.email]["Subject"].startswith("Partner mentioned you")
    text = by_address[viewer.email].get_body(("plain",)).get_content()
    assert "kijken jullie mee?" in text
    assert f"/boards/{board.id}/cards/{card['id']}/comments" in text

    partner.patch(
        f"/boards/{board.id}/comments/{comment['id']}", json={"body": body + " Graag vóór vrijdag."}
    )
    time.sleep(1.5)  # a second mail would be out within this (mail goes out within seconds)
    assert len(smtp.messages) == 2
