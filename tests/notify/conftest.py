"""The real SMTP server of the mail tests, for the notify tests, and a look back that fits them."""

from datetime import timedelta

import pytest

from app.notify.services import mailing
from tests.mail.conftest import smtp  # noqa: F401 (the fixture)


@pytest.fixture(autouse=True)
def look_back_over_the_test_days(monkeypatch):
    """The tests run `notify` at fixed local hours tomorrow and the day after (tests/notify/
    helpers.py `local`). A person's first run looks back one day: at night (00:00–07:00 in
    Amsterdam) tomorrow's 07:10 is more than a day after changes made now, so they would fall
    before it. Three days covers every hour the tests use, whenever they run."""
    monkeypatch.setattr(mailing, "FIRST_LOOK_BACK", timedelta(days=3))
