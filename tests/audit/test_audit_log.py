"""The audit log: a row for every audited action, none for one that rolled back, readable by
administrators (all) and coordinators (their board), never by partners; filters, CSV, pruning."""

import csv
import io
import json
from datetime import timedelta

import pytest

from app.audit.services import prune
from app.auth.services import issue_token, set_admin
from app.extensions import db
from app.models import AuditEntry
from app.models._types import utcnow
from app.models.audit import ACTIONS
from app.permissions import Actor
from app.share.services import create_link
from app.transaction import write


def _rows(action: str | None = None) -> list[AuditEntry]:
    db.session.rollback()  # see what requests committed
    query = db.select(AuditEntry).order_by(AuditEntry.id)
    if action:
        query = query.filter_by(action=action)
    return list(db.session.execute(query).scalars())


def _actions() -> list[str]:
    return [row.action for row in _rows()]


def test_every_audited_action_leaves_a_row(app, board_with_roles, web, api, create_user, tmp_path):
    board, people = board_with_roles["board"], board_with_roles["people"]
    coordinator, partner = people["coordinator"], people["partner"]
    newcomer = create_user(email="nieuw@gemeente.nl")
    db.session.execute(db.delete(AuditEntry))
    db.session.commit()

    page = web()
    page.post("/login", data={"email": coordinator.email, "password": "fout-wachtwoord"})
    assert _rows("login.failed")[0].actor == coordinator.email
    anonymous = api()
    anonymous.post("/tokens", json={"email": "niemand@x.nl", "password": "nope-nope-nope"})
    assert [r.subject for r in _rows("login.failed")] == ["password", "api-token"]

    page = web(coordinator)  # signs in through the form
    assert _rows("login.succeeded")[0].subject == "password"
    assert _rows("login.succeeded")[0].user_agent
    client = api(coordinator)  # a token: token.created
    token_id = client.get("/tokens").get_json()["tokens"][0]["id"]
    assert client.delete(f"/tokens/{token_id}").status_code == 204
    client = api(coordinator)
    base = f"/boards/{board.id}"
    link = client.post(f"{base}/share-links", json={"label": "Wethouder"}).get_json()
    client.delete(f"{base}/share-links/{link['id']}")
    invitation = client.post(f"{base}/invitations", json={"role": "viewer"}).get_json()
    client.delete(f"{base}/invitations/{invitation['id']}")
    accepted = client.post(f"{base}/invitations", json={"role": "partner"}).get_json()
    web(newcomer).post(f"/invite/{accepted['token']}")
    client.post(f"{base}/members", json={"email": newcomer.email, "role": "viewer"})
    client.delete(f"{base}/members/{partner.id}")
    assert client.get(f"{base}/export.csv").status_code == 200
    exported = client.get(f"{base}/export").get_data()
    assert client.post("/boards/import", data=exported).status_code == 201
    page.post("/logout")
    runner = app.test_cli_runner()
    assert runner.invoke(args=["backup", str(tmp_path / "copy.db")]).exit_code == 0

    # Every action of the contract but a restore (it replaces this very database).
    assert set(_actions()) == set(ACTIONS) - {"restore.done"}
    removed = _rows("member.removed")[0]
    assert (removed.board_id, removed.actor) == (board.id, coordinator.email)
    assert removed.subject == f"{partner.email} (partner)"
    assert _rows("backup.made")[0].user_agent == "cli"


def test_a_rolled_back_operation_leaves_no_audit_row(board_with_roles):
    board, coordinator = board_with_roles["board"], board_with_roles["people"]["coordinator"]
    before = _actions()

    @write
    def link_then_fail():
        create_link(Actor(user=coordinator), board.id, "Lekt niet")
        raise RuntimeError("the operation fails after the link was made")

    with pytest.raises(RuntimeError):
        link_then_fail()
    assert _actions() == before
    create_link(Actor(user=coordinator), board.id, "Wel")
    assert _actions() == [*before, "share_link.created"]


def test_no_card_content_reaches_the_audit_log(sample_board, api):
    board, coordinator = sample_board["board"], sample_board["people"]["coordinator"]
    client = api(coordinator)
    client.get(f"/boards/{board.id}/export.csv")
    client.post("/boards/import", data=client.get(f"/boards/{board.id}/export").get_data())
    stored = json.dumps([row.to_json() for row in _rows()])
    for card in sample_board["cards"]:
        assert card.title not in stored and (card.description or "~") not in stored


