"""The monitor page: the funnel of a quarter, the trend, the quarter's grid form, target groups."""

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import login_required

from app.errors import ValidationFailed
from app.intake.plan import whole_number
from app.monitor import services
from app.monitor.figures import parse_period
from app.monitor.page import monitor_context
from app.monitor.schemas import FIGURE_FIELDS, FigurePut, TargetGroupCreate
from app.permissions import READ, board_for, role_on
from app.validation import form_data, parse
from app.views import current_actor

bp = Blueprint("monitor", __name__)


def _page(board_id: int, period: str | None, status: int = 200, **extra) -> ResponseReturnValue:
    who = current_actor()
    board = board_for(who, board_id, READ)
    context = monitor_context(board, role_on(who, board_id), who, period)
    context.setdefault("errors", {})
    context.setdefault("submitted", {})
    context.update(extra)
    return render_template("monitor/page.html", **context), status


@bp.get("/boards/<int:board_id>/monitor")
@login_required
def page(board_id: int) -> ResponseReturnValue:
    """Show the monitor of a quarter (?period=YYYY-Qn; default the latest with figures)."""
    try:
        period = parse_period(request.args.get("period"), "period")
    except ValidationFailed as error:
        return _page(board_id, None, 422, errors=error.fields)
    return _page(board_id, period)


def _funnel(board_id: int, template: str) -> str:
    who = current_actor()
    board = board_for(who, board_id, READ)
    period = parse_period(request.args.get("period"), "period")
    return render_template(template, **monitor_context(board, role_on(who, board_id), who, period))


@bp.get("/boards/<int:board_id>/monitor/funnel.svg")
@login_required
def funnel_svg(board_id: int) -> ResponseReturnValue:
    """Serve a quarter's funnel as an SVG image (printable, for reports)."""
    return Response(_funnel(board_id, "monitor/_funnel.svg"), mimetype="image/svg+xml")


@bp.get("/boards/<int:board_id>/monitor/funnel")
@login_required
def funnel_part(board_id: int) -> ResponseReturnValue:
    """Return the funnel and its table (the page refreshes them live)."""
    return _funnel(board_id, "monitor/_funnel_part.html")


def _rows(form) -> list[dict]:
    """Read the grid's inputs (f-<phase>-<card or 0>-<field>) into rows; empty means none."""
    rows: dict[tuple[int, int | None], dict] = {}
    for name, value in form.items():
        parts = name.split("-")
        if len(parts) != 4 or parts[0] != "f" or parts[3] not in FIGURE_FIELDS:
            continue
        if not (parts[1].isdigit() and parts[2].isdigit()):
            continue
        place = (int(parts[1]), int(parts[2]) or None)
        # Numbers as people write them ("1.200"); anything else is left for the schema to refuse.
        figure = whole_number(value) if value.strip() else None
        rows.setdefault(place, dict.fromkeys(FIGURE_FIELDS))[parts[3]] = figure
    return [
        {"phase_id": phase_id, "card_id": card_id, **values}
        for (phase_id, card_id), values in rows.items()
    ]


def _checked(period: str, rows: list[dict]) -> list[dict]:
    """Validate every row with the API's schema; errors name the row's inputs."""
    checked, errors = [], {}
    for row in rows:
        given = {k: v for k, v in row.items() if k in FIGURE_FIELDS and v is not None}
        try:
            figure = parse(
                FigurePut,
                {"period": period, "phase_id": row["phase_id"], "card_id": row["card_id"], **given},
            )
        except ValidationFailed as error:
            for field, message in error.fields.items():
                errors[f"f-{row['phase_id']}-{row['card_id'] or 0}-{field}"] = message
            continue
        checked.append({**dict.fromkeys(FIGURE_FIELDS), **figure.model_dump(exclude={"period"})})
    if errors:
        raise ValidationFailed(_("Controleer de gemarkeerde cijfers."), fields=errors)
    return checked


@bp.post("/boards/<int:board_id>/monitor/figures")
@login_required
def save_figures(board_id: int) -> ResponseReturnValue:
    """Save the quarter's grid of figures (all or nothing)."""
    period = request.form.get("period", "")
    try:
        period = parse_period(period, "period") or ""
        if not period:
            raise ValidationFailed(
                _("Kies een kwartaal."), fields={"period": _("Kies een kwartaal.")}
            )
        changed = services.put_figures(
            current_actor(), board_id, period, _checked(period, _rows(request.form))
        )
    except ValidationFailed as error:
        return _page(
            board_id,
            period if period and not error.fields.get("period") else None,
            422,
            errors=error.fields,
            message=error.message,
            submitted=request.form,
        )
    flash(_("%(n)s cijfers opgeslagen.", n=changed), "success")
    return redirect(url_for("monitor.page", board_id=board_id, period=period) + "#bw-figures")


@bp.post("/boards/<int:board_id>/monitor/target-groups")
@login_required
def create_target_group(board_id: int) -> ResponseReturnValue:
    """Add a target group from the page's form."""
    try:
        data = parse(TargetGroupCreate, form_data(request.form))
        services.create_target_group(current_actor(), board_id, **data.model_dump())
    except ValidationFailed as error:
        return _page(
            board_id,
            None,
            422,
            errors={f"tg-{k}": v for k, v in error.fields.items()},
            submitted=request.form,
        )
    return redirect(url_for("monitor.page", board_id=board_id) + "#bw-target-groups")


@bp.post("/boards/<int:board_id>/monitor/target-groups/<int:group_id>/delete")
@login_required
def delete_target_group(board_id: int, group_id: int) -> ResponseReturnValue:
    """Remove a target group from the page."""
    services.delete_target_group(current_actor(), board_id, group_id)
    return redirect(url_for("monitor.page", board_id=board_id) + "#bw-target-groups")
