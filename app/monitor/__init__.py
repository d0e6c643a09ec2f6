"""The monitor: figures per quarter on the structure, target groups and reach, the funnel."""

from flask import Flask

from app.monitor import import_routes, routes
from app.monitor.rules import figure_suggestions
from app.reading.rules import add_rule

bp = routes.bp  # create_app registers it; import_routes adds the figures import to it
__all__ = ["bp", "import_routes", "init_app"]


def init_app(app: Flask) -> None:
    """Let the board's suggestions include what its figures show."""
    add_rule(figure_suggestions)
