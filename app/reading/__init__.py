"""Reading the bridge: markers, handovers, next steps, the three lenses, the bridge, rounds."""

from flask import Blueprint

bp = Blueprint("reading", __name__)


def init_app(app) -> None:
    """Add the reading overlay to the canvas page and the vocabularies to the templates."""
    from app import vocab  # noqa: PLC0415
    from app.boards.page import register_page_extension  # noqa: PLC0415
    from app.reading.bridge import status_label  # noqa: PLC0415
    from app.reading.view import page_extension  # noqa: PLC0415

    register_page_extension(page_extension)
    labels = {
        "marker_kinds": vocab.MARKER_KINDS,
        "marker_statuses": vocab.MARKER_STATUSES,
        "severities": vocab.SEVERITIES,
        "next_step_statuses": vocab.NEXT_STEP_STATUSES,
        "qualities": vocab.QUALITY_LABELS,
        "lenses": vocab.LENSES,
        "span_status": status_label,
    }
    app.context_processor(lambda: {"reading_vocab": labels})


from app.reading import forms, routes  # noqa: E402, F401
