"""`/.well-known/security.txt` (RFC 9116): whom to tell about a vulnerability, from
SECURITY_CONTACT (and SECURITY_POLICY_URL). A contact that is not a full mailto: or https: URI
stops the app at start, with the reason, rather than publishing a file nobody can use."""

from datetime import timedelta
from urllib.parse import urlsplit

from flask import Blueprint, Flask, Response, abort, current_app

from app.models._types import utcnow

bp = Blueprint("disclosure", __name__)

# RFC 9116 §2.5.5: an expiry under a year ahead; renewed at every request, read from settings.
VALID_FOR = timedelta(days=180)


def _full_uri(value: str, schemes: tuple[str, ...]) -> bool:
    parts = urlsplit(value)
    if parts.scheme not in schemes:
        return False
    if parts.scheme == "mailto":
        local, _at, domain = parts.path.partition("@")
        return bool(local and "." in domain)
    return bool(parts.netloc)


def check_settings(config: dict) -> None:
    """Refuse a SECURITY_CONTACT or SECURITY_POLICY_URL that is not a full URI of the right kind."""
    contact, policy = config.get("SECURITY_CONTACT"), config.get("SECURITY_POLICY_URL")
    if contact and not _full_uri(contact, ("mailto", "https")):
        raise RuntimeError(
            f"SECURITY_CONTACT must be a full URI, mailto:security@example.nl or "
            f"https://example.nl/security, not {contact!r}"
        )
    if policy and not _full_uri(policy, ("https",)):
        raise RuntimeError(f"SECURITY_POLICY_URL must be an https:// URL, not {policy!r}")


@bp.get("/.well-known/security.txt")
def security_txt() -> Response:
    """Serve security.txt, or 404 when no contact is configured."""
    contact = current_app.config.get("SECURITY_CONTACT")
    if not contact:
        abort(404)
    expires = (utcnow() + VALID_FOR).replace(microsecond=0)
    lines = [f"Contact: {contact}", f"Expires: {expires.isoformat().replace('+00:00', 'Z')}"]
    if current_app.config.get("SECURITY_POLICY_URL"):
        lines.append(f"Policy: {current_app.config['SECURITY_POLICY_URL']}")
    lines.append("Preferred-Languages: nl, en")
    response = Response("\n".join(lines) + "\n", mimetype="text/plain")
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response


def init_app(app: Flask) -> None:
    """Check the settings at start: a wrong contact is a configuration error, said at once."""
    check_settings(app.config)
