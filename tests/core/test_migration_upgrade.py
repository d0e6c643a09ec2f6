"""The migrations build the schema the models describe, and the app works on it."""

import logging
from contextlib import contextmanager

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import inspect

from app import create_app
from app.auth.services import create_user, issue_token
from app.config import TestConfig
from app.extensions import db
from tests.plugin import ApiClient, new_card


@contextmanager
def _logging_kept():
    """Undo what alembic's fileConfig does to logging, so later tests log as before."""
    loggers = [
        logger
        for logger in logging.root.manager.loggerDict.values()
        if isinstance(logger, logging.Logger)
    ]
    disabled = {logger: logger.disabled for logger in loggers}
    level, handlers = logging.root.level, list(logging.root.handlers)
    try:
        yield
    finally:
        for logger, was_disabled in disabled.items():
            logger.disabled = was_disabled
        logging.root.setLevel(level)
        logging.root.handlers[:] = handlers


def test_upgrade_on_an_empty_database_matches_the_models(tmp_path):
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/migrated.db")
    with app.app_context():
        with _logging_kept():
            upgrade()
        tables = set(inspect(db.engine).get_table_names())
        assert {"boards", "cards", "events", "phases", "lanes", "presences"} <= tables
        with db.engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "render_as_batch": True}
            )
            diffs = compare_metadata(context, db.metadata)
        assert diffs == []

        token = issue_token(create_user("regie@voorbeeld.nl", "Regie", "lang-wachtwoord-1"))
        client = ApiClient(app, token)
        board = client.post("/boards", json={"name": "Na migratie", "lanes": ["Baan"]})
        assert board.status_code == 201
        board = board.get_json()
        organisation = client.post(
            f"/boards/{board['id']}/organisations", json={"name": "Loket"}
        ).get_json()
        card = client.post(
            f"/boards/{board['id']}/cards", json=new_card(board, organisation, "Keukentafelgesprek")
        )
        assert card.status_code == 201
        events = client.get(f"/boards/{board['id']}/events?after=0").get_json()["events"]
        assert [e["type"] for e in events][-1] == "card.created"
        db.session.remove()
        db.engine.dispose()
