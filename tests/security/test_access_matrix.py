"""Access control everywhere: every route and socket event, for every actor, against one table.

The routes come from the app's URL map and the socket handler registry, so a new route or event
that is not classified below fails the test until someone says who may use it.
"""

import pytest

from app.extensions import socketio
from tests.plugin import PASSWORD
from tests.security.conftest import ACTORS, USERS
from tests.security.matrix import (
    ADMIN,
    AUTH,
    DENIED,
    EDIT,
    IGNORE,
    MANAGE,
    OWNER,
    PUBLIC,
    READ,
    REFUSED_INPUT,
    SHARE,
    concrete_paths,
    example,
    expect,
    is_login_redirect,
    path_kind,
)

# Endpoint -> level, or {method: level}. Keep in step with docs/contract.md §4.1 and §4.3.
TABLE = {
    "static": PUBLIC,
    "auth.login": PUBLIC,
    "auth.logout": AUTH,
    "auth.set_locale": PUBLIC,
    "auth.invite": PUBLIC,  # the invite token in the path is the credential
    "boards.index": AUTH,
    "boards.create": AUTH,
    "boards.show": READ,
    "boards.canvas": READ,
    "boards.feed": READ,
    "boards.organisation_styles": READ,
    "boards.settings": READ,
    "boards.rename": MANAGE,
    "boards.create_axis": EDIT,
    "boards.update_axis": EDIT,
    "boards.delete_axis": EDIT,
    "boards.create_organisation": EDIT,
    "boards.update_organisation": EDIT,
    "boards.delete_organisation": EDIT,
    "boards.invite": MANAGE,
    "boards.revoke_invite": MANAGE,
    "boards.save_axes": EDIT,
    "boards.save_template": MANAGE,
    "boards.change_member": MANAGE,
    "cards.new": EDIT,
    "cards.create": EDIT,
    "cards.show": READ,
    "cards.edit": EDIT,
    "cards.update": EDIT,
    "cards.delete": EDIT,
    "cards.restore": EDIT,
    "share.view": SHARE,
    "share.organisation_styles": SHARE,
    "share.links": MANAGE,
    "share.create": MANAGE,
    "share.revoke": MANAGE,
    "api.openapi": PUBLIC,
    "health.healthz": PUBLIC,
    "api.create_token": PUBLIC,
    "api.list_tokens": AUTH,
    "api.delete_token": OWNER,
    "api.list_boards": AUTH,
    "api.create_board": AUTH,
    "api.get_board": READ,
    "api.update_board": MANAGE,
    "api.list_members": READ,
    "api.add_member": MANAGE,
    "api.update_member": MANAGE,
    "api.remove_member": MANAGE,
    "api.create_phase": EDIT,
    "api.update_phase": EDIT,
    "api.delete_phase": EDIT,
    "api.create_lane": EDIT,
    "api.update_lane": EDIT,
    "api.delete_lane": EDIT,
    "api.create_organisation": EDIT,
    "api.update_organisation": EDIT,
    "api.delete_organisation": EDIT,
    "api.list_events": READ,
    "api.create_card": EDIT,
    "api.get_one_card": READ,
    "api.update_card": EDIT,
    "api.move_card": EDIT,
    "api.delete_card": EDIT,
    "api.restore_card": EDIT,
    "api.list_invitations": MANAGE,
    "api.create_invitation": MANAGE,
    "api.revoke_invitation": MANAGE,
    "api.list_share_links": MANAGE,
    "api.create_share_link": MANAGE,
    "api.revoke_share_link": MANAGE,
    "api.list_markers": READ,
    "api.create_marker": EDIT,
    "api.update_marker": EDIT,
    "api.delete_marker": EDIT,
    "api.list_handovers": READ,
    "api.create_handover": EDIT,
    "api.update_handover": EDIT,
    "api.delete_handover": EDIT,
    "api.list_next_steps": READ,
    "api.create_next_step": EDIT,
    "api.update_next_step": EDIT,
    "api.delete_next_step": EDIT,
    "api.add_learning": EDIT,
    "api.get_analysis": READ,
    "api.accept_suggestion": EDIT,
    "api.dismiss_suggestion": EDIT,
    "api.list_rounds": READ,
    "api.create_round": EDIT,
    "api.round_diff": READ,
    "api.export_json": READ,
    "api.export_csv": READ,
    "api.export_xlsx": READ,
    "api.import_json": AUTH,
    "api.import_inventory": EDIT,
    "intake.page": EDIT,
    "intake.check": EDIT,
    "intake.run": EDIT,
    # Board templates (issue 16): anyone signed in lists what they may use; coordinators save.
    "api.list_templates": AUTH,
    "api.save_template": MANAGE,
    "api.export_hsds": READ,
    "exports.report": READ,
    # Meetings: partners follow them; the coordinator prepares and runs them (contract §4.1).
    "api.list_meetings": EDIT,
    "api.get_meeting": EDIT,
    "api.get_minutes": EDIT,
    "api.get_minutes_markdown": EDIT,
    "api.get_minutes_pdf": EDIT,
    "api.create_meeting": MANAGE,
    "api.update_meeting": MANAGE,
    "api.delete_meeting": MANAGE,
    "api.start_meeting": MANAGE,
    "api.set_current": MANAGE,
    "api.end_meeting": MANAGE,
    "api.create_item": MANAGE,
    "api.update_item": MANAGE,
    "api.delete_item": MANAGE,
    "api.create_decision": MANAGE,
    "api.run_timer": MANAGE,
    # Dot-voting: everyone on the board sees a vote (results per its state), editors vote.
    "api.list_votes": READ,
    "api.get_vote": READ,
    "api.create_vote": MANAGE,
    "api.cast_ballot": EDIT,
    "api.reveal_vote": MANAGE,
    "api.close_vote": MANAGE,
    "api.adopt_results": MANAGE,
    "votes.panel": READ,
    "votes.create": MANAGE,
    "votes.dots": EDIT,
    "votes.reveal": MANAGE,
    "votes.close": MANAGE,
    "votes.adopt": MANAGE,
    "meetings.index": EDIT,
    "meetings.panel": EDIT,
    "meetings.timer": READ,
    "meetings.agenda": EDIT,
    "meetings.printable": EDIT,
    "meetings.agenda_pdf": EDIT,
    "meetings.run": MANAGE,
    "meetings.minutes_page": EDIT,
    "meetings.create": MANAGE,
    "meetings.add_item": MANAGE,
    "meetings.move_item": MANAGE,
    "meetings.edit_item": MANAGE,
    "meetings.delete_item": MANAGE,
    "meetings.delete": MANAGE,
    "meetings.start": MANAGE,
    "meetings.current": MANAGE,
    "meetings.end": MANAGE,
    "meetings.decide": MANAGE,
    # Reading the bridge: everyone on the board reads, partners mark and agree.
    "reading.markers_page": READ,
    "reading.panel": READ,
    "reading.markers_list": READ,
    "reading.suggestions_list": READ,
    "reading.handovers_list": READ,
    "reading.overlay": READ,
    "reading.bridge_page": READ,
    "reading.bridge_part": READ,
    "reading.bridge_svg": READ,
    "reading.next_steps_page": READ,
    "reading.next_steps_list": READ,
    "reading.rounds_page": READ,
    "reading.round_page": READ,
    "reading.marker_edit": EDIT,
    "reading.marker_new": EDIT,
    "reading.handover_new": EDIT,
    "reading.next_step_edit": EDIT,
    "reading.marker_create": EDIT,
    "reading.marker_update": EDIT,
    "reading.marker_status": EDIT,
    "reading.marker_delete": EDIT,
    "reading.suggestion_decide": EDIT,
    "reading.handover_create": EDIT,
    "reading.handover_delete": EDIT,
    "reading.next_step_create": EDIT,
    "reading.next_step_update": EDIT,
    "reading.next_step_status": EDIT,
    "reading.learning_create": EDIT,
    "reading.next_step_delete": EDIT,
    "reading.round_create": EDIT,
    "share.canvas": SHARE,
    "share.part": SHARE,
    "share.votes": SHARE,
    "share.timer": SHARE,
    "exports.import_board": AUTH,
    # The audit log: the whole for administrators, a board's for its coordinators.
    "disclosure.security_txt": PUBLIC,
    "auth.request_link": PUBLIC,
    "auth.sign_in_link": PUBLIC,  # the link's token in the path is the credential
    "auth.oidc_start": PUBLIC,  # sends the visitor to the SSO provider (when configured)
    "auth.oidc_callback": PUBLIC,  # the provider's code, state and nonce are the credential
    "audit.log": ADMIN,
    "audit.board_log": MANAGE,
    "api.audit": ADMIN,
    "api.audit_csv": ADMIN,
    "api.board_audit": MANAGE,
    "api.board_audit_csv": MANAGE,
    # Reminders and digests: each member's own choice; the unsubscribe token is the credential.
    "notify.preferences": READ,
    "notify.save": READ,
    "notify.unsubscribe": PUBLIC,
    "api.get_notifications": READ,
    "api.set_notifications": READ,
    # Comments: members read (not share links), editors write, the author edits, coordinators hide.
    "comments.thread": READ,
    "comments.create": EDIT,
    "comments.edit": OWNER,
    "comments.delete": OWNER,
    "comments.hide": MANAGE,
    "comments.mentions": AUTH,
    "api.list_comments": READ,
    "api.create_comment": EDIT,
    "api.update_comment": OWNER,
    "api.delete_comment": OWNER,
    "api.hide_comment": MANAGE,
    "api.list_mentions": AUTH,
    "api.read_mentions": AUTH,
    # The monitor: partners enter their own organisation's card figures, coordinators any.
    "api.put_figure": EDIT,
    "api.get_monitor": READ,
    "api.create_target_group": MANAGE,
    "api.update_target_group": MANAGE,
    "api.delete_target_group": MANAGE,
    "monitor.page": READ,
    "monitor.funnel_svg": READ,
    "monitor.funnel_part": READ,
    "monitor.save_figures": EDIT,
    "monitor.create_target_group": MANAGE,
    "monitor.delete_target_group": MANAGE,
    # The figures import: a partner's rows for other organisations' cards are refused row by row.
    "api.import_figures": EDIT,
    "monitor.figures_import_page": EDIT,
    "monitor.check_figures_import": EDIT,
    "monitor.run_figures_import": EDIT,
    # The target-group import: the coordinator's, as target groups are.
    "api.import_target_groups": MANAGE,
    "monitor.target_groups_import_page": MANAGE,
    "monitor.check_target_groups_import": MANAGE,
    "monitor.run_target_groups_import": MANAGE,
    # Regions: anyone signed in makes one (and leads it); the world's coordinator leads the
    # seeded region and coordinates its one board, so region routes read as MANAGE here.
    "api.list_regions": AUTH,
    "api.create_region": AUTH,
    "api.join_region": MANAGE,
    "api.update_region_board": MANAGE,
    "api.leave_region": MANAGE,
    "api.region_overview": MANAGE,
    "regions.index": AUTH,
    "regions.create": AUTH,
    "regions.show": MANAGE,
    "regions.leave": MANAGE,
    "regions.board": MANAGE,
    "regions.join": MANAGE,
    "regions.share": MANAGE,
}

