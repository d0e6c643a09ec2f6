"""Log in, log out, choose the language, accept an invite."""

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

from app.auth.services import authenticate, end_sessions, set_user_locale
from app.boards.schemas import InviteAccept
from app.boards.services import accept_invite, open_invite
from app.errors import ServiceError, Unauthorized, ValidationFailed
from app.validation import form_data, parse

bp = Blueprint("auth", __name__)


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


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    """Show the login form and sign in."""
    if current_user.is_authenticated:
        return redirect(url_for("boards.index"))
    error = None
    if request.method == "POST":
        try:
            user = authenticate(request.form.get("email", ""), request.form.get("password", ""))
        except Unauthorized as exc:
            error = exc.message
        else:
            login_user(user, remember=bool(request.form.get("remember")))
            return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", error=error, email=request.form.get("email", "")), (
        401 if error else 200
    )


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
    """Accept an invite: as the signed-in user, or by creating an account."""
    try:
        pending = open_invite(token)
    except ServiceError as exc:
        return render_template("errors/error.html", error=exc), 404
    errors: dict = {}
    if request.method == "POST":
        try:
            if current_user.is_authenticated:
                accept_invite(token, user=current_user._get_current_object())
            else:
                data = parse(InviteAccept, form_data(request.form))
                membership = accept_invite(
                    token, name=data.name, email=data.email, password=data.password
                )
                login_user(membership.user)
        except ValidationFailed as exc:
            errors = exc.fields or {"_": exc.message}
        else:
            flash(_("Welkom! Je bent toegevoegd aan het bord."), "success")
            return redirect(url_for("boards.show", board_id=pending.board_id))
    return render_template("auth/invite.html", invite=pending, errors=errors, form=request.form), (
        422 if errors else 200
    )
