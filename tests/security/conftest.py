"""A seeded world for the security tests: one board with every kind of entity and every actor."""

import shutil
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from app.auth.services import issue_token, send_sign_in_link
from app.boards.services import add_member, create_invite
from app.extensions import db
from app.mail.sender import sender_of
from app.models import (
    ApiToken,
    Board,
    Comment,
    Decision,
    Handover,
    Learning,
    Marker,
    Meeting,
    MeetingItem,
    Membership,
    NextStep,
    Round,
    TargetGroup,
    User,
    Vote,
)
from app.notify.services.preferences import unsubscribe_token
from app.permissions import Actor
from app.share.services import create_link, revoke_link
from tests.plugin import PASSWORD

USERS = ("coordinator", "partner", "viewer", "outsider")
LINKS = ("share", "revoked", "expired")
ACTORS = (*USERS, *LINKS, "anonymous")


@dataclass
class World:
    """Ids, credentials and a restorable snapshot of a fully seeded board."""

    app: object
    board_id: int
    other_board_id: int
    ids: dict = field(default_factory=dict)
    versions: dict = field(default_factory=dict)
    emails: dict = field(default_factory=dict)
    tokens: dict = field(default_factory=dict)
    cookies: dict = field(default_factory=dict)
    share_tokens: dict = field(default_factory=dict)
    db_path: Path | None = None
    snapshot: Path | None = None

    def seq(self) -> int:
        db.session.remove()
        value = db.session.get(Board, self.board_id).seq
        db.session.remove()
        return value

    def restore(self) -> None:
        """Put the database back as it was right after seeding (never under the mail sender)."""
        with sender_of(self.app).delivering:
            db.session.remove()
            db.engine.dispose()
            for suffix in ("-wal", "-shm"):
                Path(f"{self.db_path}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(self.snapshot, self.db_path)


def _session_cookie(app, email: str) -> str:
    client = app.test_client()
    with app.app_context():  # a fresh `g`: Flask-Login caches the signed-in user there
        response = client.post("/login", data={"email": email, "password": PASSWORD})
    assert response.status_code in (302, 303), response.status_code
    return client.get_cookie("session").value


def _seed_reading(
    world: World, coordinator: User, card_ids: list[int], phase_id: int, organisation_id: int
) -> None:
    """Add markers, handovers, next steps, rounds and meetings as rows (fixtures, not events)."""
    marker = Marker(
        board_id=world.board_id,
        kind="gap",
        phase_id=phase_id,
        title="Gat",
        author_id=coordinator.id,
    )
    handover = Handover(board_id=world.board_id, from_card_id=card_ids[0], to_card_id=card_ids[1])
    step = NextStep(
        board_id=world.board_id,
        title="Stap",
        owner_organisation_id=organisation_id,
        due_date=date(2030, 1, 1),
    )
    step.markers.append(marker)
    learning = Learning(next_step=step, text="Geleerd", author_id=coordinator.id)
    try:  # a real snapshot when the rounds service exists
        from app.reading.services.rounds import start_round  # noqa: PLC0415

        round_ = start_round(Actor(user=coordinator), world.board_id, "Ronde 1")
    except ImportError:
        round_ = Round(
            board_id=world.board_id,
            name="Ronde 1",
            seq=1,
            snapshot={},
            created_by_id=coordinator.id,
        )
    meeting = Meeting(
        board_id=world.board_id, title="Overleg", starts_at=datetime(2030, 1, 1, 10, tzinfo=UTC)
    )
    item = MeetingItem(meeting=meeting, title="Punt", position=0)
    db.session.add_all([marker, handover, step, learning, round_, meeting, item])
    db.session.flush()
    vote = Vote(
        board_id=world.board_id,
        question="Wat eerst?",
        ref_type="marker",
        options=[marker.id],
        budget=3,
        max_per_option=3,
    )
    db.session.add(vote)
    decision = Decision(meeting=meeting, item_id=item.id, text="Besluit", next_step_id=step.id)
    db.session.add(decision)
    comment = Comment(
        board_id=world.board_id,
        ref_type="card",
        ref_id=card_ids[0],
        author_id=coordinator.id,
        body="Hoi",
    )
    db.session.add(comment)
    db.session.commit()
    for kind, row in (
        ("marker", marker),
        ("handover", handover),
        ("next_step", step),
        ("learning", learning),
        ("round", round_),
        ("meeting", meeting),
        ("item", item),
        ("decision", decision),
        ("vote", vote),
        ("comment", comment),
    ):
        world.ids[kind] = row.id
        world.versions[kind] = getattr(row, "version", None)


def _seed_monitor(world: World, partner: User, organisation_id: int) -> None:
    """Let the partner represent the cards' organisation and add a target group."""
    db.session.execute(
        db.update(Membership)
        .where(Membership.board_id == world.board_id, Membership.user_id == partner.id)
        .values(organisation_id=organisation_id)
    )
    group = TargetGroup(board_id=world.board_id, name="Doelgroep", size=100)
    db.session.add(group)
    db.session.commit()
    world.ids["target_group"], world.versions["target_group"] = group.id, group.version


def _seed_region(world: World, coordinator: User, outsider: User) -> None:
    """A region the coordinator leads with the board in it, and one of the outsider's to join."""
    from app.regions.services import create_region, join_region  # noqa: PLC0415

    region = create_region(Actor(user=coordinator), "Regio")
    join_region(Actor(user=coordinator), region.id, world.board_id)
    world.ids["region"] = region.id
    world.ids["other_region"] = create_region(Actor(user=outsider), "Andere regio").id


@pytest.fixture
def world(app, tmp_path, create_user, create_board, create_card):
    """A board with coordinator, partner, viewer, an outsider (coordinator of another board),
    active/revoked/expired share links, an invite and one entity of every kind."""
    with app.test_request_context():  # services render live fragments and build URLs
        return _build_world(app, tmp_path, create_user, create_board, create_card)


def _build_world(app, tmp_path, create_user, create_board, create_card) -> World:
    people = {role: create_user(name=role.capitalize()) for role in (*USERS, "extra")}
    coordinator = people["coordinator"]
    board = create_board(owner=coordinator, lane_template="measure_type")
    other = create_board(owner=people["outsider"], name="Ander bord")
    actor = Actor(user=coordinator)
    for role in ("partner", "viewer"):
        add_member(actor, board.id, people[role].email, role)
    add_member(actor, board.id, people["extra"].email, "viewer")
    from app.structure.services import create_organisation  # noqa: PLC0415

    organisation = create_organisation(actor, board.id, "Energieloket", "energieloket", "#0b5fa5")
    cards = [create_card(board, coordinator, organisation) for _ in range(2)]
    world = World(app=app, board_id=board.id, other_board_id=other.id)
    phase, lane = board.phases[0], board.lanes[0]
    world.ids.update(board=board.id, phase=phase.id, lane=lane.id, organisation=organisation.id)
    world.ids.update(card=cards[0].id, card2=cards[1].id, member=people["extra"].id)
    world.versions.update(board=board.version, phase=phase.version, lane=lane.version)
    world.versions.update(organisation=organisation.version, card=cards[0].version)
    _seed_reading(world, coordinator, [c.id for c in cards], board.phases[0].id, organisation.id)
    _seed_monitor(world, people["partner"], organisation.id)
    _seed_region(world, coordinator, people["outsider"])
    for kind in LINKS:
        link, token = create_link(actor, board.id, label=kind)
        world.share_tokens[kind] = token
        if kind == "share":
            world.ids["share_link"] = link.id
        if kind == "revoked":
            revoke_link(actor, board.id, link.id)
        if kind == "expired":
            link.expires_at = datetime.now(UTC) - timedelta(days=1)
            db.session.commit()
    _invite, world.ids["invite_token"] = create_invite(actor, board.id, "viewer")
    with app.test_request_context():  # the link's URL in the mail needs a request's host
        world.ids["sign_in_token"] = send_sign_in_link(people["extra"].email)
    world.ids["invitation"] = create_invite(actor, board.id, "viewer")[0].id  # one to revoke
    world.ids["unsubscribe_token"] = unsubscribe_token(people["viewer"].id, board.id)
    for role in USERS:
        world.emails[role] = people[role].email
        world.tokens[role] = issue_token(people[role], "matrix")
        world.cookies[role] = _session_cookie(app, people[role].email)
    issue_token(coordinator, "spare")
    world.ids["api_token"] = db.session.execute(
        db.select(ApiToken.id).filter_by(label="spare")
    ).scalar_one()
    world.emails["extra"] = people["extra"].email
    world.db_path = Path(app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///"))
    world.snapshot = tmp_path / "snapshot.db"
    db.session.remove()
    db.engine.dispose()
    with sqlite3.connect(world.db_path) as source, sqlite3.connect(world.snapshot) as target:
        source.backup(target)  # consistent, WAL included
    return world
