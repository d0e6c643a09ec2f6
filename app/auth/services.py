"""Account operations: users, passwords, API tokens."""

import functools
import secrets
from datetime import timedelta

from flask import current_app, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError, OperationalError
from werkzeug.security import check_password_hash, generate_password_hash

from app.audit.log import record
from app.audit.services import note
from app.errors import Forbidden, Gone, NotFound, Unauthorized, ValidationFailed
from app.extensions import db
from app.hashing import hash_token
from app.mail import services as outbox
from app.models import ApiToken, SignInLink, User
from app.models._types import utcnow
from app.signals import access_revoked
from app.transaction import end_read, write

MIN_PASSWORD = 10
# A sign-in link works once, for this long (contract §6.2.3).
SIGN_IN_LINK_VALID = timedelta(minutes=15)
# A token's last use is written at most this often: one write per token now and then, never one
# per API call (those are the hot path).
TOKEN_USE_RESOLUTION = timedelta(minutes=5)


@functools.cache
def _dummy_hash(method: str) -> str:
    """A hash in the configured method, checked when the e-mail is unknown: both paths then
    take as long, so timing does not tell which addresses have an account."""
    return generate_password_hash(secrets.token_hex(16), method)


def check_password_rules(password: str) -> None:
    """Refuse passwords that are too short or too simple."""
    if len(password) < MIN_PASSWORD:
        raise ValidationFailed(
            _("Het wachtwoord is te kort."),
            fields={"password": _("Minstens %(n)s tekens.", n=MIN_PASSWORD)},
        )
    if len(set(password)) < 5:
        raise ValidationFailed(
            _("Het wachtwoord is te eenvoudig."),
            fields={"password": _("Gebruik meer verschillende tekens.")},
        )


@write
def create_user(email: str, name: str, password: str, is_admin: bool = False) -> User:
    """Create an account; the e-mail address must be new."""
    email = email.strip().lower()
    check_password_rules(password)
    if db.session.execute(db.select(User.id).filter_by(email=email)).first():
        raise ValidationFailed(
            _("Er is al een account met dit e-mailadres."),
            fields={"email": _("Dit e-mailadres is al in gebruik.")},
        )
    user = User(email=email, name=name.strip(), is_admin=is_admin)
    user.set_password(password)
    db.session.add(user)
    return user


def authenticate(email: str, password: str, via: str = "password") -> User:
    """Return the user with these credentials or raise Unauthorized (same answer for both);
    a failure is audited as `login.failed` with the address tried and `via` (the door)."""
    tried = (email or "").strip().lower()
    user = db.session.execute(db.select(User).filter_by(email=tried)).scalar_one_or_none()
    if user is None or not user.has_password:  # an SSO-made account has no password to check
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
        check_password_hash(_dummy_hash(method), password or "")
    if user is None or not user.check_password(password or ""):
        note("login.failed", tried, subject=via)
        raise Unauthorized(_("E-mailadres of wachtwoord klopt niet."))
    return user


@write
def signed_in(user: User, via: str) -> None:
    """Audit a sign-in (`via`: password, invitation) once the session is made."""
    record("login.succeeded", user, subject=via)


@write
def sign_in_by_oidc(email: str, name: str, allowed_domains: list[str]) -> User:
    """Return the account of an address the provider verified, creating it (without a password)
    on the first sign-in when its domain is allowed (`allowed_domains`; empty: any). Audited as
    a sign-in by "oidc"."""
    user = db.session.execute(db.select(User).filter_by(email=email)).scalar_one_or_none()
    if user is None:
        domain = email.rpartition("@")[2]
        if allowed_domains and domain not in allowed_domains:
            raise Forbidden(
                _(
                    "Met een adres van %(domain)s kun je hier niet zelf een account maken. "
                    "Vraag een coördinator om een uitnodiging.",
                    domain=domain,
                )
            )
        user = _new_sso_account(email, name)
    record("login.succeeded", user, subject="oidc")
    return user


def _new_sso_account(email: str, name: str) -> User:
    """Create the account (no password); when another sign-in of the same person made it a moment
    ago (two tabs), take that one."""
    try:
        with db.session.begin_nested():
            user = User(email=email, name=name, password_hash=None)
            db.session.add(user)
    except IntegrityError:
        user = db.session.execute(db.select(User).filter_by(email=email)).scalar_one()
    return user


@write
def issue_token(user: User, label: str = "") -> str:
    """Create an API token for the user; only its hash is stored."""
    token = secrets.token_urlsafe(32)
    row = ApiToken(user_id=user.id, token_hash=hash_token(token), label=label[:100])
    db.session.add(row)
    db.session.flush()
    record("token.created", user, subject=f"token #{row.id} {row.label}".strip())
    return token


