"""Reading the bridge: markers, handovers, next steps, the three lenses, the bridge, rounds."""

from flask import Blueprint

bp = Blueprint("reading", __name__)


def init_app(app) -> None:
    """Hook the reading figures into the canvas page, once the canvas offers its hook."""
    from app.reading import pages  # noqa: PLC0415

    pages.register(app)


from app.reading import routes  # noqa: E402, F401
