"""Single sign-on with OpenID Connect: the provider's discovery document, and what a callback
proves about the person (contract §6.2.1).

Authlib runs the protocol: the authorization-code flow with PKCE (S256), `state` and `nonce` kept
in the signed session, the ID token checked against the provider's JWKS (signature, iss, aud,
exp, nonce). This module only decides *when* SSO is on and turns every refusal into one
`Refused` with a Dutch message and a status. It changes no rows: signing in is
`app.auth.services.sign_in_by_oidc`.

The discovery document is fetched lazily, on the first /login after start, with a short timeout,
and kept: app start never waits for the provider, and a provider that does not answer hides the
button (the log says why) and is asked again a minute later, not on every page view.
"""

import threading
import time
from dataclasses import dataclass

import requests
from authlib.integrations.base_client import MismatchingStateError
from authlib.integrations.flask_client import FlaskIntegration, FlaskOAuth2App, OAuthError
from flask import Flask, current_app
from flask_babel import gettext as _
from joserfc.errors import ExpiredTokenError, JoseError

from app.mail.services import valid_address

SCOPE = "openid email profile"
TIMEOUT = 3  # seconds, for each call to the provider (discovery, token, JWKS, userinfo)
KEEP_DISCOVERY = 3600  # seconds a fetched discovery document is used before it is asked again
RETRY_AFTER = 60  # seconds before a provider that did not answer is asked again
EXTENSION = "brugwerk.oidc"


