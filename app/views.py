"""View helpers that the route modules share: who acts, files to download, organisation colours.

Route modules never import each other; what two of them need lives here.
"""

from collections.abc import Iterable

from flask import Response
from flask_babel import gettext as _
from flask_login import current_user

from app.errors import Unauthorized
from app.models import Organisation
from app.permissions import Actor


def current_actor() -> Actor:
    """Return the signed-in person as the actor of an operation, or raise 401."""
    if not current_user.is_authenticated:
        raise Unauthorized(_("Log in of stuur een geldige Bearer-token mee."))
    return Actor(user=current_user._get_current_object())


def download(content: bytes, mimetype: str, filename: str) -> Response:
    """Answer with a file to download."""
    return Response(
        content,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def organisation_css(organisations: Iterable[Organisation]) -> Response:
    """Return the stylesheet that gives `.bw-org-<id>` its organisation's colour (the CSP
    forbids inline styles)."""
    css = "\n".join(f".bw-org-{o.id} {{ --bw-org-color: {o.color}; }}" for o in organisations)
    response = Response(css, mimetype="text/css")
    response.headers["Cache-Control"] = "no-cache"
    return response
