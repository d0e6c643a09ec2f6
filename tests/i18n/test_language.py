"""Dutch first; English by choice (remembered per user) or by the browser's language."""

from datetime import date, datetime

import pytest
from flask_babel import force_locale

from app.i18n import date_filter, datetime_filter, percent_filter
from tests.plugin import PASSWORD


@pytest.fixture
def page(app):
    """Return page(client, method, path, **kw) -> text, each request in its own app context.

    The root `app` fixture keeps one app context pushed; Flask-Babel caches the chosen locale
    in its `g`, so requests sharing it would keep the first request's language.
    """

    def fetch(client, path: str, method: str = "get", **kwargs) -> str:
        with app.app_context():
            return getattr(client, method)(path, **kwargs).get_data(as_text=True)

    return fetch


def test_dutch_is_the_default_and_the_browser_language_chooses_english(client, page):
    assert "Inloggen bij Brugwerk" in page(client, "/login")
    english = page(client, "/login", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert "Log in to Brugwerk" in english
    assert '<html lang="en">' in english


def test_switching_to_english_shows_english_on_the_login_page_and_board_list(
    app, client, page, create_user, create_board
):
    page(client, "/locale", "post", data={"locale": "en", "next": "/login"})
    login_page = page(client, "/login")
    assert "Log in to Brugwerk" in login_page and "Inloggen bij" not in login_page
    assert ">Nederlands</button>" in login_page  # the switch now offers the way back

    user = create_user(name="Anna")
    create_board(owner=user, name="Gemeente Voorbeeld")
    page(client, "/login", "post", data={"email": user.email, "password": PASSWORD})
    boards = page(client, "/")
    assert "My boards" in boards and "Mijn borden" not in boards
    assert "Gemeente Voorbeeld" in boards  # content stays as people wrote it


def test_the_choice_is_remembered_for_the_user_on_another_device(app, page, create_user):
    user = create_user()
    laptop, phone = app.test_client(), app.test_client()
    page(laptop, "/login", "post", data={"email": user.email, "password": PASSWORD})
    page(laptop, "/locale", "post", data={"locale": "en", "next": "/"})
    page(phone, "/login", "post", data={"email": user.email, "password": PASSWORD})
    assert "My boards" in page(phone, "/")


def test_dates_and_numbers_follow_the_language(app):
    moment = datetime(2026, 11, 26, 13, 5)  # UTC; shown in Europe/Amsterdam
    template = app.jinja_env.from_string("{{ value | number }}")

    def number(value, **context):
        return template.render(value=value, **context)

    with app.test_request_context():
        with force_locale("nl"):
            assert date_filter(date(2026, 3, 1)) == "1 maart 2026"
            assert datetime_filter(moment) == "26 november 2026 14:05"
            assert number(1234567.5) == "1.234.567,5"
            # Whole numbers take a fast path; it must agree with Babel, from Babel's locale or
            # from the page's (the context wins: it is what the page is rendered in).
            assert number(1234567) == "1.234.567" and number(-1200) == "-1.200"
            assert number(999) == "999" and number(0) == "0" and number(None) == "–"
            assert number(1200, current_locale="en") == "1,200"
            assert percent_filter(0.85) == "85%"
            assert date_filter(None) == "–"
        with force_locale("en"):
            assert date_filter(date(2026, 3, 1)) == "March 1, 2026"
            assert number(1234567.5) == "1,234,567.5"
            assert number(1234567) == "1,234,567"
