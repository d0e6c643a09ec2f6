"""The canvas as a person uses it through pages: forms, errors, conflicts, invites, history."""

import re

from app.extensions import db
from app.models import Card, Membership
from tests.plugin import PASSWORD, new_card


def _signed_in(app, user):
    client = app.test_client()
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    return client


def test_canvas_shows_phases_lanes_and_cards_with_html_as_text(app, board_with_roles, create_card):
    board, people = board_with_roles["board"], board_with_roles["people"]
    create_card(
        board,
        people["partner"],
        board_with_roles["organisation"],
        phase=1,
        lane=2,
        title="<script>alert('x')</script> Keukentafelgesprek",
    )
    page = _signed_in(app, people["viewer"]).get(f"/boards/{board.id}").get_data(as_text=True)
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Keukentafelgesprek" in page
    assert "<script>alert" not in page
    for phase in board.phases:
        assert f'data-phase-id="{phase.id}"' in page and phase.name.replace("&", "&amp;") in page
    assert f'data-lane-id="{board.lanes[2].id}"' in page
    # A viewer gets no edit controls at all.
    assert "data-move=" not in page and "+ Aanbod" not in page


def test_partner_gets_edit_controls(app, board_with_roles, create_card):
    board, people = board_with_roles["board"], board_with_roles["people"]
    for phase in (0, 1, 2):
        create_card(board, people["partner"], board_with_roles["organisation"], phase=phase)
    page = _signed_in(app, people["partner"]).get(f"/boards/{board.id}").get_data(as_text=True)
    # The card controls are rendered once, in a <template> that canvas.js copies into each card
    # (with the URL it needs); three cards, still one set.
    assert page.count('<template id="bw-card-actions"') == 1
    assert page.count('data-move="left"') == 1 and page.count('data-action="edit"') == 1
    assert f'data-cards-url="/boards/{board.id}/cards"' in page
    assert page.count('class="bw-card ') == 3


def test_create_card_form_shows_error_beside_field_and_writes_nothing(app, board_with_roles):
    board, people = board_with_roles["board"], board_with_roles["people"]
    client = _signed_in(app, people["partner"])
    seq = board.seq
    fields = new_card(board, board_with_roles["organisation"], "x" * 201)
    response = client.post(f"/boards/{board.id}/cards", data=fields)
    assert response.status_code == 422
    assert "Maximaal 200 tekens." in response.get_data(as_text=True)
    db.session.refresh(board)
    assert board.seq == seq
    assert db.session.execute(db.select(db.func.count()).select_from(Card)).scalar_one() == 0


def test_create_then_edit_card_through_forms(app, board_with_roles):
    board, people = board_with_roles["board"], board_with_roles["people"]
    client = _signed_in(app, people["partner"])
    fields = new_card(board, board_with_roles["organisation"], "Energiecoach aan huis", 2, 1)
    fields.update(description="Een vrijwilliger komt langs.", capacity_per_year="300")
    response = client.post(f"/boards/{board.id}/cards", data=fields)
    assert response.status_code == 201
    card_id = int(re.search(r'data-card-id="(\d+)"', response.get_data(as_text=True)).group(1))
    response = client.post(
        f"/boards/{board.id}/cards/{card_id}",
        data={
            "version": "1",
            "title": "Energiecoach aan huis",
            "description": "",
            "capacity_per_year": "",
            "status": "pilot",
        },
    )
    assert response.status_code == 200
    card = db.session.get(Card, card_id)
    db.session.refresh(card)
    assert (card.description, card.capacity_per_year, card.status, card.version) == (
        "",
        None,
        "pilot",
        2,
    )


