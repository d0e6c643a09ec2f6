"""Invitations by e-mail over a real SMTP server: the mail arrives (plain text and HTML, in the
recipient's language) with a link that works once; with the SMTP server down the invitation is
kept and the mail goes out when the server is back; no server configured: the log has it."""

import logging

from app.extensions import db
from app.models import Membership, OutgoingMail
from tests.plugin import wait_for


def _invite(client, board, **body):
    return client.post(f"/boards/{board.id}/invitations", json={"role": "partner", **body})


def _link_in(message) -> str:
    text = message.get_body(("plain",)).get_content()
    return next(line for line in text.splitlines() if "/invite/" in line).strip()


def test_an_invitation_mail_arrives_with_a_link_that_works_once(
    smtp, board_with_roles, api, web, create_user
):
    board, coordinator = board_with_roles["board"], board_with_roles["people"]["coordinator"]
    organisation = board_with_roles["organisation"]
    response = _invite(
        api(coordinator), board, email="Nieuw@Testdorp.nl", organisation_id=organisation.id
    )
    assert response.status_code == 201
    answer = response.get_json()
    assert {"id", "email", "role", "url", "expires_at"} <= set(answer)
    assert answer["email"] == "nieuw@testdorp.nl"
    assert wait_for(lambda: smtp.messages, 10), "no mail within 10 s"
    mail = smtp.messages[0]
    assert mail["To"] == "nieuw@testdorp.nl" and board.name in mail["Subject"]
    assert mail.is_multipart()
    html = mail.get_body(("html",)).get_content()
    url = _link_in(mail)
    assert url == answer["url"] and f'href="{url}"' in html

    newcomer = create_user(email="nieuw@testdorp.nl")
    page = web(newcomer)
    path = url.split("localhost", 1)[1]
    assert page.post(path).status_code == 302
    db.session.rollback()
    membership = db.session.execute(
        db.select(Membership).filter_by(board_id=board.id, user_id=newcomer.id)
    ).scalar_one()
    assert (membership.role, membership.organisation_id) == ("partner", organisation.id)
    again = page.get(path)
    assert again.status_code == 410 and "al gebruikt" in again.get_data(as_text=True)


def test_the_mail_speaks_the_recipients_language(smtp, board_with_roles, api, create_user):
    board, coordinator = board_with_roles["board"], board_with_roles["people"]["coordinator"]
    english = create_user(email="english@testdorp.nl")
    db.session.execute(db.update(type(english)).filter_by(id=english.id).values(locale="en"))
    db.session.commit()
    assert _invite(api(coordinator), board, email=english.email).status_code == 201
    assert _invite(api(coordinator), board, email="nl@testdorp.nl").status_code == 201
    assert wait_for(lambda: len(smtp.messages) == 2, 10)
    subjects = {m["To"]: m["Subject"] for m in smtp.messages}
    assert subjects[english.email].startswith("Invitation")
    assert subjects["nl@testdorp.nl"].startswith("Uitnodiging")


def test_smtp_down_keeps_the_invitation_and_sends_when_it_returns(smtp, board_with_roles, api):
    board, coordinator = board_with_roles["board"], board_with_roles["people"]["coordinator"]
    smtp.stop()
    response = _invite(api(coordinator), board, email="later@testdorp.nl")
    assert response.status_code == 201  # the page does not wait for, nor fail on, SMTP

    def tried() -> bool:
        db.session.rollback()
        return bool(db.session.execute(db.select(OutgoingMail.attempts)).scalar())

    assert wait_for(tried, 10), "the sender did not try"
    listed = api(coordinator).get(f"/boards/{board.id}/invitations").get_json()["invitations"]
    assert [i["email"] for i in listed] == ["later@testdorp.nl"]
    smtp.start()
    assert wait_for(lambda: smtp.messages, 20), "the mail did not go out after the server returned"
    assert smtp.messages[0]["To"] == "later@testdorp.nl"

    def marked_sent() -> bool:
        # The server has the mail before the sender commits `sent_at`: wait for both.
        db.session.rollback()
        return db.session.execute(db.select(OutgoingMail.sent_at)).scalar() is not None

    assert wait_for(marked_sent, 10), "the mail went out but the outbox never marked it sent"
    mail = db.session.execute(db.select(OutgoingMail)).scalar_one()
    assert mail.attempts >= 1


def test_without_a_mail_server_the_log_has_the_mail_and_the_page_the_link(
    board_with_roles, web, caplog
):
    board, coordinator = board_with_roles["board"], board_with_roles["people"]["coordinator"]
    with caplog.at_level(logging.WARNING, logger="app.mail.sender"):
        page = web(coordinator).post(
            f"/boards/{board.id}/invites", data={"role": "viewer", "email": "log@testdorp.nl"}
        )
        text = page.get_data(as_text=True)
        assert page.status_code == 200 and "per e-mail naar log@testdorp.nl" in text
        url = text.split('id="invite-url"')[0].rsplit('value="', 1)[1].split('"')[0]
        assert wait_for(lambda: url in caplog.text, 10)


def test_bad_invitations_are_refused_and_nothing_is_mailed(board_with_roles, api, snapshot):
    board, people = board_with_roles["board"], board_with_roles["people"]
    client = api(people["coordinator"])
    before = snapshot()
    member = _invite(client, board, email=people["partner"].email)
    assert member.status_code == 409 and "al lid" in member.get_json()["error"]["message"]
    assert _invite(client, board, email="a@b.nl\r\nBcc: x@y.nl").status_code == 422
    assert _invite(client, board, email="geen-adres").status_code == 422
    assert _invite(client, board, organisation_id=999999).status_code == 422
    assert snapshot() == before
