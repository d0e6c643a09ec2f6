"""Cards on the canvas."""

from app.cards.routes import bp  # noqa: F401 (create_app registers it)