def test_stale_save_shows_conflict_view_and_overwrites_nothing(app, board_with_roles, create_card):
    board, people = board_with_roles["board"], board_with_roles["people"]
    card = create_card(
        board, people["partner"], board_with_roles["organisation"], title="Offertecheck"
    )
    anna = _signed_in(app, people["partner"])
    fatima = _signed_in(app, people["coordinator"])
    assert (
        fatima.post(
            f"/boards/{board.id}/cards/{card.id}",
            data={"version": "1", "title": "Offertecheck door het loket"},
        ).status_code
        == 200
    )
    response = anna.post(
        f"/boards/{board.id}/cards/{card.id}",
        data={"version": "1", "title": "Offertecheck samen met de coöperatie"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Offertecheck door het loket" in page and "Offertecheck samen met de coöperatie" in page
    assert 'name="version" value="2"' in page  # saving from the conflict view is deliberate
    db.session.refresh(card)
    assert card.title == "Offertecheck door het loket"


def test_delete_and_restore_from_history(app, board_with_roles, create_card):
    board, people = board_with_roles["board"], board_with_roles["people"]
    card = create_card(
        board, people["partner"], board_with_roles["organisation"], title="Warmtecamerawandeling"
    )
    client = _signed_in(app, people["partner"])
    client.post(f"/boards/{board.id}/cards/{card.id}/delete")
    history = client.get(f"/boards/{board.id}/activity").get_data(as_text=True)
    assert "Verwijderde kaarten" in history and "Warmtecamerawandeling" in history
    assert "verwijderde kaart ‘Warmtecamerawandeling’" in history
    assert "Warmtecamerawandeling" not in client.get(f"/boards/{board.id}/canvas").get_data(
        as_text=True
    )
    client.post(f"/boards/{board.id}/cards/{card.id}/restore")
    assert "Warmtecamerawandeling" in client.get(f"/boards/{board.id}/canvas").get_data(
        as_text=True
    )


def test_deleting_a_phase_with_cards_asks_where_they_go(app, board_with_roles, create_card):
    board, people = board_with_roles["board"], board_with_roles["people"]
    card = create_card(board, people["partner"], board_with_roles["organisation"], phase=0)
    client = _signed_in(app, people["partner"])
    first, second = board.phases[0].id, board.phases[1].id
    response = client.post(f"/boards/{board.id}/phases/{first}/delete", data={})
    assert response.status_code == 422
    assert "Er staat nog 1 kaart in; kies waar die heen gaat." in response.get_data(as_text=True)
    assert (
        client.post(
            f"/boards/{board.id}/phases/{first}/delete", data={"move_cards_to": str(second)}
        ).status_code
        == 302
    )
    db.session.refresh(card)
    assert card.phase_id == second and card.deleted_at is None


def test_invite_link_makes_a_new_partner(app, board_with_roles):
    board, people = board_with_roles["board"], board_with_roles["people"]
    coordinator = _signed_in(app, people["coordinator"])
    page = coordinator.post(f"/boards/{board.id}/invites", data={"role": "partner"}).get_data(
        as_text=True
    )
    link = re.search(r'value="(http://localhost/invite/[^"]+)"', page).group(1)
    invitee = app.test_client()
    path = link.removeprefix("http://localhost")
    assert invitee.get(path).status_code == 200
    response = invitee.post(
        path, data={"name": "Joost", "email": "joost@coop.nl", "password": "zonnepanelen-2027"}
    )
    assert response.status_code == 302
    db.session.rollback()  # leave the test's own read snapshot, to see what the request wrote
    membership = db.session.execute(
        db.select(Membership)
        .filter_by(board_id=board.id)
        .join(Membership.user)
        .filter_by(email="joost@coop.nl")
    ).scalar_one()
    assert membership.role == "partner"
    assert invitee.get(f"/boards/{board.id}").status_code == 200
    # An invite works once: a used link answers 410 with a page that says so.
    used = app.test_client().get(path)
    assert used.status_code == 410
    assert "al gebruikt" in used.get_data(as_text=True)


def test_logout_ends_the_session_everywhere(app, create_user):
    user = create_user()
    laptop, phone = _signed_in(app, user), _signed_in(app, user)
    assert phone.get("/").status_code == 200
    laptop.post("/logout")
    assert phone.get("/").status_code == 302


def test_wrong_password_shows_one_message(app, create_user):
    user = create_user()
    wrong = app.test_client().post("/login", data={"email": user.email, "password": "nope"})
    unknown = app.test_client().post("/login", data={"email": "x@y.nl", "password": "nope"})
    assert wrong.status_code == unknown.status_code == 401
    assert "E-mailadres of wachtwoord klopt niet." in wrong.get_data(as_text=True)
    assert "E-mailadres of wachtwoord klopt niet." in unknown.get_data(as_text=True)


def test_a_board_keeps_its_last_coordinator(app, board_with_roles):
    board, people = board_with_roles["board"], board_with_roles["people"]
    client = _signed_in(app, people["coordinator"])
    me = people["coordinator"].id
    assert (
        client.post(f"/boards/{board.id}/members/{me}", data={"role": "partner"}).status_code == 422
    )
    assert client.post(f"/boards/{board.id}/members/{me}", data={"remove": "1"}).status_code == 422
    db.session.rollback()
    roles = dict(
        db.session.execute(
            db.select(Membership.user_id, Membership.role).filter_by(board_id=board.id)
        ).all()
    )
    assert roles[me] == "coordinator"
    # With a second coordinator, the first may step back.
    partner = people["partner"].id
    client.post(f"/boards/{board.id}/members/{partner}", data={"role": "coordinator"})
    assert (
        client.post(f"/boards/{board.id}/members/{me}", data={"role": "partner"}).status_code == 302
    )


EXPECT = re.compile(r'<link rel="expect" href="#([\w-]+)" blocking="render">')


def test_the_first_paint_waits_for_the_top_of_the_page_only(app, board_with_roles, create_card):
    """A page is drawn once its header is parsed; a board page once all above the canvas is. The
    element it waits for must be in the page (else the browser waits for the whole of it) and
    on the canvas come before the cards (a big board then shows its top while the rest arrives)."""
    board, people = board_with_roles["board"], board_with_roles["people"]
    create_card(board, people["partner"], board_with_roles["organisation"], phase=0)
    client = _signed_in(app, people["partner"])
    for path, waits_for in ((f"/boards/{board.id}", "bw-canvas-frame"), ("/", "main")):
        page = client.get(path).get_data(as_text=True)
        assert EXPECT.findall(page) == [waits_for], path
        assert f'id="{waits_for}"' in page, path
    canvas = client.get(f"/boards/{board.id}").get_data(as_text=True)
    assert canvas.index('id="bw-canvas-frame"') < canvas.index("data-card-id=")
