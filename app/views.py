"""View helpers that the route modules share: who acts, files to download, organisation colours.

Route modules never import each other; what two of them need lives here.
"""

import re
import unicodedata
from collections.abc import Iterable
from datetime import UTC, date, datetime

from flask import Response
from flask_babel import gettext as _
from flask_babel import to_user_timezone
from flask_login import current_user

from app.errors import Unauthorized
from app.models import Board, Organisation
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


def slug(text: str) -> str:
    """Turn a name into lowercase ASCII words joined by hyphens: "Gemeente Testdorp" ->
    "gemeente-testdorp" (accents dropped: Oriëntatie -> orientatie)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:60].strip("-") or "bord"


def today() -> date:
    """Return today's date where the board's readers live (the app's time zone)."""
    return to_user_timezone(datetime.now(UTC)).date()


def meeting_day(meeting) -> date:
    """Return the day a meeting takes place, where its people live."""
    return to_user_timezone(meeting.starts_at).date()


def file_name(board: Board, what: str, extension: str, on: date | None = None) -> str:
    """Name a download after the board and the day, e.g.
    gemeente-testdorp-inventaris-2026-11-30.xlsx; `what` is already in the reader's language."""
    day = (on or today()).isoformat()
    return f"{slug(board.name)}-{slug(what)}-{day}.{extension}"


def organisation_css(organisations: Iterable[Organisation]) -> Response:
    """Return the stylesheet that gives `.bw-org-<id>` its organisation's colour and pattern
    (the CSP forbids inline styles; a card carries only its `.bw-org-<id>` class)."""
    css = "\n".join(
        f".bw-org-{o.id} {{ --bw-org-color: {o.color}; --bw-pattern: var(--bw-pattern-{o.pattern});"
        f" --bw-pattern-size: var(--bw-pattern-{o.pattern}-size, auto); }}"
        for o in organisations
    )
    response = Response(css, mimetype="text/css")
    response.headers["Cache-Control"] = "no-cache"
    return response
