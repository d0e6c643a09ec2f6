"""One-click unsubscribe (RFC 8058): every notify mail names the link in List-Unsubscribe; a
POST to it turns the person's mail about the board off without sign-in; a GET does not."""

from app.extensions import db
from app.models import NotificationSetting
from tests.notify.helpers import add_card, local, notify, received


def _mode(app, board_id: int, user_id: int) -> str | None:
    db.session.rollback()
    return db.session.execute(
        db.select(NotificationSetting.mode).filter_by(board_id=board_id, user_id=user_id)
    ).scalar_one_or_none()


def test_the_one_click_post_turns_mail_off_and_a_get_does_not(app, smtp, board_with_roles, api):
    people, board = board_with_roles["people"], board_with_roles["board"]
    partner = people["partner"]
    add_card(api, people["coordinator"], board_with_roles, "Afmeldtest")
    notify(local(8, 0))
    (mail,) = received(smtp, partner)
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = mail["List-Unsubscribe"]
    assert header.startswith("<http") and header.endswith(">")
    url = header[1:-1]
    assert "/notifications/unsubscribe/" in url and url in mail.get_body(("plain",)).get_content()
    path = "/notifications/unsubscribe/" + url.rsplit("/", 1)[1]

    app.config["WTF_CSRF_ENABLED"] = True  # a mail program has no session and no CSRF token
    client = app.test_client()
    page = client.get(path)  # what a mail scanner does
    assert page.status_code == 200 and "Afmelden" in page.get_data(as_text=True)
    assert _mode(app, board.id, partner.id) == "daily"

    done = client.post(
        path, data="List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert done.status_code == 200
    assert board.name in done.get_data(as_text=True)
    assert _mode(app, board.id, partner.id) == "off"
    assert api(partner).get(f"/boards/{board.id}/notifications/me").get_json() == {"mode": "off"}

    add_card(api, people["coordinator"], board_with_roles, "Na het afmelden")
    notify(local(8, 0, days=2))
    assert len([m for m in smtp.messages if m["To"] == partner.email]) == 1


def test_a_tampered_link_changes_nothing(app, board_with_roles):
    response = app.test_client().post("/notifications/unsubscribe/WzIsIDFd.vervalst")
    assert response.status_code == 404
    assert "afmeldlink is ongeldig" in response.get_data(as_text=True)
