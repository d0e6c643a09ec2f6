"""Helpers of the notify tests: make changes as a person, run `notify`, read what was mailed."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from app.extensions import db
from app.models import Membership, OutgoingMail
from app.notify.services.mailing import run
from tests.plugin import new_card, wait_for

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def local(hour: int, minute: int = 0, days: int = 1) -> datetime:
    """Return a moment `days` from today at the local (Amsterdam) hour, in UTC."""
    day = datetime.now(AMSTERDAM).date() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMSTERDAM).astimezone(UTC)


def add_card(api, user, setup, title: str) -> None:
    board, organisation = setup["board"], setup["organisation"]
    response = api(user).post(
        f"/boards/{board.id}/cards", json=new_card(board, organisation, title)
    )
    assert response.status_code == 201, response.get_json()


def notify(now: datetime) -> int:
    """Run `flask notify` at a moment; return how many mails it queued."""
    return run(now)["mails"]


def outbox_for(user) -> list[OutgoingMail]:
    db.session.rollback()
    return list(
        db.session.execute(
            db.select(OutgoingMail).filter_by(recipient=user.email).order_by(OutgoingMail.id)
        ).scalars()
    )


def received(smtp, user, count: int = 1) -> list:
    """Wait until the SMTP server has `count` mails for the person; return them."""

    def mine():
        return [m for m in smtp.messages if m["To"] == user.email]

    assert wait_for(lambda: len(mine()) >= count, 10), f"{len(mine())} mails for {user.email}"
    return mine()


def plain(message) -> str:
    return message.get_body(("plain",)).get_content()


def link_to_organisation(setup, user) -> None:
    db.session.execute(
        db.update(Membership)
        .filter_by(board_id=setup["board"].id, user_id=user.id)
        .values(organisation_id=setup["organisation"].id)
    )
    db.session.commit()
