"""The reading pages: bridge, markers with suggestions, next steps, rounds, and canvas hooks."""

import json
import re

from app.extensions import db
from app.models import Membership, User


def _login(app, user):
    client = app.test_client()
    with app.app_context():
        response = client.post(
            "/login", data={"email": user.email, "password": "correct-horse-battery"}
        )
    assert response.status_code in (302, 303)
    return client


def _get(app, client, url):
    with app.app_context():
        return client.get(url)


def _post(app, client, url, data, htmx=True):
    with app.app_context():
        return client.post(url, data=data, headers={"HX-Request": "true"} if htmx else {})


def test_bridge_page_and_svg_show_one_linked_span_per_phase(app, small, create_user):
    small["card"]("A", "L1")
    small["card"]("A", "L2")
    small["card"]("B", "L1")
    client = _login(app, small_user(small, app))
    page = _get(app, client, f"/boards/{small['id']}/bridge")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    svg = _get(app, client, f"/boards/{small['id']}/bridge.svg")
    assert svg.mimetype == "image/svg+xml"
    text = svg.get_data(as_text=True)
    for phase_id in small["phase"].values():
        assert f"/boards/{small['id']}#phase-{phase_id}" in text
    spans = re.findall(r'bw-bridge__span--(\w+)"', text)
    # A: covered, but no handover onward to B (cracked); B: lane L2 empty (cracked); C: none.
    assert spans == ["cracked", "cracked", "missing"]
    assert "<title>A: Gescheurd" in text and "geen warme overdracht naar B" in text
    assert "<title>C: Ontbreekt" in text
    assert "bw-bridge__span--missing" in html


def small_user(small, app):
    """The viewer of the small board (a member who may read)."""
    with app.app_context():
        user_id = db.session.execute(
            db.select(Membership.user_id).filter_by(board_id=small["id"], role="partner")
        ).scalar_one()
        return db.session.get(User, user_id)


def test_solid_span_when_covered_with_capacity_and_handover(app, small):
    a1, a2 = small["card"]("A", "L1", capacity_per_year=100), small["card"]("A", "L2")
    b1, b2 = small["card"]("B", "L1"), small["card"]("B", "L2")
    small["api"].patch(
        f"/boards/{small['id']}/phases/{small['phase']['A']}", json={"demand_per_year": 100}
    )
    small["api"].post(
        f"/boards/{small['id']}/handovers", json={"from_card_id": a1["id"], "to_card_id": b1["id"]}
    )
    client = _login(app, small_user(small, app))
    text = _get(app, client, f"/boards/{small['id']}/bridge.svg").get_data(as_text=True)
    assert re.findall(r'bw-bridge__span--(\w+)"', text)[0] == "solid"
    assert a2 and b2


def test_markers_page_creates_edits_and_filters_markers_through_forms(app, small):
    client = _login(app, small_user(small, app))
    b = small["id"]
    form = {"kind": "bottleneck", "title": "Offertes blijven uit", "phase_id": small["phase"]["B"]}
    form.update(lane_id="", severity="high", dropouts_per_year="30", note="")
    made = _post(app, client, f"/boards/{b}/markers", form)
    assert made.status_code == 201
    # The lists refresh, and the page brings the new marker into view and focuses it.
    trigger = json.loads(made.headers["HX-Trigger"])
    assert trigger["bw-reading-changed"] == ""
    assert re.fullmatch(r"marker-\d+", trigger["bw-created"]["id"])
    refused = _post(
        app, client, f"/boards/{b}/markers", {"kind": "gap", "title": "", "phase_id": ""}
    )
    assert refused.status_code == 422 and "bw-field-error" in refused.get_data(as_text=True)
    page = _get(app, client, f"/boards/{b}/markers").get_data(as_text=True)
    assert "Offertes blijven uit" in page and "30 afhakers/jaar" in page
    marker = small["viewer"].get(f"/boards/{b}/markers").get_json()["markers"][0]
    status_url = f"/boards/{b}/markers/{marker['id']}/status"
    moved = _post(app, client, status_url, {"version": "1", "status": "resolved"})
    assert moved.status_code == 200 and "Opgelost" in moved.get_data(as_text=True)
    listed = _get(app, client, f"/boards/{b}/markers/list?status=open").get_data(as_text=True)
    assert "Offertes blijven uit" not in listed
    listed = _get(app, client, f"/boards/{b}/markers/list?status=all").get_data(as_text=True)
    assert "Offertes blijven uit" in listed
    edit = _get(app, client, f"/boards/{b}/markers/{marker['id']}/edit")
    assert 'name="version" value="2"' in edit.get_data(as_text=True)
    stale = _post(
        app,
        client,
        f"/boards/{b}/markers/{marker['id']}",
        {"version": "1", "kind": "bottleneck", "title": "Oud", "phase_id": small["phase"]["B"]},
    )
    assert stale.status_code == 409