# Bodies where the schema alone does not give a meaningful one.
BODIES = {
    "api.create_token": lambda w: {"email": w.emails["coordinator"], "password": PASSWORD},
    "api.create_comment": lambda w: {"ref_type": "card", "ref_id": w.ids["card"], "body": "Matrix"},
    # A card of the partner's own organisation (a phase total is the coordinator's alone).
    "api.put_figure": lambda w: {
        "period": "2026-Q3",
        "phase_id": w.ids["phase"],
        "card_id": w.ids["card"],
        "reached": 10,
    },
}
# HTML forms carry no schema in the URL map: the fields a valid submission needs.
FORMS = {
    "boards.create": lambda w: {"name": "Matrix"},
    "boards.save_template": lambda w: {"name": "Matrix"},
    "boards.rename": lambda w: {"name": "Matrix"},
    "boards.create_axis": lambda w: {"name": "Matrix"},
    "boards.update_axis": lambda w: {"name": "Matrix"},
    "boards.create_organisation": lambda w: {
        "name": "Matrix",
        "kind": "overig",
        "color": "#123456",
    },
    "boards.update_organisation": lambda w: {"name": "Matrix"},
    "boards.invite": lambda w: {"role": "viewer"},
    "boards.change_member": lambda w: {"role": "partner"},
    "cards.create": lambda w: {
        "phase_id": w.ids["phase"],
        "lane_id": w.ids["lane"],
        "organisation_id": w.ids["organisation"],
        "title": "Matrix",
    },
    "cards.update": lambda w: {"version": w.versions["card"], "title": "Matrix"},
    "share.create": lambda w: {"label": "Matrix"},
    "auth.set_locale": lambda w: {"locale": "en"},
    "meetings.add_item": lambda w: {"title": "Matrix"},
    "meetings.create": lambda w: {"title": "Matrix", "starts_at": "2030-01-01T10:00"},
    "reading.marker_create": lambda w: {
        "kind": "gap",
        "title": "Matrix",
        "phase_id": w.ids["phase"],
    },
    "reading.marker_update": lambda w: {"version": w.versions["marker"], "title": "Matrix"},
    "reading.marker_status": lambda w: {"version": w.versions["marker"], "status": "resolved"},
    "reading.handover_create": lambda w: {
        "from_card_id": w.ids["card2"],
        "to_card_id": w.ids["card"],
    },
    "reading.next_step_create": lambda w: {"title": "Matrix"},
    "reading.next_step_update": lambda w: {"version": w.versions["next_step"], "title": "Matrix"},
    "reading.next_step_status": lambda w: {"version": w.versions["next_step"], "status": "agreed"},
    "reading.learning_create": lambda w: {"text": "Matrix"},
    "meetings.decide": lambda w: {"text": "Matrix", "item_id": w.ids["item"]},
    "auth.login": lambda w: {"email": w.emails["coordinator"], "password": PASSWORD},
    "notify.save": lambda w: {"mode": "off"},
    "votes.dots": lambda w: {"ref_id": w.ids["marker"], "delta": "1"},
    "votes.adopt": lambda w: {"into": "next_steps"},
    "comments.create": lambda w: {"ref_type": "card", "ref_id": w.ids["card"], "body": "Matrix"},
    "comments.edit": lambda w: {"body": "Matrix"},
    "monitor.save_figures": lambda w: {
        "period": "2026-Q3",
        f"f-{w.ids['phase']}-{w.ids['card']}-reached": "10",
    },
    "monitor.create_target_group": lambda w: {"name": "Matrix", "size": "10"},
    "regions.create": lambda w: {"name": "Matrix"},
    "regions.join": lambda w: {"region_id": w.ids["other_region"], "share_texts": "no"},
    "regions.share": lambda w: {"share_texts": "yes"},
}