def user_for_token(token: str) -> User | None:
    """Return the user of a valid API token, or None (one query: every API call asks), and note
    when the token was used, at most once per TOKEN_USE_RESOLUTION."""
    row = db.session.execute(
        db.select(User, ApiToken.id, ApiToken.last_used_at)
        .join(ApiToken, ApiToken.user_id == User.id)
        .where(ApiToken.token_hash == hash_token(token), ApiToken.revoked_at.is_(None))
    ).first()
    if row is None:
        return None
    user, token_id, last_used_at = row
    now = utcnow()
    if last_used_at is None or now - last_used_at >= TOKEN_USE_RESOLUTION:
        end_read(user)  # the write below must not expire the user it was read with
        try:
            _note_use(token_id, now)
        except OperationalError:  # bookkeeping only: a busy database never fails the call
            current_app.logger.warning("API token %s: last use not recorded (busy)", token_id)
    return user


@write
def _note_use(token_id: int, when) -> None:
    db.session.execute(update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=when))


def tokens_of(user: User) -> list[ApiToken]:
    """Return the user's API tokens (never their secrets), newest first."""
    return list(
        db.session.execute(
            db.select(ApiToken).filter_by(user_id=user.id).order_by(ApiToken.id.desc())
        ).scalars()
    )


@write
def revoke_token(user: User, token_id: int) -> None:
    """Revoke one of the user's API tokens."""
    row = db.session.get(ApiToken, token_id)
    if row is None or row.user_id != user.id:
        raise NotFound(_("Onbekende sleutel."))
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        record("token.revoked", user, subject=f"token #{row.id} {row.label}".strip())


@write
def end_sessions(user: User) -> None:
    """Invalidate every session of the user (logout everywhere) and cut their sockets."""
    user.session_epoch += 1
    record("logout", user)
    access_revoked.send(None, user_id=user.id)


@write
def set_user_locale(user: User, locale: str) -> None:
    """Remember the person's interface language (pages, pushes and downloads speak it)."""
    user.locale = locale


@write
def set_admin(email: str, admin: bool) -> User:
    """Make an account an administrator or not (the whole audit log is theirs to read)."""
    user = db.session.execute(
        db.select(User).filter_by(email=email.strip().lower())
    ).scalar_one_or_none()
    if user is None:
        raise NotFound(_("Er is geen account met dit e-mailadres."))
    user.is_admin = admin
    return user


@write
def send_sign_in_link(email: str, locale: str | None = None) -> str | None:
    """Mail a single-use sign-in link to the account with this address and return its token;
    for an unknown address do nothing. Pages call it off the request (app/auth/link_requests.py):
    the answer is the same, and as quick, for any address. The mail speaks the person's saved
    language, else `locale` (the asker's)."""
    user = db.session.execute(
        db.select(User).filter_by(email=email.strip().lower())
    ).scalar_one_or_none()
    if user is None:
        return None
    token = secrets.token_urlsafe(32)
    link = SignInLink(
        user_id=user.id, token_hash=hash_token(token), expires_at=utcnow() + SIGN_IN_LINK_VALID
    )
    db.session.add(link)
    outbox.queue(
        user.email,
        "sign_in_link",
        user.locale or locale or str(get_locale() or "nl"),
        name=user.name,
        url=url_for("auth.sign_in_link", token=token, _external=True),
        minutes=int(SIGN_IN_LINK_VALID.total_seconds() // 60),
    )
    return token


def open_sign_in_link(token: str) -> SignInLink:
    """Return the usable sign-in link for a token; raise Gone (used, expired) or NotFound."""
    link = db.session.execute(
        db.select(SignInLink).filter_by(token_hash=hash_token(token))
    ).scalar_one_or_none()
    if link is None:
        raise NotFound(
            _("Deze inloglink bestaat niet. Controleer of je hem volledig hebt gekopieerd.")
        )
    if link.used_at is not None:
        raise Gone(_("Deze inloglink is al gebruikt. Vraag een nieuwe aan."), code="link_used")
    if link.expires_at < utcnow():
        raise Gone(_("Deze inloglink is verlopen. Vraag een nieuwe aan."), code="link_expired")
    return link


@write
def use_sign_in_link(token: str) -> User:
    """Use a sign-in link (once): return its person, audited as a sign-in by link."""
    link = open_sign_in_link(token)
    used = db.session.execute(
        update(SignInLink)
        .where(SignInLink.id == link.id, SignInLink.used_at.is_(None))
        .values(used_at=utcnow())
    ).rowcount
    if not used:  # another tab used it a moment ago
        raise Gone(_("Deze inloglink is al gebruikt. Vraag een nieuwe aan."), code="link_used")
    record("login.succeeded", link.user, subject="link")
    return link.user
