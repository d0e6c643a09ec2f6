"""Read-only share links for management."""

from app.share.routes import bp  # noqa: F401 (create_app registers it)
