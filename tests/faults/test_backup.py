"""`flask backup` / `flask restore` round-trip a database: SQLite, PostgreSQL, and portable JSON."""

import pytest

from app import create_app
from app.auth.services import create_user
from app.boards.services import create_board
from app.cards.services import create_card, update_card
from app.config import TestConfig
from app.extensions import db
from app.models import Board, Card, Event, User
from app.permissions import Actor
from app.structure.services import create_organisation
from tests.plugin import PASSWORD


def _fill(app) -> tuple[Actor, int, int]:
    with app.test_request_context():
        owner = create_user("regie@backup.test", "Regie ✓", PASSWORD)
        actor = Actor(user=owner)
        board = create_board(actor, "Gemeente Back-up", lane_template="measure_type")
        org = create_organisation(actor, board.id, "Loket", "energieloket", "#0b5fa5")
        card = create_card(
            actor,
            board.id,
            board.phases[0].id,
            org.id,
            "Keukentafel 🏠",
            lane_id=board.lanes[0].id,
            capacity_per_year=120,
        )
        return actor, board.id, card.id


def _state() -> dict:
    db.session.remove()
    return {
        "users": sorted(db.session.execute(db.select(User.email, User.password_hash)).all()),
        "boards": sorted(db.session.execute(db.select(Board.id, Board.name, Board.seq)).all()),
        "cards": sorted(
            (c.id, c.title, c.version, c.position, c.created_at)
            for c in db.session.execute(db.select(Card)).scalars()
        ),
        "events": db.session.execute(db.select(db.func.count()).select_from(Event)).scalar(),
    }


def _round_trip(app, tmp_path, fmt: str | None) -> None:
    actor, board_id, card_id = _fill(app)
    runner = app.test_cli_runner()
    target = tmp_path / f"backup.{fmt or 'native'}"
    result = runner.invoke(args=["backup", str(target), *(["--format", fmt] if fmt else [])])
    assert result.exit_code == 0, result.output
    saved = _state()
    with app.test_request_context():  # changes after the backup must disappear on restore
        update_card(actor, board_id, card_id, 1, {"title": "Later gewijzigd"})
        create_board(actor, "Later gemaakt")
    assert _state() != saved
    result = runner.invoke(
        args=["restore", str(target), "--yes", *(["--format", fmt] if fmt else [])]
    )
    assert result.exit_code == 0, result.output
    assert _state() == saved
    with app.test_request_context():  # and the restored database takes new writes
        create_board(actor, "Na het terugzetten")
    assert len(_state()["boards"]) == len(saved["boards"]) + 1


@pytest.mark.parametrize("fmt", [None, "json"])
def test_sqlite_backup_and_restore_round_trip(app, tmp_path, fmt):
    _round_trip(app, tmp_path, fmt)


def test_restore_refuses_a_file_that_is_not_a_backup(app, tmp_path):
    _fill(app)
    before = _state()
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    result = app.test_cli_runner().invoke(args=["restore", str(junk), "--yes"])
    assert result.exit_code != 0
    assert _state() == before
    existing = tmp_path / "exists.db"
    existing.write_text("x")
    assert app.test_cli_runner().invoke(args=["backup", str(existing)]).exit_code != 0


@pytest.mark.postgres
@pytest.mark.parametrize("fmt", [None, "json"])
def test_postgres_backup_and_restore_round_trip(postgres_database, tmp_path, fmt):
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=postgres_database)
    with app.app_context():
        db.create_all()
        try:
            _round_trip(app, tmp_path, fmt)
        finally:
            db.session.remove()
            db.engine.dispose()
