"""Board operations: boards, members and invites. One path for pages, API and tests."""

import secrets
from datetime import timedelta

from flask import url_for
from flask_babel import force_locale, format_date, get_locale
from flask_babel import gettext as _

from app import events
from app.audit.log import record
from app.auth.services import create_user
from app.errors import Conflict, Gone, NotFound, ValidationFailed
from app.extensions import db
from app.hashing import hash_token
from app.lookup import board_entity, get_entity
from app.mail import services as outbox
from app.models import Board, Invite, Lane, Membership, Organisation, Phase, User
from app.models._types import utcnow
from app.permissions import MANAGE, Actor, board_for
from app.positions import keys_after
from app.signals import access_revoked
from app.transaction import write
from app.vocab import DEFAULT_PHASES, LANE_TEMPLATES, ROLE_LABELS

INVITE_DAYS = 14


def boards_of(user: User, include_archived: bool = False) -> list[tuple[Board, str]]:
    """Return the boards a user is a member of, with the user's role, newest first."""
    query = (
        db.select(Board, Membership.role)
        .join(Membership)
        .where(Membership.user_id == user.id)
        .order_by(Board.created_at.desc())
    )
    if not include_archived:
        query = query.where(Board.archived_at.is_(None))
    return [(board, role) for board, role in db.session.execute(query).all()]


@write
def create_board(
    actor: Actor,
    name: str,
    phases: list[str] | None = None,
    lanes: list[str] | None = None,
    lane_template: str | None = None,
) -> Board:
    """Create a board with default or given phases and lanes; its creator coordinates it."""
    board = Board(name=name, created_by_id=actor.id)
    board.memberships.append(Membership(user=actor.user, role="coordinator"))
    phase_names = DEFAULT_PHASES if phases is None else phases
    lane_names = lanes if lanes is not None else LANE_TEMPLATES.get(lane_template, ())
    for key, phase_name in zip(keys_after(None, len(phase_names)), phase_names, strict=True):
        board.phases.append(Phase(name=phase_name, position=key))
    for key, lane_name in zip(keys_after(None, len(lane_names)), lane_names, strict=True):
        board.lanes.append(Lane(name=lane_name, position=key))
    db.session.add(board)
    db.session.flush()
    events.record(board.id, "board.created", board, actor)
    return board


@write
def update_board(
    actor: Actor,
    board_id: int,
    name: str | None = None,
    archived: bool | None = None,
    version: int | None = None,
) -> Board:
    """Rename, archive or unarchive a board."""
    board = board_for(actor, board_id, MANAGE)
    if version is not None and version != board.version:
        raise Conflict(_("Het bord is intussen gewijzigd."), current=board.to_json())
    if name is not None:
        board.name = name
    if archived is not None:
        board.archived_at = utcnow() if archived else None
    board.version += 1
    events.record(board.id, "board.updated", board, actor)
    return board


def _member_by_email(board_id: int, email: str) -> Membership | None:
    return db.session.execute(
        db.select(Membership)
        .join(User)
        .where(Membership.board_id == board_id, User.email == email.lower())
    ).scalar_one_or_none()


@write
def add_member(actor: Actor, board_id: int, email: str, role: str) -> Membership:
    """Give an existing user a role on the board (or change it)."""
    board_for(actor, board_id, MANAGE)
    user = db.session.execute(db.select(User).filter_by(email=email.lower())).scalar_one_or_none()
    if user is None:
        raise ValidationFailed(
            _("Er is geen account met dit e-mailadres; stuur een uitnodiging."),
            fields={"email": _("Onbekend e-mailadres.")},
        )
    membership = _member_by_email(board_id, email)
    if membership is None:
        membership = Membership(board_id=board_id, user=user, role=role)
        record("member.added", actor, board_id, _member_subject(user, role))
    elif membership.role != role:
        record("member.role_changed", actor, board_id, _member_subject(user, role))
    membership.role = role
    db.session.add(membership)
    events.record(board_id, "member.updated", membership, actor)
    return membership


