"""Configuration from the environment, with an embedded SQLite default."""

import os
import secrets
from pathlib import Path


def instance_secret_key(instance_path: str) -> str:
    """Return the instance's secret key, generating it on first use (never committed)."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


class Config:
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")  # None: SQLite file in instance/
    SOCKETIO_MESSAGE_QUEUE = os.environ.get("SOCKETIO_MESSAGE_QUEUE") or None
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "").lower() in ("1", "true")
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE  # "stay signed in" is as protected
    # A CSRF token valid for the whole session: a long meeting never fails on an expired token.
    WTF_CSRF_TIME_LIMIT = None
    WTF_CSRF_SSL_STRICT = False
    # Pages and JSON compressed as the client accepts (static files: app/assets.py). Brotli at
    # level 5 costs ~3 ms on a 600-card canvas and sends it ~15x smaller.
    COMPRESS_ALGORITHM = ["br", "gzip"]
    COMPRESS_ALGORITHM_STREAMING = ["br", "deflate"]  # what Flask-Compress can stream
    COMPRESS_BR_LEVEL = 5
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    BABEL_DEFAULT_LOCALE = "nl"
    BABEL_DEFAULT_TIMEZONE = "Europe/Amsterdam"
    SUPPORTED_LOCALES = ("nl", "en")
    BABEL_TRANSLATION_DIRECTORIES = str(Path(__file__).resolve().parent / "translations")
    # How far back the event log reaches for replay; older catch-ups get 410 / resync.
    EVENT_LOG_KEEP = int(os.environ.get("EVENT_LOG_KEEP", "10000"))
    RATELIMIT_ENABLED = True
    # Sign-in links asked for, per client address and per e-mail address.
    SIGN_IN_LINK_RATE_LIMIT = "5 per 15 minutes; 20 per day"
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    THEME_CSS = os.environ.get("THEME_CSS")
    # How many proxies (e.g. nginx) stand in front and set X-Forwarded-For/-Proto; 0: none.
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
    # Every process with live sockets says it is alive this often; the presence of a process
    # silent for three intervals (killed, crashed) is swept by the others (app/liveness.py).
    PRESENCE_HEARTBEAT_SECONDS = float(os.environ.get("PRESENCE_HEARTBEAT_SECONDS", "10"))
    # Memory for the HTML every reader of a board version shares (the canvas of a big board is
    # ~1 MB); 0 turns the cache off. See app/boards/shared_html.py.
    SHARED_HTML_MB = float(os.environ.get("SHARED_HTML_MB", "64"))
    # Audit rows older than this many days are deleted by `flask audit prune`.
    AUDIT_KEEP_DAYS = int(os.environ.get("AUDIT_KEEP_DAYS", "365"))
    # RFC 9116: /.well-known/security.txt names this contact (a mailto: or https: URI).
    SECURITY_CONTACT = os.environ.get("SECURITY_CONTACT") or None
    SECURITY_POLICY_URL = os.environ.get("SECURITY_POLICY_URL") or None
    # SMTP for invitations and sign-in links; without MAIL_SERVER mails are written to the log.
    MAIL_SERVER = os.environ.get("MAIL_SERVER") or None
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "25"))
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "").lower() in ("1", "true")
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME") or None
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD") or None
    MAIL_FROM = os.environ.get("MAIL_FROM", "Brugwerk <brugwerk@localhost>")
    # `flask notify` sends the daily digest at its first run after this hour (Europe/Amsterdam).
    DIGEST_HOUR = int(os.environ.get("DIGEST_HOUR", "7"))
    # Where people reach the app: links in mails sent by `flask notify` (no request to ask).
    BASE_URL = os.environ.get("BASE_URL", "http://localhost:5000").rstrip("/")
    # Single sign-on (OpenID Connect): on when the issuer and the client are set and the issuer's
    # discovery document answers (fetched on first use, never at start; app/auth/oidc.py).
    OIDC_ISSUER = os.environ.get("OIDC_ISSUER") or None
    OIDC_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID") or None
    OIDC_CLIENT_SECRET = os.environ.get("OIDC_CLIENT_SECRET") or None
    OIDC_LABEL = os.environ.get("OIDC_LABEL") or None  # None: "Inloggen met je organisatie-account"
    # Comma-separated domains whose people may create an account by SSO; empty: anyone verified.
    OIDC_ALLOWED_DOMAINS = os.environ.get("OIDC_ALLOWED_DOMAINS", "")
    TESTING = False


class TestConfig(Config):
    TESTING = True
    # Tests create many accounts; a real hash cost only slows them down.
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"
    WTF_CSRF_ENABLED = False
    RATELIMIT_ENABLED = False
    SECRET_KEY = "test-secret-key-not-for-production"
    PRESENCE_HEARTBEAT_SECONDS = 0  # no background thread per test app; tests call keep_alive
    # Every write the suite makes is checked: a change the canvas shows records a board event.
    SHARED_HTML_AUDIT = "raise"
