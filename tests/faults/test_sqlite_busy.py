"""SQLite busy/locked under concurrent writers is retried, never answered with a 500."""

import threading

from sqlalchemy import event

from app import transaction
from app.auth.services import issue_token
from app.extensions import db
from app.permissions import Actor
from app.share.services import create_link

THREADS, ROUNDS = 6, 25


def test_hammering_one_board_with_a_short_busy_timeout_never_answers_500(
    app, board_with_roles, create_card, monkeypatch
):
    board, people = board_with_roles["board"], board_with_roles["people"]
    organisation = board_with_roles["organisation"]
    with app.test_request_context():
        card = create_card(board, people["coordinator"], organisation)
        _link, share_token = create_link(Actor(user=people["coordinator"]), board.id)
    tokens = [issue_token(people[role]) for role in ("coordinator", "partner")] * 3
    busy = []
    real_is_busy = transaction._is_busy
    monkeypatch.setattr(transaction, "_is_busy", lambda exc: busy.append(1) or real_is_busy(exc))

    @event.listens_for(db.engine, "connect")
    def short_busy_timeout(dbapi_connection, _record):  # runs after the app's own pragmas
        dbapi_connection.execute("PRAGMA busy_timeout=5")

    db.session.remove()
    db.engine.dispose()
    statuses: list[tuple[str, int]] = []
    base = f"/api/v1/boards/{board.id}"
    new_card = {
        "phase_id": board.phases[0].id,
        "lane_id": board.lanes[0].id,
        "organisation_id": organisation.id,
        "title": "Drukte",
    }

    def hammer(token: str) -> None:
        client = app.test_client()
        headers = {"Authorization": f"Bearer {token}"}
        for n in range(ROUNDS):
            calls = [
                ("POST", f"{base}/cards", new_card),
                ("PATCH", f"{base}/cards/{card.id}", {"version": 1, "title": f"v{n}"}),
                (
                    "POST",
                    f"{base}/cards/{card.id}/move",
                    {"phase_id": board.phases[n % 2].id, "lane_id": board.lanes[0].id},
                ),
                ("GET", base, None),
                ("GET", f"/s/{share_token}", None),
            ]
            for method, path, body in calls:
                with app.app_context():
                    answer = client.open(path, method=method, json=body, headers=headers)
                statuses.append((f"{method} {path}", answer.status_code))

    threads = [threading.Thread(target=hammer, args=(token,)) for token in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    event.remove(db.engine, "connect", short_busy_timeout)
    errors = [s for s in statuses if s[1] >= 500]
    assert not errors, errors[:10]
    assert len(statuses) == THREADS * ROUNDS * 5
    created = [s for s in statuses if s[0] == f"POST {base}/cards" and s[1] == 201]
    assert len(created) == THREADS * ROUNDS  # every create got through, retried or not
    print(f"\nsqlite busy: {len(statuses)} requests, {len(busy)} busy errors retried")