SOCKET_TABLE = {
    "connect": "connect",
    "disconnect": IGNORE,
    "join": READ,
    "editing": EDIT,
    "op": EDIT,
}
SOCKET_PAYLOADS = {
    "join": lambda w: {"board_id": w.board_id},
    "editing": lambda w: {"board_id": w.board_id, "card_id": w.ids["card"]},
    "op": lambda w: {
        "board_id": w.board_id,
        "op": "card.update",
        "data": {"card_id": w.ids["card"], "version": w.versions["card"], "title": "Matrix"},
    },
}
# Over the socket a share link is a viewer: it may connect and join, never write.
SOCKET_ALLOWED = {"connect": {*USERS, "share"}, READ: {"coordinator", "partner", "viewer", "share"}}
SOCKET_REFUSALS = {"unauthorized", "forbidden", "not_found", "not_joined"}


def _level(endpoint: str, method: str) -> str:
    spec = TABLE[endpoint]
    return spec[method] if isinstance(spec, dict) else spec


def _body(app, world, rule, method: str):
    if method in ("GET", "HEAD"):
        return None
    if rule.rule.startswith("/api/"):
        if rule.endpoint in BODIES:
            return BODIES[rule.endpoint](world)
        model = getattr(app.view_functions[rule.endpoint], "openapi", {}).get("body")
        if model is None:
            return None
        schema = model.model_json_schema()
        return example(schema, schema.get("$defs", {}), world, "", path_kind(rule.rule))
    return FORMS.get(rule.endpoint, lambda w: {})(world)