class Refused(Exception):
    """A sign-in through the provider that does not sign anyone in: why, for the person."""

    def __init__(self, message: str, status: int = 400, email: str | None = None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.email = email


@dataclass(frozen=True)
class Identity:
    """What the provider vouches for: a verified e-mail address and a display name."""

    email: str
    name: str


class _Provider:
    """The configured provider of one app: its client once discovery answered, else None."""

    def __init__(self):
        self.lock = threading.Lock()
        self.client: FlaskOAuth2App | None = None
        self.checked_at = float("-inf")

    def client_for(self, app: Flask) -> FlaskOAuth2App | None:
        config = app.config
        if not (config.get("OIDC_ISSUER") and config.get("OIDC_CLIENT_ID")):
            return None
        with self.lock:
            wait = KEEP_DISCOVERY if self.client else RETRY_AFTER
            if time.monotonic() - self.checked_at >= wait:
                self.checked_at = time.monotonic()
                self.client = _discover(app) or self.client
            return self.client


def _discover(app: Flask) -> FlaskOAuth2App | None:
    """Fetch the issuer's discovery document and return a client for it, or None (logged)."""
    issuer = app.config["OIDC_ISSUER"].rstrip("/")
    url = f"{issuer}/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=TIMEOUT)
        response.raise_for_status()
        metadata = response.json()
    except (requests.RequestException, ValueError) as exc:
        app.logger.warning("SSO off: discovery document %s did not answer (%s)", url, exc)
        return None
    named = metadata.get("issuer") if isinstance(metadata, dict) else None
    if not isinstance(named, str) or named.rstrip("/") != issuer:
        app.logger.warning("SSO off: %s names issuer %r, not OIDC_ISSUER %r", url, named, issuer)
        return None
    missing = [
        key
        for key in ("authorization_endpoint", "token_endpoint", "jwks_uri")
        if key not in metadata
    ]
    if missing:
        app.logger.warning("SSO off: %s lacks %s", url, ", ".join(missing))
        return None
    app.logger.info("SSO on: %s", issuer)
    oidc = FlaskOAuth2App(
        FlaskIntegration("oidc"),
        name="oidc",
        client_id=app.config["OIDC_CLIENT_ID"],
        client_secret=app.config.get("OIDC_CLIENT_SECRET"),
        client_kwargs={
            "scope": SCOPE,
            "code_challenge_method": "S256",
            "default_timeout": TIMEOUT,
        },
    )
    # With `_loaded_at` Authlib uses the document as it is and never fetches it itself.
    oidc.server_metadata.update(metadata, _loaded_at=time.time())
    return oidc


def client() -> FlaskOAuth2App | None:
    """Return the provider's client when SSO is configured and its discovery answers."""
    app = current_app._get_current_object()
    provider = app.extensions.setdefault(EXTENSION, _Provider())
    return provider.client_for(app)


def label() -> str | None:
    """Return the SSO button's text, or None when there is no button to show."""
    if client() is None:
        return None
    return current_app.config.get("OIDC_LABEL") or _("Inloggen met je organisatie-account")


def identity_from_callback(oidc: FlaskOAuth2App) -> Identity:
    """Finish the flow on the callback request: check state, exchange the code (with the PKCE
    verifier), check the ID token, and return the verified address; raise Refused otherwise."""
    try:
        token = oidc.authorize_access_token()
    except MismatchingStateError as exc:
        raise Refused(
            _("Deze inlogpoging is verlopen of niet van jou. Begin opnieuw met de knop.")
        ) from exc
    except OAuthError as exc:
        if exc.error == "access_denied":
            raise Refused(
                _("Je organisatie heeft het inloggen geweigerd of je hebt het afgebroken."), 403
            ) from exc
        raise Refused(
            _("Je organisatie-account gaf een fout: %(error)s.", error=exc.error)
        ) from exc
    except ExpiredTokenError as exc:
        raise Refused(_("Het bewijs van je organisatie is verlopen. Probeer het opnieuw.")) from exc
    except (JoseError, ValueError) as exc:
        current_app.logger.warning("SSO: ID token refused: %r", exc)
        raise Refused(
            _("Het bewijs van je organisatie klopt niet (ongeldige handtekening of gegevens).")
        ) from exc
    except requests.RequestException as exc:
        current_app.logger.warning("SSO: provider did not answer: %s", exc)
        raise Refused(
            _("Je organisatie-account antwoordt nu niet. Probeer het zo opnieuw.")
        ) from exc
    claims = dict(token.get("userinfo") or {})
    if not claims:
        raise Refused(_("Het bewijs van je organisatie ontbreekt. Probeer het opnieuw."))
    if "email" not in claims:
        claims.update(_userinfo(oidc, token, claims["sub"]))  # email, email_verified, name
    return _identity(claims)


def _userinfo(oidc: FlaskOAuth2App, token: dict, subject: str) -> dict:
    """Ask the userinfo endpoint (where the provider puts the e-mail address); its `sub` must be
    the ID token's, or it describes somebody else."""
    if not oidc.server_metadata.get("userinfo_endpoint"):
        return {}
    try:
        info = dict(oidc.userinfo(token=token))
    except (OAuthError, requests.RequestException, ValueError) as exc:
        current_app.logger.warning("SSO: userinfo did not answer: %s", exc)
        raise Refused(
            _("Je organisatie-account antwoordt nu niet. Probeer het zo opnieuw.")
        ) from exc
    if info.get("sub") != subject:
        raise Refused(
            _("Het bewijs van je organisatie klopt niet (ongeldige handtekening of gegevens).")
        )
    wanted = ("email", "email_verified", "xms_edov", "name")
    return {key: info[key] for key in wanted if key in info}


def _verified(claims: dict) -> bool:
    """Whether the provider vouches for the address: `email_verified` (the standard), or Microsoft
    Entra ID's `xms_edov` (it sends no `email_verified`; this says the domain's owner verified)."""
    return any(claims.get(key) in (True, "true", "True") for key in ("email_verified", "xms_edov"))


def _identity(claims: dict) -> Identity:
    """Return the identity the claims vouch for: a verified, allowed-looking e-mail address."""
    email = str(claims.get("email") or "").strip().lower()
    if not valid_address(email):
        raise Refused(
            _("Je organisatie gaf geen e-mailadres door. Vraag je beheerder om het."), 403
        )
    if not _verified(claims):
        raise Refused(
            _(
                "Je organisatie heeft het e-mailadres %(email)s niet bevestigd. Vraag je beheerder "
                "om het te bevestigen, of log in met een wachtwoord of inloglink.",
                email=email,
            ),
            403,
            email,
        )
    name = str(claims.get("name") or "").strip()[:100] or email.split("@")[0]
    return Identity(email=email, name=name)


def allowed_domains() -> list[str]:
    """Return the domains whose people may create an account by SSO (empty: any)."""
    raw = current_app.config.get("OIDC_ALLOWED_DOMAINS") or ""
    return [part.strip().lower().lstrip("@") for part in raw.split(",") if part.strip()]
