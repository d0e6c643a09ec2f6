"""The demo board: `flask demo` seeds Gemeente Voorbeeld once."""

from app.demo.cli import bp  # noqa: F401 (create_app registers it)
