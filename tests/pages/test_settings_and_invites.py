"""The settings page as a coordinator uses it: all phases in one save, nothing typed lost, open
invitations to revoke, and an invite taken up by someone who already has an account."""

import re

from app.boards.services import create_invite
from app.extensions import db
from app.models import Membership, Phase
from app.permissions import Actor
from app.structure.services import update_axis
from tests.plugin import PASSWORD


def _phase_form(board, demands: dict[int, int | str], names: dict[int, str] | None = None) -> dict:
    """The one form of the settings page, as it was loaded, with `demands` typed per phase index."""
    names = names or {}
    form = {}
    for index, phase in enumerate(board.phases):
        shown = "" if phase.demand_per_year is None else str(phase.demand_per_year)
        form |= {
            f"version-{phase.id}": str(phase.version),
            f"name-{phase.id}": names.get(index, phase.name),
            f"was-name-{phase.id}": phase.name,
            f"demand_per_year-{phase.id}": str(demands.get(index, shown)),
            f"was-demand_per_year-{phase.id}": shown,
        }
    return form


def _name(phase_id: int) -> str:
    return db.session.execute(db.select(Phase.name).filter_by(id=phase_id)).scalar_one()


def _demands(board_id: int) -> list[int | None]:
    db.session.rollback()  # leave the test's read snapshot to see what the request wrote
    return list(
        db.session.execute(
            db.select(Phase.demand_per_year).filter_by(board_id=board_id).order_by(Phase.position)
        ).scalars()
    )


def test_demand_for_all_phases_is_saved_in_one_go(board_with_roles, web):
    board, people = board_with_roles["board"], board_with_roles["people"]
    page = web(people["partner"])
    form = _phase_form(board, {0: 1200, 1: 900, 2: 600, 6: 150}, names={3: "Offertes"})
    response = page.post(f"/boards/{board.id}/phases/all", data=form)
    assert response.status_code == 302 and "saved=phases" in response.location
    assert _demands(board.id) == [1200, 900, 600, None, None, None, 150]
    assert _name(board.phases[3].id) == "Offertes"
    shown = page.get(response.location).get_data(as_text=True)
    assert "Opgeslagen." in shown and 'value="900"' in shown


def test_a_stale_save_keeps_what_was_typed_and_overwrites_nothing(board_with_roles, web):
    board, people = board_with_roles["board"], board_with_roles["people"]
    form = _phase_form(board, {1: 800, 2: 700})
    # Meanwhile the coordinator estimates phase 2, and renames phase 5 (which the partner left).
    coordinator = Actor(user=people["coordinator"])
    update_axis(coordinator, board.id, "phase", board.phases[1].id, {"demand_per_year": 500})
    update_axis(coordinator, board.id, "phase", board.phases[4].id, {"name": "Geld"})

    page = web(people["partner"])
    refused = page.post(f"/boards/{board.id}/phases/all", data=form)
    assert refused.status_code == 409
    assert _demands(board.id)[:3] == [None, 500, None]  # nothing of this save was written
    html = refused.get_data(as_text=True)
    assert "intussen" in html.lower() and "500" in html
    # What was typed is still in the form, the untouched phase shows the other person's name.
    assert re.search(rf'name="demand_per_year-{board.phases[1].id}"[^>]*value="800"', html)
    assert re.search(rf'name="demand_per_year-{board.phases[2].id}"[^>]*value="700"', html)
    assert re.search(rf'name="name-{board.phases[4].id}"[^>]*value="Geld"', html)

    # Saving the form as it came back keeps the typed values, knowingly replacing the 500.
    again = {key: value for key, value in _form_fields(html).items() if key != "move"}
    assert page.post(f"/boards/{board.id}/phases/all", data=again).status_code == 302
    assert _demands(board.id)[:3] == [None, 800, 700]
    assert _name(board.phases[4].id) == "Geld"


