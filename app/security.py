"""Rate limits on the doors where passwords are tried (the login form and the token endpoint),
and the transport headers: no caching of API answers, HSTS behind TLS.

Limits count per client address and per e-mail address tried, so neither one address guessing
many accounts nor many addresses guessing one account gets far (OWASP ASVS 2.2.1).
"""

from flask import Flask, current_app, render_template, request
from flask_babel import gettext as _
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from app.errors import ServiceError
from app.web import error_response

# Endpoint -> the setting holding its limits (Flask-Limiter notation, ';' separates limits).
GUARDED = {
    "auth.login": "LOGIN_RATE_LIMIT",
    "api.create_token": "LOGIN_RATE_LIMIT",
    "auth.request_link": "SIGN_IN_LINK_RATE_LIMIT",
}
DEFAULT_LIMIT = "10 per minute; 50 per hour"


def _email_tried() -> str:
    """Key a limit on the account being tried (falls back to the address without one)."""
    data = request.get_json(silent=True) if request.is_json else request.form
    email = data.get("email") if hasattr(data, "get") else None
    if isinstance(email, str) and email.strip():
        return "email:" + email.strip().lower()
    return "addr:" + (get_remote_address() or "")


def _too_many(error):
    """Answer a rate-limited request: the login page with a Dutch message, or the API envelope."""
    message = _("Te veel pogingen; probeer het over een minuut opnieuw.")
    if request.endpoint == "auth.login":
        return render_template(
            "auth/login.html", error=message, email=request.form.get("email", "")
        ), 429
    if request.endpoint == "auth.request_link":
        return render_template(
            "auth/login.html", link_error=message, link_email=request.form.get("email", "")
        ), 429
    refusal = ServiceError(message, code="rate_limited")
    refusal.status = 429
    return error_response(refusal)


def init_app(app: Flask) -> None:
    """Put the limits on the guarded endpoints (registered after the auth and API blueprints)."""
    limiter = Limiter(
        key_func=get_remote_address,
        app=app,
        headers_enabled=True,
        storage_uri=app.config.get("RATELIMIT_STORAGE_URI", "memory://"),
    )
    app.extensions["brugwerk_limiter"] = limiter
    for endpoint, setting in GUARDED.items():
        limits = app.config.get(setting) or DEFAULT_LIMIT
        view = app.view_functions[endpoint]
        view = limiter.limit(limits, methods=["POST"])(view)
        view = limiter.limit(limits, methods=["POST"], key_func=_email_tried)(view)
        app.view_functions[endpoint] = view
    app.register_error_handler(429, _too_many)
    app.after_request(_transport_headers)


def _transport_headers(response):
    """Keep API answers (tokens, boards) out of caches; behind TLS, insist on TLS (HSTS)."""
    if request.path.startswith("/api/"):
        response.headers.setdefault("Cache-Control", "no-store")
    if current_app.config.get("SESSION_COOKIE_SECURE"):
        response.headers.setdefault(
            "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
        )
    return response
