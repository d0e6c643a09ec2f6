"""Single sign-on in Chromium, end to end: a real server (`python wsgi.py`) with OIDC_* set and a
real provider (oidc-provider): the button on /login → the provider's sign-in form → back,
signed in, the account made once; a second sign-in reuses it; a refusal lands on /login with
its message. With SIGNIN_SHOTS=DIR the pages are saved there at 1280x800, 1920x1080 and 390x844."""

import sqlite3

import pytest
from playwright.sync_api import expect

from tests.auth.oidc_provider import Provider, need_node
from tests.browser.conftest import LiveServer
from tests.browser.test_signin_pages import _shoot

pytestmark = pytest.mark.browser

LABEL = "Inloggen met je Testdorp-account"


@pytest.fixture(scope="module")
def sso_server(tmp_path_factory):
    """A server whose /login offers SSO against a provider that knows its callback."""
    need_node()
    folder = tmp_path_factory.mktemp("sso")
    server = LiveServer(folder)
    provider = Provider([f"{server.url}/login/oidc/callback"])
    server.env.update(provider.settings(OIDC_LABEL=LABEL))
    server.start()
    server.database = folder / "brugwerk.db"
    yield server
    server.stop()
    provider.stop()


def _accounts(server, email: str) -> list[tuple]:
    with sqlite3.connect(server.database) as database:
        return database.execute(
            "SELECT id, password_hash FROM users WHERE email = ?", (email,)
        ).fetchall()


def _sign_in_at_provider(page, login: str) -> None:
    page.get_by_role("link", name=LABEL).click()
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("wat-dan-ook")
    page.get_by_role("button", name="Sign-in").click()


def test_sign_in_with_the_organisation_account(browser, sso_server, axe):
    for visit in range(2):
        context = browser.new_context(base_url=sso_server.url, locale="nl-NL")
        context.set_default_timeout(15_000)
        page = context.new_page()
        page.goto("/login")
        if visit == 0:
            assert axe(page) == []
            _shoot(page, "login-sso")
        password_form = page.locator("form:has(input[name=password])")
        assert password_form.get_by_role("link", name=LABEL).count() == 0  # outside the form
        _sign_in_at_provider(page, "anna@testdorp.nl")
        page.wait_for_url(f"{sso_server.url}/")
        expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
        context.close()
    [(_, password_hash)] = _accounts(sso_server, "anna@testdorp.nl")  # made once, reused
    assert password_hash is None


def test_a_refusal_is_shown_on_the_login_page(browser, sso_server, axe):
    context = browser.new_context(base_url=sso_server.url, locale="nl-NL")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto("/login")
    _sign_in_at_provider(page, "unverified@testdorp.nl")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("niet bevestigd")
    assert "/login/oidc/callback" in page.url
    assert page.get_by_role("button", name="Uitloggen").count() == 0
    assert axe(page) == []
    _shoot(page, "login-sso-refused")
    assert _accounts(sso_server, "unverified@testdorp.nl") == []
    context.close()