def _form_fields(html: str) -> dict:
    """The named inputs of the phases form in a page (hidden and typed)."""
    form = html[
        html.index('id="phases-form"') : html.index("</form>", html.index('id="phases-form"'))
    ]
    fields = {}
    for tag in re.findall(r"<input[^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name:
            fields[name.group(1)] = value.group(1) if value else ""
    return fields


def test_a_change_someone_else_made_to_an_untouched_phase_is_no_conflict(board_with_roles, web):
    board, people = board_with_roles["board"], board_with_roles["people"]
    form = _phase_form(board, {0: 100})
    update_axis(
        Actor(user=people["coordinator"]),
        board.id,
        "phase",
        board.phases[3].id,
        {"demand_per_year": 40},
    )
    assert (
        web(people["partner"]).post(f"/boards/{board.id}/phases/all", data=form).status_code == 302
    )
    assert _demands(board.id)[0] == 100 and _demands(board.id)[3] == 40


def test_an_invite_link_appears_in_the_members_section_and_can_be_revoked(board_with_roles, web):
    board, people = board_with_roles["board"], board_with_roles["people"]
    page = web(people["coordinator"])
    made = page.post(
        f"/boards/{board.id}/invites",
        data={"role": "partner", "email": "nieuw@coop.nl"},
        headers={"HX-Request": "true"},
    )
    html = made.get_data(as_text=True)
    # Only the section comes back (htmx swaps it where the button was), with the link in it.
    assert made.status_code == 200 and html.lstrip().startswith('<section id="members"')
    link = re.search(r'value="http://localhost(/invite/[^"]+)"', html).group(1)
    assert "nieuw@coop.nl" in html and "Intrekken" in html
    invite_id = int(re.search(r'id="invite-(\d+)"', html).group(1))

    revoked = page.post(
        f"/boards/{board.id}/invites/{invite_id}/revoke", headers={"HX-Request": "true"}
    )
    assert "nieuw@coop.nl" not in revoked.get_data(as_text=True)
    gone = web().get(link)
    assert gone.status_code == 410
    assert "ingetrokken" in gone.get_data(as_text=True)


def test_someone_with_an_account_accepts_an_invite_by_signing_in(
    board_with_roles, create_user, web
):
    board, people = board_with_roles["board"], board_with_roles["people"]
    existing = create_user(name="Fatima", email="fatima@wijkteam.nl")
    _invite, token = create_invite(Actor(user=people["coordinator"]), board.id, "partner")
    visitor = web()
    invite_page = visitor.get(f"/invite/{token}").get_data(as_text=True)
    assert "Ik heb al een account" in invite_page
    login_url = (
        re.search(r'href="(/login\?next=[^"]+)"', invite_page).group(1).replace("&amp;", "&")
    )

    # Creating an account with the address in use points the way to signing in.
    taken = visitor.post(
        f"/invite/{token}",
        data={"name": "Fatima", "email": existing.email, "password": "zonnepanelen-2027"},
    )
    assert taken.status_code == 422 and login_url.replace("&", "&amp;") in taken.get_data(
        as_text=True
    )

    assert "uitnodiging voor Testbord" in visitor.get(login_url).get_data(as_text=True)
    signed_in = visitor.post(login_url, data={"email": existing.email, "password": PASSWORD})
    assert signed_in.status_code == 302 and signed_in.location.endswith(f"/boards/{board.id}")
    db.session.rollback()
    membership = db.session.execute(
        db.select(Membership).filter_by(board_id=board.id, user_id=existing.id)
    ).scalar_one()
    assert membership.role == "partner"
    assert visitor.get(f"/boards/{board.id}").status_code == 200
    assert web().get(f"/invite/{token}").status_code == 410  # used


def test_login_follows_only_local_next(board_with_roles, web):
    people = board_with_roles["people"]
    response = web().post(
        "/login?next=//evil.example/invite/x",
        data={"email": people["viewer"].email, "password": PASSWORD},
    )
    assert response.status_code == 302 and "evil.example" not in response.location
