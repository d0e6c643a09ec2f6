"""`flask notify` over a real SMTP server: one daily digest per day without the person's own
changes, batched "every change" mails, nothing when off; running twice sends nothing twice."""

import threading
from datetime import timedelta

from app.extensions import db
from app.models import AuditEntry, OutgoingMail
from app.models._types import utcnow
from app.notify.services.mailing import run
from tests.notify.helpers import add_card, local, notify, outbox_for, plain, received


def test_notify_twice_sends_one_digest_without_the_persons_own_changes(
    app, smtp, board_with_roles, api
):
    people = board_with_roles["people"]
    partner, coordinator = people["partner"], people["coordinator"]
    add_card(api, coordinator, board_with_roles, "Warmtescan aan huis")
    add_card(api, partner, board_with_roles, "Eigen kaart van de partner")

    assert notify(local(6, 30)) == 0  # before DIGEST_HOUR (7): no digest yet
    assert notify(local(7, 10)) >= 1
    assert notify(local(7, 20)) == 0  # the same day again: nothing
    assert len(outbox_for(partner)) == 1

    (mail,) = received(smtp, partner)
    text = plain(mail)
    assert "Coordinator maakte kaart ‘Warmtescan aan huis’" in text
    assert "Eigen kaart van de partner" not in text
    assert "Warmtescan aan huis" in mail.get_body(("html",)).get_content()
    assert board_with_roles["board"].name in mail["Subject"]

    # The next day: only what changed since, and again once.
    add_card(api, coordinator, board_with_roles, "Energiecoach")
    assert notify(local(7, 5, days=2)) >= 1
    assert notify(local(9, 0, days=2)) == 0
    mails = received(smtp, partner, 2)
    assert "Energiecoach" in plain(mails[1]) and "Warmtescan" not in plain(mails[1])


def test_immediate_batches_changes_in_ten_minutes(smtp, board_with_roles, api):
    people = board_with_roles["people"]
    partner, coordinator = people["partner"], people["coordinator"]
    board_id = board_with_roles["board"].id
    chosen = api(partner).put(f"/boards/{board_id}/notifications/me", json={"mode": "immediate"})
    assert chosen.status_code == 200 and chosen.get_json() == {"mode": "immediate"}
    add_card(api, coordinator, board_with_roles, "Eerste wijziging")
    add_card(api, coordinator, board_with_roles, "Tweede wijziging")

    start = local(3, 0)  # any hour: immediate does not wait for the digest hour
    notify(start)
    assert len(outbox_for(partner)) == 1
    add_card(api, coordinator, board_with_roles, "Derde wijziging")
    notify(local(3, 5))  # within the window: held back
    assert len(outbox_for(partner)) == 1
    notify(local(3, 10))
    assert len(outbox_for(partner)) == 2

    first, second = received(smtp, partner, 2)
    assert "Eerste wijziging" in plain(first) and "Tweede wijziging" in plain(first)
    assert "Derde wijziging" in plain(second) and "Eerste wijziging" not in plain(second)


def test_off_sends_nothing_and_on_again_skips_the_quiet_time(app, board_with_roles, api):
    people = board_with_roles["people"]
    partner, coordinator = people["partner"], people["coordinator"]
    board_id = board_with_roles["board"].id
    assert (
        api(partner).put(f"/boards/{board_id}/notifications/me", json={"mode": "off"}).status_code
        == 200
    )
    add_card(api, coordinator, board_with_roles, "Tijdens de stilte")
    notify(local(8, 0))
    assert outbox_for(partner) == []

    assert (
        api(partner).put(f"/boards/{board_id}/notifications/me", json={"mode": "daily"}).status_code
        == 200
    )
    add_card(api, coordinator, board_with_roles, "Na de stilte")
    notify(local(8, 0, days=2))
    (mail,) = outbox_for(partner)
    assert "Na de stilte" in mail.text and "Tijdens de stilte" not in mail.text


def test_concurrent_runs_send_one_digest(app, board_with_roles, api):
    people = board_with_roles["people"]
    add_card(api, people["coordinator"], board_with_roles, "Gelijktijdig")
    moment = local(8, 0)
    errors = []

    def one_run():
        try:
            with app.app_context():
                run(moment)
        except Exception as exc:  # noqa: BLE001 (a failed run must fail the test, not vanish)
            errors.append(exc)

    threads = [threading.Thread(target=one_run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    assert len(outbox_for(people["partner"])) == 1
    assert len(outbox_for(people["viewer"])) == 1


def test_a_digest_speaks_the_recipients_language(app, board_with_roles, api):
    people = board_with_roles["people"]
    partner = people["partner"]
    db.session.execute(db.update(type(partner)).filter_by(id=partner.id).values(locale="en"))
    db.session.commit()
    add_card(api, people["coordinator"], board_with_roles, "Taaltest")
    notify(local(8, 0))
    (mail,) = outbox_for(partner)
    assert "created card ‘Taaltest’" in mail.text
    assert (mail.headers or {}).get("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"
    assert db.session.query(OutgoingMail).count() >= 2


def test_the_command_mails_what_is_due_and_prunes_the_audit_log(app, smtp, board_with_roles, api):
    people = board_with_roles["people"]
    add_card(api, people["coordinator"], board_with_roles, "Via cron")
    old = AuditEntry(action="logout", actor="oud@testdorp.nl", at=utcnow() - timedelta(days=400))
    db.session.add_all([old, AuditEntry(action="logout", actor="nieuw@testdorp.nl")])
    db.session.commit()
    app.config["DIGEST_HOUR"] = 0  # whenever the test runs, the digest is due

    result = app.test_cli_runner().invoke(args=["notify"])
    assert result.exit_code == 0, result.output
    assert "pruned 1 audit rows" in result.output
    assert smtp.messages, "the command ends with its mail delivered"
    assert {m["To"] for m in smtp.messages} >= {people["partner"].email, people["viewer"].email}
    actors = db.session.execute(db.select(AuditEntry.actor)).scalars().all()
    assert "oud@testdorp.nl" not in actors and "nieuw@testdorp.nl" in actors
    again = app.test_cli_runner().invoke(args=["notify"])
    assert "Queued 0 mails" in again.output