def test_suggestions_can_be_accepted_from_the_page(app, small):
    client = _login(app, small_user(small, app))
    b = small["id"]
    listed = _get(app, client, f"/boards/{b}/suggestions").get_data(as_text=True)
    keys = re.findall(r'data-suggestion-key="([^"]+)"', listed)
    assert f"gap-{small['phase']['A']}-{small['lane']['L1']}" in keys
    accepted = _post(app, client, f"/boards/{b}/suggestions/{keys[0]}/accept", {})
    assert accepted.status_code == 200
    # The title names the cell once; pages put the kind before it ("Gat: A × L1"), so an
    # accepted suggestion never reads "Gat: Gat: A × L1".
    assert small["viewer"].get(f"/boards/{b}/markers").get_json()["markers"][0]["title"] == (
        "A × L1"
    )
    assert "Gat: A × L1" in listed
    page = _get(app, client, f"/boards/{b}/markers").get_data(as_text=True)
    assert "A × L1" in page and "Gat: Gat" not in page


def test_a_suggestion_that_no_longer_holds_is_answered_beside_the_list(app, small):
    client = _login(app, small_user(small, app))
    b = small["id"]
    key = f"gap-{small['phase']['A']}-{small['lane']['L1']}"
    small["card"]("A", "L1")  # the cell is filled after the list was drawn
    stale = _post(app, client, f"/boards/{b}/suggestions/{key}/accept", {})
    assert stale.status_code == 404
    assert stale.headers["HX-Retarget"] == "#bw-suggestions-message"
    assert stale.headers["HX-Trigger"] == "bw-reading-changed"
    assert "geldt niet meer" in stale.get_data(as_text=True)
    plain = _post(app, client, f"/boards/{b}/suggestions/{key}/accept", {}, htmx=False)
    assert plain.status_code == 404


def test_next_steps_page_walks_a_step_and_logs_a_learning(app, small):
    client = _login(app, small_user(small, app))
    b = small["id"]
    form = {"title": "Keukentafelgesprekken", "goal": "", "owner_organisation_id": ""}
    form.update(participants="", start_date="2027-05-01", due_date="2027-04-01")
    made = _post(app, client, f"/boards/{b}/next-steps", form)
    assert made.status_code == 422 and "vóór de startdatum" in made.get_data(as_text=True)
    made = _post(
        app,
        client,
        f"/boards/{b}/next-steps",
        {"title": "Keukentafelgesprekken", "start_date": "2027-03-01", "due_date": "2027-04-01"},
    )
    assert made.status_code == 201
    step = small["viewer"].get(f"/boards/{b}/next-steps").get_json()["next_steps"][0]
    status_url = f"/boards/{b}/next-steps/{step['id']}/status"
    agreed = _post(app, client, status_url, {"version": "1", "status": "agreed"})
    assert "Afgesproken" in agreed.get_data(as_text=True)
    learned = _post(
        app,
        client,
        f"/boards/{b}/next-steps/{step['id']}/learnings",
        {"text": "Buurtgenoten vertrouwen buurtgenoten", "learned_on": ""},
    )
    assert learned.status_code == 201
    page = _get(app, client, f"/boards/{b}/next-steps").get_data(as_text=True)
    assert "Buurtgenoten vertrouwen buurtgenoten" in page and "Afgesproken" in page


def test_rounds_page_starts_a_round_and_compares(app, small):
    client = _login(app, small_user(small, app))
    b = small["id"]
    small["card"]("A", "L1", capacity_per_year=40)
    response = _post(app, client, f"/boards/{b}/rounds", {"name": "Voorjaar 2027"}, htmx=False)
    assert response.status_code == 302
    small["card"]("B", "L1", title="Nieuw loket")
    timeline = _get(app, client, f"/boards/{b}/rounds").get_data(as_text=True)
    assert "Voorjaar 2027" in timeline
    round_id = small["viewer"].get(f"/boards/{b}/rounds").get_json()["rounds"][0]["id"]
    compare = _get(app, client, f"/boards/{b}/rounds/{round_id}").get_data(as_text=True)
    assert "Nieuw loket" in compare and "Kaarten toegevoegd (1)" in compare