def _send(app, world, actor: str, method: str, path: str, body):
    client = app.test_client()
    headers, kwargs = {}, {}
    api = path.startswith("/api/")
    if actor in USERS:
        if api:
            headers["Authorization"] = f"Bearer {world.tokens[actor]}"
        else:
            client.set_cookie("session", world.cookies[actor])
    if body is not None:
        kwargs["json" if api else "data"] = body
    with app.app_context():
        return client.open(path, method=method, headers=headers, **kwargs)


def test_every_route_and_event_is_classified(app):
    routes = {rule.endpoint for rule in app.url_map.iter_rules()}
    events = set(socketio.server.handlers["/"])
    unclassified = sorted(routes - set(TABLE))
    assert not unclassified, f"classify these routes in TABLE: {unclassified}"
    unclassified = sorted(events - set(SOCKET_TABLE))
    assert not unclassified, f"classify these socket events in SOCKET_TABLE: {unclassified}"
    missing = {e for e in events if SOCKET_TABLE.get(e) not in (IGNORE, "connect")} - set(
        SOCKET_PAYLOADS
    )
    assert not missing, f"give these socket events a payload in SOCKET_PAYLOADS: {missing}"


def test_http_access_matrix(app, world, snapshot, record_property):
    """Denied actors get 401/403/404 (or the login page) and change nothing; allowed ones pass."""
    base = snapshot()
    failures, checked, on_input = [], 0, []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint not in TABLE:
            continue  # reported by test_every_route_and_event_is_classified
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            level = _level(rule.endpoint, method)
            body = _body(app, world, rule, method)
            for actor in ACTORS:
                for path in concrete_paths(rule.rule, world, actor):
                    response = _send(app, world, actor, method, path, body)
                    checked += 1
                    status = response.status_code
                    outcome = expect(level, actor)
                    cell = f"{method} {path} [{rule.endpoint}={level}] as {actor}: {status}"
                    changed = snapshot() != base
                    if status >= 500:
                        failures.append(f"{cell} (server error)")
                    elif outcome == "allow" and (
                        status in (401, 403) or is_login_redirect(response)
                    ):
                        failures.append(f"{cell} (should be allowed)")
                    elif outcome == "deny":
                        refused = status in DENIED or is_login_redirect(response)
                        if status in REFUSED_INPUT:
                            on_input.append(cell)
                        elif not refused:
                            failures.append(f"{cell} (should be refused)")
                        if changed:
                            failures.append(f"{cell} (a refused request changed the board)")
                    elif outcome == "either" and changed:
                        failures.append(f"{cell} (a read-only actor changed the board)")
                    if changed:
                        world.restore()
    print(
        f"\naccess matrix: {checked} HTTP route x actor cells checked; "
        f"{len(on_input)} refused on input before the permission check"
    )
    print("\n".join(f"  refused on input: {cell}" for cell in on_input))
    record_property("http_cells", checked)
    assert not failures, "\n".join(failures)


