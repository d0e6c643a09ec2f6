"""Log in, log out, choose the language, accept an invite."""

import re
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from app.audit.services import note
from app.auth import oidc
from app.auth.link_requests import request_sign_in_link
from app.auth.services import (
    authenticate,
    end_sessions,
    open_sign_in_link,
    set_user_locale,
    sign_in_by_oidc,
    signed_in,
    use_sign_in_link,
)
from app.boards.schemas import InviteAccept
from app.boards.services import accept_invite, open_invite
from app.errors import ServiceError, Unauthorized, ValidationFailed
from app.mail.services import valid_address
from app.validation import form_data, parse

bp = Blueprint("auth", __name__)

# A `next` that is an invite: signing in through it accepts the invite (an existing account).
INVITE_PATH = re.compile(r"/invite/([A-Za-z0-9_-]{1,200})")


def _safe_next(target: str | None) -> str:
    """Only follow local redirects."""
    if (
        target
        and target.startswith("/")
        and not target.startswith("//")
        and not urlsplit(target).netloc
    ):
        return target
    return url_for("boards.index")


def _pending_invite(target: str):
    """Return the open invite a `next` path points to, or None."""
    match = INVITE_PATH.fullmatch(target)
    if match is None:
        return None
    try:
        return open_invite(match.group(1))
    except ServiceError:
        return None


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    """Show the login form and sign in; through an invite's `next`, accept it too."""
    target = _safe_next(request.args.get("next"))
    if current_user.is_authenticated:
        return redirect(target)
    pending = _pending_invite(target)
    error = None
    if request.method == "POST":
        try:
            user = authenticate(request.form.get("email", ""), request.form.get("password", ""))
        except Unauthorized as exc:
            error = exc.message
        else:
            login_user(user, remember=bool(request.form.get("remember")))
            signed_in(user, "password")
            if INVITE_PATH.fullmatch(target):
                return _accept(target.removeprefix("/invite/"), user)
            return redirect(target)
    return _login_page(
        error=error,
        email=request.form.get("email", ""),
        invite=pending,
        status=401 if error else 200,
    )


def _login_page(status: int = 200, **context) -> ResponseReturnValue:
    """Render /login: the password form, the sign-in link and (when on) the SSO button."""
    context.setdefault("email", "")
    context.setdefault("invite", None)
    return render_template("auth/login.html", sso_label=oidc.label(), **context), status


@bp.get("/login/oidc")
def oidc_start() -> ResponseReturnValue:
    """Send the person to their organisation's provider (code flow, PKCE, state, nonce)."""
    provider = oidc.client()
    if provider is None:
        return _login_page(
            sso_error=_("Inloggen met je organisatie-account kan nu niet."), status=400
        )
    session["oidc_next"] = _safe_next(request.args.get("next"))
    return provider.authorize_redirect(url_for("auth.oidc_callback", _external=True))


@bp.get("/login/oidc/callback")
def oidc_callback() -> ResponseReturnValue:
    """Where the provider sends the person back: sign in by verified e-mail, or say why not."""
    provider = oidc.client()
    email = None
    try:
        if provider is None:
            raise oidc.Refused(_("Inloggen met je organisatie-account kan nu niet."))
        identity = oidc.identity_from_callback(provider)
        email = identity.email
        user = sign_in_by_oidc(identity.email, identity.name, oidc.allowed_domains())
    except (oidc.Refused, ServiceError) as exc:
        note("login.failed", getattr(exc, "email", None) or email, subject="oidc")
        return _login_page(sso_error=exc.message, status=exc.status)
    login_user(user)
    target = _safe_next(session.pop("oidc_next", None))
    if INVITE_PATH.fullmatch(target):
        return _accept(target.removeprefix("/invite/"), user)
    return redirect(target)


@bp.post("/login/link")
def request_link() -> ResponseReturnValue:
    """Mail a sign-in link to a known address; the answer is the same for any address."""
    email = request.form.get("email", "").strip().lower()
    if not valid_address(email):
        return _login_page(
            link_error=_("Vul één gewoon e-mailadres in, zoals naam@gemeente.nl."),
            link_email=request.form.get("email", ""),
            status=422,
        )
    request_sign_in_link(email)  # looked up and mailed off the request: no timing difference
    return render_template("auth/link_sent.html", email=email)


@bp.route("/login/link/<token>", methods=["GET", "POST"])
def sign_in_link(token: str) -> ResponseReturnValue:
    """Show one button that signs in (a GET, such as a mail scanner's, never uses the link up);
    pressing it signs in. A used or expired link shows why."""
    try:
        if request.method == "GET":
            open_sign_in_link(token)
            return render_template("auth/link_open.html", token=token)
        user = use_sign_in_link(token)
    except ServiceError as exc:
        return render_template("auth/link_gone.html", error=exc), exc.status
    login_user(user)
    flash(_("Je bent ingelogd."), "success")
    return redirect(url_for("boards.index"))


def _accept(token: str, user) -> ResponseReturnValue:
    """Accept an invite as `user` and open its board; a used or revoked one shows why."""
    try:
        membership = accept_invite(token, user=user)
    except ServiceError:
        return redirect(url_for("auth.invite", token=token))
    flash(_("Welkom! Je bent toegevoegd aan het bord."), "success")
    return redirect(url_for("boards.show", board_id=membership.board_id))


@bp.post("/logout")
@login_required
def logout() -> ResponseReturnValue:
    """Sign out everywhere: sessions and live connections end."""
    end_sessions(current_user._get_current_object())
    logout_user()
    flash(_("Je bent uitgelogd."), "info")
    return redirect(url_for("auth.login"))


@bp.post("/locale")
def set_locale() -> ResponseReturnValue:
    """Switch the interface language (remembered for the user)."""
    locale = request.form.get("locale")
    if locale in current_app.config["SUPPORTED_LOCALES"]:
        session["locale"] = locale
        if current_user.is_authenticated:
            set_user_locale(current_user._get_current_object(), locale)
    return redirect(_safe_next(request.form.get("next")))


@bp.route("/invite/<token>", methods=["GET", "POST"])
def invite(token: str) -> ResponseReturnValue:
    """Accept an invite: as the signed-in user, by signing in, or by creating an account."""
    try:
        pending = open_invite(token)
    except ServiceError as exc:
        return render_template("auth/invite_gone.html", error=exc), exc.status
    errors: dict = {}
    if request.method == "POST":
        if current_user.is_authenticated:
            return _accept(token, current_user._get_current_object())
        try:
            data = parse(InviteAccept, form_data(request.form))
            membership = accept_invite(
                token, name=data.name, email=data.email, password=data.password
            )
        except ValidationFailed as exc:
            errors = exc.fields or {"_": exc.message}
        else:
            login_user(membership.user)
            signed_in(membership.user, "invitation")
            flash(_("Welkom! Je bent toegevoegd aan het bord."), "success")
            return redirect(url_for("boards.show", board_id=pending.board_id))
    return render_template(
        "auth/invite.html",
        invite=pending,
        errors=errors,
        form=request.form,
        login_url=url_for("auth.login", next=url_for("auth.invite", token=token)),
    ), (422 if errors else 200)
