"""`flask backup PATH` and `flask restore PATH`: copy the whole database out and back in."""

from app.backup.cli import bp  # noqa: F401 (create_app registers it)
