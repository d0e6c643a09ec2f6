"""Nothing destructive in one click; invitations for people with an account; all phases at once.

The sweep opens every page a coordinator uses and finds every destructive control: those marked
`data-destructive`, and any button whose words say delete, remove or revoke (an unmarked one fails
the test). Each asks first in the confirmation dialog, and dismissing it changes nothing; for each
kind of thing, confirming does it.
"""

import re
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import COORDINATOR, DEMO_BOARD, PASSWORD

DESTRUCTIVE_WORDS = re.compile(r"verwijder|intrek|trek .* in|delete|remove|revoke", re.I)
DIALOG = "#bw-confirm"


def _pages(api) -> list[str]:
    meeting = api.call(
        "POST",
        f"/boards/{DEMO_BOARD}/meetings",
        {
            "title": "Sweep-overleg",
            "starts_at": (datetime.now(UTC) + timedelta(days=3)).isoformat(),
        },
    )
    api.call(
        "POST", f"/boards/{DEMO_BOARD}/meetings/{meeting['id']}/items", {"title": "Sweep-punt"}
    )
    api.call("POST", f"/boards/{DEMO_BOARD}/share-links", {"label": "Sweep-link"})
    api.call("POST", f"/boards/{DEMO_BOARD}/invitations", {"role": "viewer"})
    base = f"/boards/{DEMO_BOARD}"
    return [
        base,
        f"{base}/settings",
        f"{base}/markers",
        f"{base}/next-steps",
        f"{base}/rounds",
        f"{base}/meetings",
        f"{base}/meetings/{meeting['id']}",
        f"{base}/share-links",
        "/",
    ]


SWEEP_JS = """(words) => {
  const pattern = new RegExp(words, "i");
  const outside = (el) => !el.closest("#bw-confirm, template");
  const said = (el) => `${el.textContent || el.value || ""} ${el.getAttribute("aria-label") || ""}`;
  const marked = [...document.querySelectorAll("[data-destructive]")].filter(outside);
  const unmarked = [...document.querySelectorAll("button, [role=button], input[type=submit]")]
    .filter(outside)
    .filter((el) => pattern.test(said(el)) && !el.hasAttribute("data-destructive"));
  // A control's kind: where it sits and what it says (all of one kind are the same markup).
  const kind = (el) => (el.closest("form, li, tr") || el).className + "|" + el.textContent.trim();
  return [marked.map(kind), unmarked.map((el) => el.outerHTML.slice(0, 160))];
}"""


def _ask_and_dismiss(page, control) -> None:
    """Click a destructive control: the dialog asks; Esc closes it and the page stays as it was."""
    url = page.url
    control.focus()  # by keyboard: card actions drop down under the pointer only on hover
    page.keyboard.press("Enter")
    dialog = page.locator(DIALOG)
    expect(dialog).to_be_visible()
    expect(dialog.locator("button[value=cancel]")).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(control).to_be_focused()  # focus comes back to the control that asked
    page.wait_for_timeout(150)  # time for a request that must not be sent
    assert page.url == url


def test_every_destructive_control_asks_first_and_dismissing_changes_nothing(
    actors, coordinator_api
):
    pages = _pages(coordinator_api)
    before = coordinator_api.board()
    seen = 0
    for path in pages:
        page = actors.page(COORDINATOR, path, name=path)
        page.wait_for_load_state("networkidle")
        for card in page.locator("#bw-canvas li.bw-card[data-card-id]").all()[:2]:
            card.hover()  # a card's controls come with the pointer (canvas.js)
        page.mouse.move(0, 0)  # then away, so that no other card gets its controls meanwhile
        kinds, unmarked = page.evaluate(SWEEP_JS, DESTRUCTIVE_WORDS.pattern)
        assert not unmarked, f"{path}: destructive controls without data-destructive: {unmarked}"
        controls = page.locator("[data-destructive]:not(#bw-confirm [data-destructive])")
        tried: dict[str, int] = {}
        for index, kind in enumerate(kinds):
            if tried.get(kind, 0) >= 2:  # the first two of each kind
                continue
            tried[kind] = tried.get(kind, 0) + 1
            _ask_and_dismiss(page, controls.nth(index))
            seen += 1
        page.close()
    after = coordinator_api.board()
    for kind in ("phases", "lanes", "organisations", "cards", "markers", "handovers", "next_steps"):
        assert len(after[kind]) == len(before[kind]), kind
    assert seen >= 12


