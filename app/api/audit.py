"""API: the audit log, whole for administrators, per board for its coordinators; JSON or CSV."""

from flask import request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from app.api.base import actor, bp
from app.api.spec import doc
from app.audit import export
from app.audit.schemas import AuditQuery
from app.audit.services import Filter, board_entries, entries
from app.validation import form_data, parse
from app.views import download, today

QUERY = {"from": {"type": "string", "format": "date"}, "to": {"type": "string", "format": "date"}}


def _filter() -> Filter:
    """Read `from`, `to` (YYYY-MM-DD, inclusive) and `actor` (part of an address) from the query."""
    wanted = parse(AuditQuery, form_data(request.args))
    return Filter(wanted.start, wanted.to, wanted.actor)


def _answer(rows, csv: bool) -> ResponseReturnValue:
    if csv:
        name = "{}-{}.csv".format(_("auditlog"), today().isoformat())
        return download(export.to_csv(rows), "text/csv; charset=utf-8", name)
    return {"entries": [row.to_json() for row in rows]}


@bp.get("/audit")
@bp.get("/audit.csv", endpoint="audit_csv")
@doc(
    "The audit log of the whole installation, newest first (administrators; 1000 rows at most)",
    tag="audit",
    query={**QUERY, "actor": {"type": "string"}},
)
def audit() -> ResponseReturnValue:
    """Return the whole audit log for an administrator."""
    return _answer(entries(actor(), _filter()), request.path.endswith(".csv"))


@bp.get("/boards/<int:board_id>/audit")
@bp.get("/boards/<int:board_id>/audit.csv", endpoint="board_audit_csv")
@doc(
    "A board's audit log, newest first (its coordinators; 1000 rows at most)",
    tag="audit",
    query={**QUERY, "actor": {"type": "string"}},
)
def board_audit(board_id: int) -> ResponseReturnValue:
    """Return a board's audit log for its coordinators."""
    return _answer(board_entries(actor(), board_id, _filter()), request.path.endswith(".csv"))