def _member_subject(user: User, role: str) -> str:
    # What the audit log says of a membership change: whom it concerns, and their role now.
    return f"{user.email} ({role})"


@write
def change_role(actor: Actor, board_id: int, user_id: int, role: str) -> Membership:
    """Change a member's role; a board keeps at least one coordinator."""
    membership = _member_leaving_role(actor, board_id, user_id, losing=role != "coordinator")
    if membership.role != role:
        record("member.role_changed", actor, board_id, _member_subject(membership.user, role))
    membership.role = role
    events.record(board_id, "member.updated", membership, actor)
    return membership


def _member_leaving_role(actor: Actor, board_id: int, user_id: int, losing: bool) -> Membership:
    """Return the membership to change; a board never loses its last coordinator."""
    board_for(actor, board_id, MANAGE)
    membership = db.session.execute(
        db.select(Membership).filter_by(board_id=board_id, user_id=user_id)
    ).scalar_one_or_none()
    if membership is None:
        raise NotFound(_("Dit lid bestaat niet."))
    coordinators = db.session.execute(
        db.select(db.func.count())
        .select_from(Membership)
        .filter_by(board_id=board_id, role="coordinator")
    ).scalar_one()
    if losing and membership.role == "coordinator" and coordinators == 1:
        raise ValidationFailed(_("Een bord heeft minstens één regisseur nodig."))
    return membership


@write
def remove_member(actor: Actor, board_id: int, user_id: int) -> None:
    """Take a user off the board; their live connections to it are cut."""
    membership = _member_leaving_role(actor, board_id, user_id, losing=True)
    data = membership.to_json()
    record("member.removed", actor, board_id, _member_subject(membership.user, membership.role))
    db.session.delete(membership)
    events.record(board_id, "member.deleted", actor=actor, data=data)
    access_revoked.send(None, board_id=board_id, user_id=user_id)


@write
def create_invite(
    actor: Actor,
    board_id: int,
    role: str,
    email: str | None = None,
    organisation_id: int | None = None,
) -> tuple[Invite, str]:
    """Create an invite link; with an e-mail address it is mailed too (after commit). Return the
    invite and its secret token (shown once)."""
    board = board_for(actor, board_id, MANAGE)
    email = email.strip().lower() if email else None
    if email and not outbox.valid_address(email):
        raise ValidationFailed(
            _("Dit e-mailadres kunnen we niet gebruiken."),
            fields={"email": _("Vul één gewoon e-mailadres in, zoals naam@gemeente.nl.")},
        )
    if email and _member_by_email(board_id, email) is not None:
        raise Conflict(
            _("%(email)s is al lid van dit bord.", email=email),
            fields={"email": _("Al lid van dit bord.")},
            code="already_member",
        )
    if organisation_id is not None:
        board_entity(Organisation, board_id, organisation_id, "organisation_id")
    token = secrets.token_urlsafe(24)
    invite = Invite(
        board_id=board_id,
        role=role,
        email=email,
        organisation_id=organisation_id,
        token_hash=hash_token(token),
        created_by_id=actor.id,
        expires_at=utcnow() + timedelta(days=INVITE_DAYS),
    )
    db.session.add(invite)
    db.session.flush()
    events.record(board_id, "invitation.created", invite, actor, data=_invite_event(invite))
    record("invitation.created", actor, board_id, _invite_subject(invite))
    if email:
        _mail_invite(invite, board, actor, invite_url(token))
    return invite, token


def invite_url(token: str) -> str:
    """Return the absolute URL that accepts an invite."""
    return url_for("auth.invite", token=token, _external=True)