def _make(api, kind: str) -> tuple[str, str, callable]:
    """Create one disposable `kind`; return (its page, the selector of its row, is-it-there)."""
    board = api.board()
    base = f"/boards/{DEMO_BOARD}"
    name = f"Weg-{kind}-{datetime.now(UTC).strftime('%H%M%S%f')}"
    collection = {"next_step": "next-steps", "share_link": "share-links"}.get(kind, f"{kind}s")
    body = {
        "phase": {"name": name},
        "lane": {"name": name},
        "organisation": {"name": name},
        "card": {
            "title": name,
            "phase_id": board["phases"][0]["id"],
            "lane_id": board["lanes"][0]["id"],
            "organisation_id": board["organisations"][0]["id"],
        },
        "marker": {"kind": "gap", "phase_id": board["phases"][0]["id"], "title": name},
        "next_step": {"title": name},
        "share_link": {"label": name},
        "invitation": {"role": "viewer", "email": f"{name.lower()}@weg.nl"},
    }[kind]
    made = api.call("POST", f"{base}/{collection}", body)
    page = {
        "phase": "settings",
        "lane": "settings",
        "organisation": "settings",
        "invitation": "settings",
        "card": "",
    }.get(kind, collection)
    row = {
        "card": f"li.bw-card[data-card-id='{made['id']}']",
        "next_step": f"#next-step-{made['id']}",
        "share_link": f"tr:has-text('{name}')",
        "invitation": f"#invite-{made['id']}",
    }.get(kind, f"#{kind}-{made['id']}")
    if kind in ("share_link", "invitation"):
        return f"{base}/{page}".rstrip("/"), row, lambda: _status(made["url"]) == 200
    listed = "next_steps" if kind == "next_step" else f"{kind}s"
    return (
        f"{base}/{page}".rstrip("/"),
        row,
        lambda: any(e["id"] == made["id"] for e in api.board()[listed]),
    )


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.parametrize(
    "kind",
    ["phase", "lane", "organisation", "card", "marker", "next_step", "share_link", "invitation"],
)
def test_confirming_does_it(actors, coordinator_api, ui, kind):
    path, row_selector, exists = _make(coordinator_api, kind)
    page = actors.page(COORDINATOR, path, name=kind)
    if kind == "card":
        ui.wait_live(page)
    row = page.locator(row_selector)
    if kind == "card":
        row.scroll_into_view_if_needed()
        row.hover()  # its controls come with the pointer (canvas.js)
    control = row.locator("[data-destructive]").first
    _ask_and_dismiss(page, control)
    assert exists()
    control.focus()
    page.keyboard.press("Enter")
    page.locator(DIALOG).locator("button[value=ok]").click()
    expect(page.locator(row_selector).locator("[data-destructive]")).to_have_count(
        0
    )  # gone, or revoked
    assert not exists()


def test_someone_with_an_account_accepts_an_invite_from_a_logged_out_start(
    actors, coordinator_api, live_server
):
    invitation = coordinator_api.call(
        "POST", f"/boards/{DEMO_BOARD}/invitations", {"role": "partner"}
    )
    existing = live_server.api("coop@voorbeeld.nl")  # has an account; make sure of its membership
    assert existing.token
    page = actors.page(None, invitation["url"].replace(live_server.url, ""), name="invitee")
    page.get_by_role("link", name="Ik heb al een account — inloggen").click()
    expect(page.get_by_text("Log in om de uitnodiging")).to_be_visible()
    page.fill("input[name=email]", "coop@voorbeeld.nl")
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(rf"/boards/{DEMO_BOARD}$"))
    expect(page.get_by_text("Welkom! Je bent toegevoegd aan het bord.")).to_be_visible()
    assert _status(invitation["url"]) == 410  # used


def test_a_new_invite_link_appears_where_the_button_was_pressed(actors, live_server):
    page = actors.page(COORDINATOR, f"/boards/{DEMO_BOARD}/settings#members", name="settings")
    page.fill("#invite-email", "nieuwe.partner@voorbeeld.nl")
    page.get_by_role("button", name="Uitnodigingslink maken").click()
    link = page.locator("#invite-url")
    expect(link).to_be_focused()
    expect(link).to_be_in_viewport()
    assert link.input_value().startswith(f"{live_server.url}/invite/")
    expect(page.locator("#members")).to_contain_text("nieuwe.partner@voorbeeld.nl")


def test_demand_for_all_phases_in_one_go_and_a_warning_before_leaving(actors, coordinator_api):
    page = actors.page(COORDINATOR, f"/boards/{DEMO_BOARD}/settings#phases", name="settings")
    phases = coordinator_api.board()["phases"]
    demands = {phase["id"]: 100 + 10 * n for n, phase in enumerate(phases)}
    for phase_id, demand in demands.items():
        page.fill(f"#phase-{phase_id}-demand", str(demand))
    # Unsaved input: leaving asks first (beforeunload).
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="Terug naar het canvas").click()
    page.wait_for_timeout(300)
    assert asked == ["beforeunload"] and page.url.endswith("/settings#phases")
    page.get_by_role("button", name="Alle fasen opslaan").click()
    expect(page.locator("#phases [role=status]")).to_have_text("Opgeslagen.")
    saved = {p["id"]: p["demand_per_year"] for p in coordinator_api.board()["phases"]}
    assert saved == demands
    # Saved: leaving no longer asks.
    page.get_by_role("link", name="Terug naar het canvas").click()
    page.wait_for_url(re.compile(rf"/boards/{DEMO_BOARD}$"))