def test_who_reads_which_log(board_with_roles, api, web):
    board, people = board_with_roles["board"], board_with_roles["people"]
    coordinator, partner = people["coordinator"], people["partner"]
    assert api(partner).get("/audit").status_code == 403
    assert api(coordinator).get("/audit").status_code == 403
    assert api(partner).get(f"/boards/{board.id}/audit").status_code == 403
    assert web(partner).get(f"/boards/{board.id}/audit").status_code == 403
    assert api().get("/audit").status_code == 401

    own = api(coordinator).get(f"/boards/{board.id}/audit").get_json()["entries"]
    assert {e["action"] for e in own} == {"member.added"}  # the partner and viewer added
    assert set(own[0]) == {"at", "action", "actor", "ip", "user_agent", "board_id", "subject"}

    set_admin(coordinator.email, True)
    everything = api(coordinator).get("/audit").get_json()["entries"]
    assert {"token.created", "member.added"} <= {e["action"] for e in everything}
    page = web(coordinator).get("/audit")
    assert page.status_code == 200 and "Lid toegevoegd" in page.get_data(as_text=True)


def test_filters_and_bad_filters(board_with_roles, api, web):
    coordinator = board_with_roles["people"]["coordinator"]
    set_admin(coordinator.email, True)
    client = api(coordinator)
    api().post("/tokens", json={"email": "gok@x.nl", "password": "geen-wachtwoord"})
    assert [e["actor"] for e in client.get("/audit?actor=GOK@").get_json()["entries"]] == [
        "gok@x.nl"
    ]
    today = utcnow().date()
    assert client.get(f"/audit?from={today}&to={today}").get_json()["entries"]
    tomorrow = today + timedelta(days=1)
    assert client.get(f"/audit?from={tomorrow}").get_json()["entries"] == []
    bad = client.get("/audit?from=gisteren")
    assert bad.status_code == 422 and "from" in bad.get_json()["error"]["fields"]
    assert client.get(f"/audit?from={tomorrow}&to={today}").status_code == 422
    page = web(coordinator).get("/audit?from=gisteren&actor=gok")
    assert page.status_code == 422
    text = page.get_data(as_text=True)
    assert 'value="gisteren"' in text and 'value="gok"' in text  # nothing typed is lost


def test_csv_is_safe_for_spreadsheets_and_pages_show_html_as_text(board_with_roles, api, web):
    coordinator = board_with_roles["people"]["coordinator"]
    set_admin(coordinator.email, True)
    web().post("/login", data={"email": "=HYPERLINK(1)<b>x</b>", "password": "x"})
    response = api(coordinator).get("/audit.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    table = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert table[0] == ["at", "action", "actor", "ip", "user_agent", "board_id", "subject"]
    failed = next(row for row in table if row[1] == "login.failed")
    assert failed[2] == "'=hyperlink(1)<b>x</b>"
    page = web(coordinator).get("/audit").get_data(as_text=True)
    assert "&lt;b&gt;x&lt;/b&gt;" in page and "<b>x</b>" not in page


def test_prune_keeps_the_configured_days(app, board_with_roles):
    coordinator = board_with_roles["people"]["coordinator"]
    issue_token(coordinator)
    kept = len(_rows())
    old = AuditEntry(action="logout", actor="oud@x.nl", at=utcnow() - timedelta(days=400))
    db.session.add(old)
    db.session.commit()
    assert prune() == 1
    assert len(_rows()) == kept
    app.config["AUDIT_KEEP_DAYS"] = 0
    assert prune(utcnow() + timedelta(seconds=1)) == kept
    runner = app.test_cli_runner()
    assert "Pruned 0 audit rows" in runner.invoke(args=["audit", "prune"]).output


def test_users_admin_command(app, create_user):
    user = create_user(email="beheer@gemeente.nl")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "admin", "BEHEER@gemeente.nl"])
    assert result.exit_code == 0 and "is an administrator" in result.output
    db.session.rollback()
    assert db.session.get(type(user), user.id).is_admin
    assert runner.invoke(args=["users", "admin", "niemand@x.nl"]).exit_code != 0