def _socket_client(sio, world, actor: str):
    if actor in USERS:
        return sio(token=world.tokens[actor])
    return sio(share=world.share_tokens.get(actor))  # anonymous: no share token, no auth


@pytest.mark.parametrize("event", sorted(e for e, level in SOCKET_TABLE.items() if level != IGNORE))
def test_socket_access_matrix(world, snapshot, sio, event):
    """Every socket event that acts, for every actor: refused ones get an error ack and change
    nothing (the table's IGNORE events are not actions)."""
    level = SOCKET_TABLE[event]
    base = snapshot()
    failures = []
    for actor in ACTORS:
        allowed = (
            actor in SOCKET_ALLOWED.get(level, set()) or expect(level, actor) == "allow"
            if level != "connect"
            else actor in SOCKET_ALLOWED["connect"]
        )
        client = _socket_client(sio, world, actor)
        connected = client.is_connected()
        try:
            if event == "connect":
                if connected != allowed:
                    failures.append(f"connect as {actor}: connected={connected}")
                continue
            if not connected:
                if allowed:
                    failures.append(f"{event} as {actor}: could not connect")
                continue
            if event != "join":
                client.emit("join", SOCKET_PAYLOADS["join"](world), callback=True)
            ack = client.emit(event, SOCKET_PAYLOADS[event](world), callback=True) or {}
            if allowed and not ack.get("ok"):
                failures.append(f"{event} as {actor}: refused {ack}")
            if not allowed and (
                ack.get("ok") or ack.get("error", {}).get("code") not in SOCKET_REFUSALS
            ):
                failures.append(f"{event} as {actor}: not refused properly {ack}")
            if not allowed and snapshot() != base:
                failures.append(f"{event} as {actor}: a refused event changed the board")
        finally:
            if client.is_connected():
                client.disconnect()
            if snapshot() != base:
                world.restore()
    assert not failures, "\n".join(failures)
