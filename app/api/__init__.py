"""The JSON API /api/v1 (contract: DESIGN.md §4, described at /api/v1/openapi.json)."""

import importlib
import pkgutil

from flask import Blueprint, request
from flask_babel import gettext as _
from flask_login import current_user

from app.errors import ServiceError, Unauthorized
from app.extensions import csrf
from app.permissions import Actor

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)  # bearer clients need no CSRF token; session clients are checked below

MUTATING = {"POST", "PUT", "PATCH", "DELETE"}


@bp.before_request
def check_csrf_for_sessions():
    """Ask browser-session callers for the CSRF token; bearer-token callers are exempt."""
    if (
        request.method in MUTATING
        and not request.headers.get("Authorization")
        and current_user.is_authenticated
    ):
        csrf.protect()


def actor() -> Actor:
    """Return the signed-in caller, or raise 401."""
    if not current_user.is_authenticated:
        raise Unauthorized(_("Log in of stuur een geldige Bearer-token mee."))
    return Actor(user=current_user._get_current_object())


def body() -> dict:
    """Return the request's JSON object, or raise 400 for a malformed body."""
    if not request.data:
        return {}
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ServiceError(_("De body moet een JSON-object zijn."), code="invalid_json")
    return data


# Every module in this package adds its routes to `bp`.
for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