def _mail_invite(invite: Invite, board: Board, actor: Actor, url: str) -> None:
    """Queue the invitation mail, in the invitee's language when they have an account."""
    known = db.session.execute(
        db.select(User.locale).filter_by(email=invite.email)
    ).scalar_one_or_none()
    locale = known or str(get_locale() or "nl")
    with force_locale(locale):
        role, expires = ROLE_LABELS[invite.role], format_date(invite.expires_at, "long")
    outbox.queue(
        invite.email,
        "invitation",
        locale,
        board_name=board.name,
        inviter=actor.name,
        role=str(role).lower(),
        url=url,
        expires=expires,
    )


def _invite_event(invite: Invite) -> dict:
    # What the board's event log tells about an invite: never its token.
    return {"id": invite.id, "role": invite.role, "email": invite.email}


def _invite_subject(invite: Invite) -> str:
    # What the audit log says of an invitation: which one, for whom, as what.
    return f"invitation #{invite.id} {invite.email or '-'} ({invite.role})"


def list_invites(actor: Actor, board_id: int, only_open: bool = False) -> list[Invite]:
    """Return the board's invites for its coordinator, newest first (only usable ones if asked)."""
    board_for(actor, board_id, MANAGE)
    query = db.select(Invite).filter_by(board_id=board_id).order_by(Invite.id.desc())
    if only_open:
        query = query.where(
            Invite.accepted_at.is_(None),
            Invite.revoked_at.is_(None),
            db.or_(Invite.expires_at.is_(None), Invite.expires_at >= utcnow()),
        )
    return list(db.session.execute(query).scalars())


@write
def revoke_invite(actor: Actor, board_id: int, invite_id: int) -> Invite:
    """Revoke an invite: its link stops working (an accepted one stays accepted)."""
    board_for(actor, board_id, MANAGE)
    invite = get_entity(Invite, board_id, invite_id, _("Deze uitnodiging bestaat niet."))
    if invite.revoked_at is None and invite.accepted_at is None:
        invite.revoked_at = utcnow()
        events.record(board_id, "invitation.revoked", invite, actor, data=_invite_event(invite))
        record("invitation.revoked", actor, board_id, _invite_subject(invite))
    return invite


def open_invite(token: str) -> Invite:
    """Return the pending invite for a token; raise Gone (used, revoked, expired) or NotFound."""
    invite = db.session.execute(
        db.select(Invite).filter_by(token_hash=hash_token(token))
    ).scalar_one_or_none()
    if invite is None:
        raise NotFound(
            _("Deze uitnodiging bestaat niet. Controleer of je de link volledig hebt gekopieerd.")
        )
    messages = {
        "accepted": _("Deze uitnodiging is al gebruikt. Log in om het bord te openen."),
        "revoked": _("Deze uitnodiging is ingetrokken. Vraag de regisseur om een nieuwe."),
        "expired": _("Deze uitnodiging is verlopen. Vraag de regisseur om een nieuwe."),
    }
    status = invite.status(utcnow())
    if status != "open":
        raise Gone(messages[status], code=f"invitation_{status}")
    return invite


@write
def accept_invite(
    token: str,
    user: User | None = None,
    name: str | None = None,
    email: str | None = None,
    password: str | None = None,
) -> Membership:
    """Accept an invite as the signed-in user, or create the invitee's account."""
    invite = open_invite(token)
    if user is None:
        user = create_user(email=email, name=name, password=password)
    membership = db.session.execute(
        db.select(Membership).filter_by(board_id=invite.board_id, user_id=user.id)
    ).scalar_one_or_none()
    if membership is None:
        membership = Membership(
            board_id=invite.board_id,
            user_id=user.id,
            role=invite.role,
            organisation_id=invite.organisation_id,
        )
        record("member.added", user, invite.board_id, _member_subject(user, invite.role))
    membership.user = user
    db.session.add(membership)
    invite.accepted_at = utcnow()
    events.record(invite.board_id, "member.updated", membership, Actor(user=user))
    events.record(
        invite.board_id, "invitation.accepted", invite, Actor(user=user), _invite_event(invite)
    )
    record("invitation.accepted", user, invite.board_id, _invite_subject(invite))
    return membership
