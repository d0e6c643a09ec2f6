"""The API blueprint and what its route modules share: the caller and the JSON body."""

from flask import Blueprint, request
from flask_babel import gettext as _
from flask_login import current_user

from app.errors import ServiceError
from app.extensions import csrf
from app.permissions import Actor
from app.views import current_actor

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)  # bearer clients need no CSRF token; session clients are checked below

MUTATING = {"POST", "PUT", "PATCH", "DELETE"}


@bp.before_request
def check_csrf_for_sessions() -> None:
    """Ask browser-session callers for the CSRF token; bearer-token callers are exempt."""
    if (
        request.method in MUTATING
        and not request.headers.get("Authorization")
        and current_user.is_authenticated
    ):
        csrf.protect()


def actor() -> Actor:
    """Return the signed-in caller, or raise 401."""
    return current_actor()


def body() -> dict:
    """Return the request's JSON object, or raise 400 for a malformed body."""
    if not request.data:
        return {}
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ServiceError(_("De body moet een JSON-object zijn."), code="invalid_json")
    return data
