"""Brugwerk: a live shared canvas for a municipality's local support structure."""

import importlib
from pathlib import Path

from flask import Flask, current_app, has_request_context, request, session
from flask_login import current_user
from werkzeug.middleware.proxy_fix import ProxyFix

# models: registered before migrate looks; live: its socket handlers are declared before any
# socketio.init_app, so that every app (each test makes one) gets them, not only the first.
from app import assets, live, models, web  # noqa: F401
from app.config import Config, instance_secret_key
from app.extensions import babel, compress, csrf, db, htmx, login_manager, migrate, socketio
from app.transaction import configure_sqlite

ROOT = Path(__file__).resolve().parent.parent

# Feature modules; each exposes a blueprint `bp`, an `init_app(app)`, or both.
FEATURES = [
    "app.live",
    "app.auth",
    "app.audit.setup",
    "app.mail",
    "app.boards",
    "app.cards",
    "app.share",
    "app.api",
    "app.demo",
    "app.exports",
    "app.intake.routes",
    "app.meetings",
    "app.notify",
    "app.votes.setup",
    "app.reading",
    "app.comments.setup",
    "app.monitor",
    "app.regions",
    "app.health",
    "app.i18n",
    "app.backup",
    "app.disclosure",
    "app.security",
]  # security last: it limits views of the others


def create_app(config_class: type = Config, **overrides) -> Flask:
    """Create and configure the application."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.from_object(config_class)
    app.config.update(overrides)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret_key(app.instance_path)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{app.instance_path}/brugwerk.db"
    _init_extensions(app)
    web.init_app(app)
    for name in FEATURES:
        module = importlib.import_module(name)
        if hasattr(module, "bp"):
            app.register_blueprint(module.bp)
        if hasattr(module, "init_app"):
            module.init_app(app)
    if app.config.get("TRUSTED_PROXIES"):
        # Behind nginx: take the client's address and scheme from the proxy's X-Forwarded-*
        # headers (else every request seems to come from the proxy, e.g. for rate limits).
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
    return app


def _init_extensions(app: Flask) -> None:
    # First, so its after_request runs last: it compresses what every other hook has finished.
    compress.init_app(app)
    assets.init_app(app)
    db.init_app(app)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        with app.app_context():
            configure_sqlite(db.engine)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    htmx.init_app(app)
    babel.init_app(app, locale_selector=_select_locale)
    # Threading with simple-websocket: real WebSockets without monkey-patching.
    socketio.init_app(
        app, async_mode="threading", message_queue=app.config.get("SOCKETIO_MESSAGE_QUEUE")
    )


def _select_locale() -> str:
    # Outside a request (CLI, scripts, the heartbeat) there is no reader: Dutch, the default.
    if not has_request_context():
        return "nl"
    supported = current_app.config["SUPPORTED_LOCALES"]
    if current_user and current_user.is_authenticated and current_user.locale in supported:
        return current_user.locale
    if session.get("locale") in supported:
        return session["locale"]
    return request.accept_languages.best_match(supported, default="nl")
