"""The board report as PDF (WeasyPrint): the document an alderman takes to the council."""

from pathlib import Path

from flask import current_app, render_template

from app.boards.queries import BoardState
from app.exports.summary import (
    open_markers,
    phase_summaries,
)
from app.models._types import utcnow
from app.monitor.funnel import latest_funnel
from app.reading.analysis import figures
from app.reading.bridge import picture
from app.vocab import CARD_STATUSES, MARKER_KINDS, NEXT_STEP_STATUSES, ORGANISATION_KINDS

REPORTED_STEPS = ("agreed", "in_progress", "proposed", "done")


def report_context(state: BoardState) -> dict:
    """Prepare everything the report shows, grouped so the template only loops."""
    cells = state.cells()
    lanes = [*state.lanes, None]
    lens_figures = figures(state)
    lens = {row["phase_id"]: row for row in lens_figures["phases"]}
    inventory = [
        (
            phase,
            [
                card
                for lane in lanes
                for card in cells.get((phase.id, lane.id if lane else None), [])
            ],
        )
        for phase in state.phases
    ]
    steps = sorted(
        (s for s in state.next_steps if s.status in REPORTED_STEPS),
        key=lambda s: (REPORTED_STEPS.index(s.status), s.id),
    )
    return {
        "board": state.board,
        "state": state,
        "generated_at": utcnow(),
        "picture": picture(state, lens_figures),
        "summaries": phase_summaries(state),
        "lens": lens,
        "inventory": inventory,
        "organisations": {o.id: o for o in state.organisations},
        "phases": {p.id: p for p in state.phases},
        "lanes": {lane.id: lane for lane in state.lanes},
        "open_markers": open_markers(state),
        "next_steps": steps,
        "marker_kinds": MARKER_KINDS,
        "card_statuses": CARD_STATUSES,
        "organisation_kinds": ORGANISATION_KINDS,
        "step_statuses": NEXT_STEP_STATUSES,
        "funnel": latest_funnel(state.board.id),
    }


def render_pdf(template: str, context: dict) -> bytes:
    """Render a print template to PDF with the report stylesheet."""
    html = render_template(template, **context)
    static = Path(current_app.static_folder)
    # Imported here: WeasyPrint takes seconds to load, and only PDFs need it.
    from weasyprint import CSS, HTML  # noqa: PLC0415 (slow to import; only PDF downloads need it)

    stylesheet = CSS(filename=str(static / "css" / "report.css"))
    return HTML(string=html, base_url=str(static)).write_pdf(stylesheets=[stylesheet])


def report_pdf(state: BoardState) -> bytes:
    """Return the board report as PDF bytes."""
    return render_pdf("exports/report.html", report_context(state))
