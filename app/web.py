"""Cross-cutting web behaviour: sign-in loading, security headers, error pages."""

from functools import cache

from flask import Flask, g, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import AnonymousUserMixin
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter

from app import assets
from app.auth.services import user_for_token
from app.errors import ServiceError
from app.extensions import db, login_manager
from app.intake.upload import UPLOADS
from app.models import User
from app.transaction import end_read
from app.validation import DB_INT_MAX
from app.views import file_name
from app.vocab import CARD_LABELS, CARD_STATUSES, ORGANISATION_KINDS, ROLE_LABELS

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self' ws: wss:; frame-ancestors 'none'; "
    "base-uri 'self'; form-action 'self'; object-src 'none'"
)


class DatabaseInteger(IntegerConverter):
    """`<int:...>` in URLs: an id larger than the database holds is a 404, not a crash."""

    def to_python(self, value: str) -> int:
        # Refusing the match here would make Werkzeug answer 405 for the sibling routes;
        # 0 is an id no row has, so the route answers its own 404.
        number = super().to_python(value)
        return number if number <= DB_INT_MAX else 0


class Anonymous(AnonymousUserMixin):
    id = None
    name = ""
    locale = None


def wants_json() -> bool:
    """Tell whether the request is an API call (answers in JSON)."""
    return request.path.startswith("/api/")


def error_response(error: ServiceError) -> ResponseReturnValue:
    """Answer a refused operation: the JSON envelope for the API, a page or fragment otherwise."""
    if wants_json():
        return jsonify(error.to_json()), error.status
    template = "errors/_error.html" if request.headers.get("HX-Request") else "errors/error.html"
    return render_template(template, error=error), error.status


@cache
def _card_texts(locale: str) -> dict:
    """The card's labels in one language, translated once: every card fragment, also each live
    push, is rendered with them. Called where `locale` is the current one."""
    return {
        "card_statuses": {key: str(label) for key, label in CARD_STATUSES.items()},
        "card_labels": {key: str(label) for key, label in CARD_LABELS.items()},
    }


def init_app(app: Flask) -> None:
    """Wire loaders, headers and error handlers into the app."""
    app.url_map.converters["int"] = DatabaseInteger  # before the blueprints add their routes
    login_manager.anonymous_user = Anonymous
    login_manager.login_view = "auth.login"
    login_manager.login_message = None

    @login_manager.user_loader
    def load_user(key: str):
        user_id, _sep, epoch = key.partition(":")
        if not user_id.isdigit():
            return None
        user = db.session.get(User, int(user_id))
        end_read(user)
        # A logout elsewhere bumps the epoch, which ends this session too.
        if user is None or str(user.session_epoch) != epoch:
            return None
        return user

    @login_manager.request_loader
    def load_user_from_bearer(req):
        header = req.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            return None
        user = user_for_token(header.removeprefix("Bearer ").strip())
        end_read(user)
        return user

    @app.context_processor
    def page_globals():
        # A municipality may point THEME_CSS at its own published design-token stylesheet.
        # (The default theme's tokens are in the page's stylesheet bundle, app/assets.py.)
        theme = app.config.get("THEME_CSS")
        locale = str(get_locale() or "nl")
        return {
            "current_locale": locale,
            "theme_css": theme,
            "role_label": lambda role: ROLE_LABELS.get(role, role),
            **_card_texts(locale),
            "organisation_kinds": ORGANISATION_KINDS,
            "file_name": file_name,
        }

    @app.before_request
    def forget_cached_user():
        # Flask-Login caches the user on `g`, which lives as long as the app context; when a test
        # (or a script) keeps one context around several requests, each must sign in anew.
        g.pop("_login_user", None)

    @app.after_request
    def security_headers(response) -> ResponseReturnValue:
        response.headers.setdefault("Content-Security-Policy", assets.csp(CSP))
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    @app.errorhandler(ServiceError)
    def service_error(error: ServiceError) -> ResponseReturnValue:
        db.session.rollback()
        return error_response(error)

    @app.errorhandler(CSRFError)
    def csrf_error(error) -> ResponseReturnValue:
        return error_response(
            ServiceError(
                _("De sessie is verlopen of het formulier is ongeldig; laad de pagina opnieuw."),
                code="csrf",
            )
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> ResponseReturnValue:
        messages = {
            404: _("Deze pagina bestaat niet."),
            405: _("Deze bewerking is hier niet toegestaan."),
            413: _("Het verzoek is te groot."),
            429: _("Te veel pogingen; probeer het straks opnieuw."),
        }
        if error.code == 413 and request.endpoint in UPLOADS:  # refused before the route ran
            messages[413] = _("Het bestand is groter dan 5 MB; splits het op.")
        service = ServiceError(
            messages.get(error.code, error.description or error.name),
            code=(error.name or "error").lower().replace(" ", "_"),
        )
        service.status = error.code or 500
        return error_response(service)

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> ResponseReturnValue:
        app.logger.exception("Unhandled error")
        db.session.rollback()
        service = ServiceError(
            _("Er ging iets mis aan onze kant; probeer het opnieuw."), code="server_error"
        )
        service.status = 500
        return error_response(service)
