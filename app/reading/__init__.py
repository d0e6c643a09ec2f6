"""Reading the bridge: markers, handovers, next steps, the three lenses, the bridge, rounds."""

from flask import Flask

from app import vocab
from app.boards.page import register_page_extension
from app.reading import posts, routes  # noqa: F401 (they add their routes to the blueprint)
from app.reading.blueprint import bp  # noqa: F401 (create_app registers it)
from app.reading.bridge import status_label
from app.reading.view import page_extension


def init_app(app: Flask) -> None:
    """Add the reading overlay to the canvas page and the vocabularies to the templates."""
    register_page_extension(page_extension)
    labels = {
        "marker_kinds": vocab.MARKER_KINDS,
        "marker_statuses": vocab.MARKER_STATUSES,
        "severities": vocab.SEVERITIES,
        "next_step_statuses": vocab.NEXT_STEP_STATUSES,
        "qualities": vocab.QUALITY_LABELS,
        "lenses": vocab.LENSES,
        "span_status": status_label,
        "card_fields": vocab.CARD_FIELDS,
    }
    app.context_processor(lambda: {"reading_vocab": labels})
