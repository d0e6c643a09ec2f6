"""Read-only share links: lifecycle over HTTP and Socket.IO."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from app.extensions import db
from app.models import ShareLink
from tests.plugin import new_card


@pytest.fixture
def shared(board_with_roles, api):
    """A board with one card and a share link made by its coordinator, all through the API."""
    board, people = board_with_roles["board"], board_with_roles["people"]
    fields = new_card(board, board_with_roles["organisation"], "Keukentafelgesprek")
    card = api(people["partner"]).post(f"/boards/{board.id}/cards", json=fields).json
    response = api(people["coordinator"]).post(
        f"/boards/{board.id}/share-links", json={"label": "Wethouder"}
    )
    assert response.status_code == 201
    return {**board_with_roles, "card": card, "link": response.json}


def _token_of(link: dict) -> str:
    return link["token"]


def test_create_returns_url_and_unguessable_token(shared):
    link = shared["link"]
    assert link["url"].endswith(f"/s/{link['token']}")
    assert len(link["token"]) >= 43  # 32 random bytes, base64url
    stored = db.session.get(ShareLink, link["id"])
    assert link["token"] not in stored.token_hash


def test_only_the_coordinator_manages_links(shared, api):
    board = shared["board"]
    for role in ("partner", "viewer", "outsider"):
        caller = api(shared["people"][role])
        assert caller.post(f"/boards/{board.id}/share-links", json={}).status_code in (403, 404)
        assert caller.get(f"/boards/{board.id}/share-links").status_code in (403, 404)
    assert api(None).post(f"/boards/{board.id}/share-links", json={}).status_code == 401


def test_expiry_in_the_past_is_refused(shared, api):
    response = api(shared["people"]["coordinator"]).post(
        f"/boards/{shared['board'].id}/share-links", json={"expires_at": "2001-01-01T10:00"}
    )
    assert response.status_code == 422
    assert "expires_at" in response.json["error"]["fields"]


def test_view_shows_canvas_without_edit_controls_and_records_use(shared, web, api):
    board, token = shared["board"], _token_of(shared["link"])
    page = web().get(f"/s/{token}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Keukentafelgesprek" in html and board.name in html
    assert f'data-share-token="{token}"' in html
    for control in ("hx-post", "hx-patch", "hx-delete", "draggable", "contenteditable"):
        assert control not in html
    listed = api(shared["people"]["coordinator"]).get(f"/boards/{board.id}/share-links").json
    assert listed["share_links"][0]["last_used_at"] is not None


@pytest.mark.parametrize("token", ["onbekend-token-" + "x" * 30, "x" * 500, "%00", "a"])
def test_unknown_or_malformed_token_gets_a_clear_404(shared, web, token):
    page = web().get(f"/s/{token}")
    assert page.status_code == 404
    html = page.get_data(as_text=True)
    assert "Deze alleen-lezen link werkt niet" in html
    assert "Keukentafelgesprek" not in html and shared["board"].name not in html


def test_revoked_and_expired_links_get_410(shared, web, sio, api):
    board, link = shared["board"], shared["link"]
    coordinator = api(shared["people"]["coordinator"])
    second = coordinator.post(f"/boards/{board.id}/share-links", json={}).json
    assert coordinator.delete(f"/boards/{board.id}/share-links/{link['id']}").status_code == 204
    db.session.execute(
        update(ShareLink)
        .where(ShareLink.id == second["id"])
        .values(expires_at=datetime.now(UTC) - timedelta(minutes=1))
    )
    db.session.commit()
    for token in (link["token"], second["token"]):
        page = web().get(f"/s/{token}")
        assert page.status_code == 410
        assert "Keukentafelgesprek" not in page.get_data(as_text=True)
        assert sio(share=token).is_connected() is False


def _share_socket(sio, token: str, board_id: int):
    socket = sio(share=token)
    assert socket.is_connected()
    ack = socket.emit("join", {"board_id": board_id, "html": True}, callback=True)
    assert ack["ok"] and ack["role"] == "viewer"
    return socket


def test_share_socket_receives_live_updates_but_cannot_write(shared, sio, api):
    board, token = shared["board"], _token_of(shared["link"])
    socket = _share_socket(sio, token, board.id)
    socket.get_received()
    partner = api(shared["people"]["partner"])
    fields = new_card(board, shared["organisation"], "Warmtescan", phase=1)
    created = partner.post(f"/boards/{board.id}/cards", json=fields)
    assert created.status_code == 201
    events = [m["args"][0] for m in socket.get_received() if m["name"] == "board_event"]
    assert [e["data"]["title"] for e in events if e["type"] == "card.created"] == ["Warmtescan"]

    seq_before = api(shared["people"]["coordinator"]).get(f"/boards/{board.id}").json["seq"]
    refused = socket.emit(
        "op",
        {
            "board_id": board.id,
            "op": "card.update",
            "data": {
                "card_id": shared["card"]["id"],
                "version": shared["card"]["version"],
                "title": "Gekaapt",
            },
        },
        callback=True,
    )
    assert refused["ok"] is False and refused["error"]["code"] == "forbidden"
    assert (
        socket.emit(
            "editing", {"board_id": board.id, "card_id": shared["card"]["id"]}, callback=True
        )["ok"]
        is False
    )
    # The share token is no API credential: writes through the API are refused too.
    as_bearer = {"Authorization": f"Bearer {token}"}
    assert (
        api(None)
        .post(
            f"/boards/{board.id}/cards",
            headers=as_bearer,
            json={
                "phase_id": board.phases[0].id,
                "organisation_id": shared["organisation"].id,
                "title": "x",
            },
        )
        .status_code
        == 401
    )
    assert api(None).get(f"/boards/{board.id}", headers=as_bearer).status_code == 401
    after = api(shared["people"]["coordinator"]).get(f"/boards/{board.id}").json
    assert after["seq"] == seq_before
    assert "Gekaapt" not in [c["title"] for c in after["cards"]]


def test_revoking_cuts_off_the_open_socket_and_refuses_reconnect(shared, sio, api):
    board, link = shared["board"], shared["link"]
    socket = _share_socket(sio, link["token"], board.id)
    other = (
        api(shared["people"]["coordinator"]).post(f"/boards/{board.id}/share-links", json={}).json
    )
    bystander = _share_socket(sio, other["token"], board.id)
    response = api(shared["people"]["coordinator"]).delete(
        f"/boards/{board.id}/share-links/{link['id']}"
    )
    assert response.status_code == 204
    assert socket.is_connected() is False
    assert bystander.is_connected() is True  # only the revoked link's viewers are cut off
    assert sio(share=link["token"]).is_connected() is False


def test_coordinator_page_shows_url_once_and_revokes(shared, web):
    board, client = shared["board"], web(shared["people"]["coordinator"])
    page = client.post(
        f"/boards/{board.id}/share-links",
        data={"label": "Directie"},
        headers={"HX-Request": "true"},
    )
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "/s/" in html and "Kopieer link" in html
    listing = client.get(f"/boards/{board.id}/share-links").get_data(as_text=True)
    assert "Directie" in listing and "Wethouder" in listing and "Kopieer link" not in listing
    revoked = client.post(
        f"/boards/{board.id}/share-links/{shared['link']['id']}/revoke",
        headers={"HX-Request": "true"},
    )
    assert revoked.status_code == 200 and "ingetrokken" in revoked.get_data(as_text=True)
    assert client.get(f"/s/{shared['link']['token']}").status_code == 410


def test_view_shows_bridge_open_gaps_and_agreed_steps_only(sample_board, api, web):
    board = sample_board["board"]
    link = (
        api(sample_board["people"]["coordinator"])
        .post(f"/boards/{board.id}/share-links", json={})
        .json
    )
    html = web().get(f"/s/{link['token']}").get_data(as_text=True)
    assert 'class="bw-bridge"' in html
    # The bridge's spans lead to the phases on this page, never to the members-only canvas.
    assert f'href="#phase-{board.phases[0].id}"' in html and f"/boards/{board.id}#" not in html
    assert "Geen hulp bij offertes" in html and "Bewoners haken af na advies" in html
    assert "Dubbel adviesaanbod" not in html  # resolved, and an overlap
    assert "Offertecheck met de coöperatie" in html  # agreed
    assert "Wijkavond" not in html  # only proposed
    fragment = web().get(f"/s/{link['token']}/canvas")
    assert fragment.status_code == 200 and "Keukentafelgesprek" in fragment.get_data(as_text=True)
    assert "--bw-org-color" in web().get(f"/s/{link['token']}/organisations.css").get_data(
        as_text=True
    )
    api(sample_board["people"]["coordinator"]).delete(
        f"/boards/{board.id}/share-links/{link['id']}"
    )
    assert web().get(f"/s/{link['token']}/canvas").status_code == 410
    assert web().get(f"/s/{link['token']}/organisations.css").status_code == 410


def test_view_parts_refresh_live_and_stop_with_the_link(sample_board, api, web):
    board, coordinator = sample_board["board"], api(sample_board["people"]["coordinator"])
    link = coordinator.post(f"/boards/{board.id}/share-links", json={}).json
    page = web().get(f"/s/{link['token']}").get_data(as_text=True)
    assert 'hx-trigger="bw-history-changed from:body' in page
    coordinator.post(
        f"/boards/{board.id}/markers",
        json={
            "kind": "bottleneck",
            "title": "Lange wachttijd installateurs",
            "phase_id": board.phases[5].id,
        },
    )
    reading = web().get(f"/s/{link['token']}/part/reading")
    assert reading.status_code == 200
    assert "Lange wachttijd installateurs" in reading.get_data(as_text=True)
    overview = web().get(f"/s/{link['token']}/part/overview").get_data(as_text=True)
    assert 'class="bw-bridge"' in overview and board.phases[5].name in overview
    assert web().get(f"/s/{link['token']}/part/secrets").status_code == 404
    coordinator.delete(f"/boards/{board.id}/share-links/{link['id']}")
    assert web().get(f"/s/{link['token']}/part/reading").status_code == 410
