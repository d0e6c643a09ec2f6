"""`flask notify`: per person and board, the batched changes or the daily digest and the
reminders, through the outbox; then the audit log's pruning.

Running it twice sends nothing twice: each person×board has watermarks (the last event seq told,
when the last mail went, the day of the last digest) and each reminder a sent row keyed by
(person, kind, what, due date). Concurrent runs do not double-send either: each person×board is
one write that locks its setting row first and decides under that lock.
"""

from contextlib import nullcontext
from datetime import datetime, timedelta

from flask import current_app, has_request_context, url_for
from flask_babel import force_locale, to_user_timezone
from sqlalchemy.exc import IntegrityError

from app.audit.services import prune
from app.extensions import db
from app.mail.services import queue, valid_address
from app.models import Board, Membership, NotificationSetting, SentReminder, User
from app.models._types import utcnow
from app.notify import content
from app.notify.services.preferences import claim_setting, unsubscribe_token
from app.transaction import write

# "Every change as it happens": at most one mail per person and board in this window. The few
# seconds' grace keeps a cron run every 10 minutes from skipping a turn by a late start.
BATCH = timedelta(minutes=10) - timedelta(seconds=5)
# A person's first mail about a board tells at most the last day, not the board's whole history.
FIRST_LOOK_BACK = timedelta(days=1)


def run(now: datetime | None = None) -> dict:
    """Send what is due to everyone; prune the audit log. Return what was done, counted."""
    now = now or utcnow()
    pairs = db.session.execute(
        db.select(Membership.board_id, Membership.user_id)
        .join(Board, Board.id == Membership.board_id)
        .where(Board.archived_at.is_(None))
        .order_by(Membership.board_id, Membership.user_id)
    ).all()
    mails = 0
    with _links():
        for board_id, user_id in pairs:
            try:
                mails += notify_member(board_id, user_id, now)
            except IntegrityError:
                continue  # a concurrent run made this person's row first: it mails them
    return {"mails": mails, "pruned": prune(now)}


def _links():
    # Links in mails are absolute; a cron run has no request to take the host from.
    if has_request_context():
        return nullcontext()
    return current_app.test_request_context(base_url=current_app.config["BASE_URL"])


def _due(setting: NotificationSetting, now: datetime) -> bool:
    if setting.mode == "immediate":
        return setting.last_mailed_at is None or now - setting.last_mailed_at >= BATCH
    local = to_user_timezone(now)
    return (
        setting.mode == "daily"
        and local.hour >= current_app.config["DIGEST_HOUR"]
        and setting.last_digest_on != local.date()
    )


@write
def notify_member(board_id: int, user_id: int, now: datetime) -> int:
    """Mail one person what is due about one board; return 1 when a mail was queued, else 0."""
    setting = claim_setting(board_id, user_id)  # the lock: a concurrent run waits here
    membership = db.session.execute(
        db.select(Membership).filter_by(board_id=board_id, user_id=user_id)
    ).scalar_one_or_none()
    board = db.session.get(Board, board_id)
    if membership is None or board is None:
        return 0
    if setting.last_seq is None:
        setting.last_seq = content.seq_before(board_id, now - FIRST_LOOK_BACK)
    if setting.mode == "off":
        setting.last_seq = board.seq  # switched on again later: no mail about the quiet time
        return 0
    if not _due(setting, now):
        return 0
    user = db.session.get(User, user_id)
    locale = user.locale or "nl"
    with force_locale(locale):
        lines, setting.last_seq = content.changes(board_id, setting.last_seq, user_id)
        reminders = content.reminders(board_id, user_id, membership.organisation_id, now)
    if setting.mode == "daily":
        setting.last_digest_on = to_user_timezone(now).date()
    if not (lines or reminders) or not valid_address(user.email):
        return 0
    _mail(user, board, setting.mode, locale, lines, reminders)
    for reminder in reminders:
        db.session.add(
            SentReminder(
                user_id=user_id,
                board_id=board_id,
                kind=reminder.kind,
                ref_id=reminder.ref_id,
                due_on=reminder.due_on,
            )
        )
    setting.last_mailed_at = now
    return 1


def _mail(user: User, board: Board, mode: str, locale: str, lines: list, reminders: list) -> None:
    unsubscribe = url_for(
        "notify.unsubscribe", token=unsubscribe_token(user.id, board.id), _external=True
    )
    queue(
        user.email,
        "notify",
        locale,
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
        board_name=board.name,
        board_url=url_for("boards.show", board_id=board.id, _external=True),
        settings_url=url_for("notify.preferences", board_id=board.id, _external=True),
        unsubscribe_url=unsubscribe,
        daily=mode == "daily",
        changes=lines[: content.MOST_CHANGES],
        more=max(len(lines) - content.MOST_CHANGES, 0),
        steps=[r for r in reminders if r.kind == "next_step"],
        meetings=[r for r in reminders if r.kind == "meeting"],
    )
