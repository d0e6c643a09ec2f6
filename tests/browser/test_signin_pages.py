"""The sign-in and audit pages in Chromium: asking for a sign-in link from /login, opening it (one
button), the used link, the board's audit log and the members section after an invitation by
e-mail; each without WCAG violations. With SIGNIN_SHOTS=DIR the states are also saved there at
1280x800, 1920x1080 and 390x844."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.conftest import ROOT
from tests.plugin import wait_for

pytestmark = pytest.mark.browser

SIZES = [(1280, 800), (1920, 1080), (390, 844)]


def _shoot(page, name: str, part: str | None = None) -> None:
    folder = os.environ.get("SIGNIN_SHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        path = f"{folder}/{name}-{width}x{height}.png"
        if part:
            page.locator(part).screenshot(path=path)
        else:
            page.screenshot(path=path, full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})


def _links(server) -> list[str]:
    """The sign-in links the server wrote to its log so far (it has no MAIL_SERVER)."""
    return re.findall(r"(http://\S+/login/link/\S+)", server.log_path.read_text())


def _mailed_link(server, email: str, before: int) -> str:
    """The sign-in link mailed after `before` links; it is made and mailed after the answer, so
    wait for it a little."""
    assert wait_for(lambda: len(_links(server)) > before, 10), f"no sign-in link for {email}"
    return _links(server)[-1]


def test_sign_in_by_link_in_the_browser(actors, demo, axe, live_server):
    page = actors.page(None, "/login", name="anonymous")
    password_form = page.locator("form:has(input[name=password])")
    assert password_form.locator("[type=submit]").count() == 1  # the link form is outside it
    _shoot(page, "login")
    link_form = page.locator("form[action='/login/link']")
    link_form.locator("input[name=email]").fill("geen-adres@x")
    link_form.get_by_role("button", name="Stuur mij een inloglink").click()
    page.wait_for_load_state()
    link_form = page.locator("form[action='/login/link']")
    if page.get_by_role("alert").count():  # the browser let it through: the server's message
        _shoot(page, "login-link-error")
    link_form.locator("input[name=email]").fill(demo.partner_a)
    before = len(_links(live_server))
    link_form.get_by_role("button", name="Stuur mij een inloglink").click()
    page.get_by_role("heading", name="Kijk in je e-mail").wait_for()
    assert axe(page) == []
    _shoot(page, "link-sent")

    url = _mailed_link(live_server, demo.partner_a, before)
    opened = actors.page(None, url, name="link")
    assert axe(opened) == []
    _shoot(opened, "link-open")
    opened.get_by_role("button", name="Inloggen").click()
    opened.wait_for_url(lambda u: "/login" not in u)
    again = actors.page(None, url, name="used")
    again.get_by_role("heading", name="Deze inloglink werkt niet meer").wait_for()
    assert axe(again) == []
    _shoot(again, "link-used")


def test_audit_log_and_invitation_by_mail(actors, demo, axe, live_server):
    page = actors.page(demo.coordinator, f"/boards/{demo.board}/settings#members", name="coord")
    page.fill("#invite-email", "nieuwe.partner@testdorp.nl")
    page.get_by_role("button", name="Uitnodigingslink maken").click()
    page.get_by_text("De uitnodiging gaat per e-mail naar nieuwe.partner@testdorp.nl").wait_for()
    assert axe(page, "#members") == []
    _shoot(page, "members-invited", "#members")

    audit = actors.page(demo.coordinator, f"/boards/{demo.board}/audit", name="audit")
    audit.get_by_role("cell", name=re.compile("Uitnodiging gemaakt")).first.wait_for()
    assert axe(audit) == []
    _shoot(audit, "board-audit")
    audit.goto(f"/boards/{demo.board}/audit?from=gisteren")
    assert audit.get_by_role("alert").count() == 1
    _shoot(audit, "board-audit-bad-filter")

    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "users", "admin", demo.coordinator],
        cwd=ROOT,
        env=live_server.env,
        check=True,
        capture_output=True,
    )
    whole = actors.page(demo.coordinator, "/audit", name="admin-audit")
    whole.get_by_role("cell", name=re.compile("Ingelogd")).first.wait_for()
    assert axe(whole) == []
    _shoot(whole, "admin-audit")
