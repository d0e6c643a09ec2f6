"""Audit log pages: the whole installation's for administrators, a board's for its coordinators."""

from flask import Blueprint, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required

from app.audit.export import row
from app.audit.schemas import AuditQuery
from app.audit.services import PAGE_LIMIT, Filter, board_entries, entries
from app.errors import ValidationFailed
from app.permissions import READ, board_for
from app.validation import form_data, parse
from app.views import current_actor

bp = Blueprint("audit", __name__)


def _page(read, csv_url: str, board=None) -> ResponseReturnValue:
    """Render the log as read by `read(filter)`, with the filters as typed; bad ones say why."""
    typed = form_data(request.args)
    try:
        wanted = parse(AuditQuery, typed)
    except ValidationFailed as exc:
        errors, rows = exc.fields, []
    else:
        errors, rows = {}, read(Filter(wanted.start, wanted.to, wanted.actor))
    return render_template(
        "audit/log.html",
        board=board,
        rows=[row(entry) for entry in rows],
        typed=typed,
        errors=errors,
        limit=PAGE_LIMIT,
        csv_url=csv_url + ("?" + request.query_string.decode() if request.query_string else ""),
    ), (422 if errors else 200)


@bp.get("/audit")
@login_required
def log() -> ResponseReturnValue:
    """Show the whole audit log to an administrator."""
    actor = current_actor()
    return _page(lambda wanted: entries(actor, wanted), url_for("api.audit_csv"))


@bp.get("/boards/<int:board_id>/audit")
@login_required
def board_log(board_id: int) -> ResponseReturnValue:
    """Show a board's audit log to its coordinators."""
    actor = current_actor()
    board = board_for(actor, board_id, READ)
    return _page(
        lambda wanted: board_entries(actor, board_id, wanted),
        url_for("api.board_audit_csv", board_id=board_id),
        board,
    )