def test_canvas_shows_badges_lens_switch_and_panel(app, small):
    one = small["card"]("A", "L1", "zon")
    two = small["card"]("A", "L1", "wind")
    small["api"].post(
        f"/boards/{small['id']}/markers",
        json={"kind": "overlap", "title": "Twee coöperaties", "card_ids": [one["id"], two["id"]]},
    )
    small["api"].post(
        f"/boards/{small['id']}/markers",
        json={
            "kind": "gap",
            "title": "Niets voor VvE",
            "phase_id": small["phase"]["B"],
            "lane_id": small["lane"]["L2"],
        },
    )
    client = _login(app, small_user(small, app))
    html = _get(app, client, f"/boards/{small['id']}").get_data(as_text=True)
    assert 'data-lens="efficient"' in html
    # The reading styles come in the canvas's one stylesheet bundle (app/assets.py).
    bundle = re.search(r'href="(/static/bundles/board\.\w+\.css)"', html).group(1)
    assert "/* css/reading.css */" in _get(app, client, bundle).get_data(as_text=True)
    assert re.search(r"js/reading\.\w+\.js", html)
    card_part = html[html.index(f'id="card-{one["id"]}"') :]
    assert "bw-marker-badge--overlap" in card_part[: card_part.index("</li>")]
    cell = f'data-reading-cell="{small["phase"]["B"]}-{small["lane"]["L2"]}"'
    assert "bw-marker-badge--gap" in html[html.index(cell) : html.index(cell) + 600]
    overlay = _get(app, client, f"/boards/{small['id']}/reading/overlay").get_data(as_text=True)
    assert f'data-reading-phase="{small["phase"]["A"]}"' in overlay
    panel = _get(app, client, f"/boards/{small['id']}/reading/panel").get_data(as_text=True)
    assert "Twee coöperaties" in panel and "Nieuwe markering" in panel


def test_viewer_pages_have_no_edit_forms_and_outsiders_are_refused(app, small, create_user):
    with app.app_context():
        viewer_id = db.session.execute(
            db.select(Membership.user_id).filter_by(board_id=small["id"], role="viewer")
        ).scalar_one()
        viewer = db.session.get(User, viewer_id)
    client = _login(app, viewer)
    b = small["id"]
    for path in ("markers", "bridge", "next-steps", "rounds", "reading/panel"):
        page = _get(app, client, f"/boards/{b}/{path}")
        assert page.status_code == 200, path
        assert 'method="post"' not in page.get_data(as_text=True).split("<main", 1)[-1], path
    assert (
        _post(
            app,
            client,
            f"/boards/{b}/markers",
            {"kind": "gap", "title": "x", "phase_id": small["phase"]["A"]},
        ).status_code
        == 403
    )
    outsider = _login(app, create_user())
    for path in ("markers", "bridge", "bridge.svg", "next-steps", "rounds"):
        assert _get(app, outsider, f"/boards/{b}/{path}").status_code == 403, path


def test_the_overlay_brings_the_cards_asked_for_and_their_handover_partners(app, small):
    one = small["card"]("A", "L1", "zon")
    two = small["card"]("B", "L1", "wind")
    three = small["card"]("B", "L2", "loket")
    small["api"].post(
        f"/boards/{small['id']}/handovers",
        json={"from_card_id": one["id"], "to_card_id": two["id"]},
    )
    client = _login(app, small_user(small, app))
    url = f"/boards/{small['id']}/reading/overlay"

    def cards_in(query: str) -> set[int]:
        html = _get(app, client, url + query).get_data(as_text=True)
        assert f'data-reading-phase="{small["phase"]["B"]}"' in html  # phases and cells always
        assert "data-reading-cell=" in html
        return {int(i) for i in re.findall(r'data-reading-card="(\d+)"', html)}

    assert cards_in("") == {one["id"], two["id"], three["id"]}
    assert cards_in(f"?cards={two['id']}") == {one["id"], two["id"]}  # its list names "zon"
    assert cards_in(f"?cards={three['id']},999999") == {three["id"]}
    assert cards_in("?cards=") == set()
    # A card with nothing to say has an empty part: the page drops what it showed.
    plain = _get(app, client, f"{url}?cards={three['id']}").get_data(as_text=True)
    assert f'<template data-reading-card="{three["id"]}"></template>' in plain
