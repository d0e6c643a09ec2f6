"""Meeting pages: the list, the agenda builder, a printable agenda, meeting mode and minutes.

Each action answers an htmx request with the fragment it changed, and a plain form post with a
redirect to its page. All go through app/meetings/services.py, like the API.
"""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import login_required

from app.boards.queries import load_state
from app.errors import ValidationFailed
from app.exports.report import render_pdf
from app.exports.summary import open_markers
from app.extensions import db, htmx
from app.meetings import minutes, services
from app.meetings.pages import current_timer, meeting_panel, timer_view
from app.meetings.schemas import AgreedStep, DecisionCreate, ItemCreate, ItemUpdate, MeetingCreate
from app.permissions import EDIT, MANAGE, READ, allows, board_for, role_on
from app.reading.analysis import analyse
from app.validation import form_data, parse
from app.views import current_actor, download, file_name, meeting_day
from app.vocab import MARKER_KINDS

bp = Blueprint("meetings", __name__)

MEETING = "/boards/<int:board_id>/meetings/<int:meeting_id>"
OPEN_STEPS = ("proposed", "agreed", "in_progress")
# The title an agenda item gets from what it is about.
TITLES = {
    "marker": lambda m: m.title,
    "next_step": lambda s: s.title,
    "phase": lambda p: p.name,
    "card": lambda c: c.title,
}


def _error_text(error: ValidationFailed) -> str:
    return " ".join([error.message, *error.fields.values()])


def _after(endpoint: str, board_id: int, meeting_id: int, fragment, error=None):
    """Answer an action: the changed fragment for htmx, else a redirect to the page."""
    if htmx:
        return fragment(error)
    if error:
        flash(error, "error")
    return redirect(url_for(endpoint, board_id=board_id, meeting_id=meeting_id))


# -- List and plan --------------------------------------------------------------------------


@bp.get("/boards/<int:board_id>/meetings")
@login_required
def index(board_id: int) -> ResponseReturnValue:
    """List the board's meetings; the coordinator plans a new one here."""
    actor = current_actor()
    board = board_for(actor, board_id, EDIT)
    return render_template(
        "meetings/index.html",
        board=board,
        meetings=services.list_meetings(actor, board_id),
        can_manage=allows(role_on(actor, board_id), MANAGE),
        errors={},
        values={},
    )


@bp.get("/boards/<int:board_id>/meetings/panel")
@login_required
def panel(board_id: int) -> ResponseReturnValue:
    """Return the canvas's meeting panel, for a page to swap in when another meeting starts."""
    actor = current_actor()
    board = board_for(actor, board_id, EDIT)
    role = role_on(actor, board_id)
    return render_template(
        "meetings/_panel.html", board=board, role=role, **meeting_panel(board_id, role)
    )


@bp.get("/boards/<int:board_id>/meetings/timer")
@login_required
def timer(board_id: int) -> ResponseReturnValue:
    """Return the current meeting's timer widget (empty without one), for a live page to swap
    in when another meeting starts, ends or is planned."""
    actor = current_actor()
    board_for(actor, board_id, READ)
    return render_template(
        "meetings/_timer.html", timer_view=current_timer(board_id), role=role_on(actor, board_id)
    )


@bp.post("/boards/<int:board_id>/meetings")
@login_required
def create(board_id: int) -> ResponseReturnValue:
    """Plan a meeting and open its agenda builder."""
    actor = current_actor()
    try:
        data = parse(MeetingCreate, form_data(request.form))
        meeting = services.create_meeting(actor, board_id, **data.model_dump())
    except ValidationFailed as error:
        board = board_for(actor, board_id, EDIT)
        return render_template(
            "meetings/index.html",
            board=board,
            meetings=services.list_meetings(actor, board_id),
            can_manage=True,
            errors=error.fields,
            values=request.form,
        ), 422
    return redirect(url_for("meetings.agenda", board_id=board_id, meeting_id=meeting.id))


# -- Agenda builder -------------------------------------------------------------------------


def _builder(board_id: int, meeting_id: int, error: str | None = None, fragment: bool = False):
    actor = current_actor()
    meeting = services.get_meeting(actor, board_id, meeting_id)
    board = board_for(actor, board_id, EDIT)
    can_manage = allows(role_on(actor, board_id), MANAGE)
    context = {
        "board": board,
        "meeting": meeting,
        "slots": services.agenda(meeting),
        "can_manage": can_manage,
        "error": error,
    }
    if can_manage and meeting.status != "ended":
        state = load_state(board)
        context["sources"] = {
            "markers": open_markers(state),
            "marker_kinds": MARKER_KINDS,
            "suggestions": [s for s in analyse(state)["suggestions"] if s.get("phase_id")],
            "next_steps": [s for s in state.next_steps if s.status in OPEN_STEPS],
            "phases": state.phases,
        }
    template = "meetings/_agenda.html" if fragment else "meetings/agenda.html"
    return render_template(template, **context)


@bp.get(MEETING)
@login_required
def agenda(board_id: int, meeting_id: int) -> ResponseReturnValue:
    """Show the agenda with its time slots; the coordinator builds it here."""
    return _builder(board_id, meeting_id)


def _item_from_source(board_id: int, form: dict) -> dict:
    """Turn the builder's form into item fields: a picked source gives type, id and title."""
    source = form.pop("source", None) or "free"
    ref_type, _sep, ref = source.partition(":")
    if ref_type == "suggestion":
        state = load_state(board_for(current_actor(), board_id, MANAGE))
        found = next((s for s in analyse(state)["suggestions"] if s["key"] == ref), None)
        if found is None:
            raise ValidationFailed(
                _("Deze suggestie is er niet meer."), fields={"source": _("Kies opnieuw.")}
            )
        return {
            **form,
            "ref_type": "suggestion",
            "ref_id": found["phase_id"],
            "title": form.get("title") or f"{MARKER_KINDS[found['marker_kind']]}: {found['title']}",
        }
    if ref_type in services.REF_MODELS and ref.isdigit():
        entity = db.session.get(services.REF_MODELS[ref_type], int(ref))
        title = TITLES[ref_type](entity) if entity and entity.board_id == board_id else None
        return {
            **form,
            "ref_type": ref_type,
            "ref_id": int(ref),
            "title": form.get("title") or title,
        }
    return {**form, "ref_type": "free"}


@bp.post(f"{MEETING}/items")
@login_required
def add_item(board_id: int, meeting_id: int) -> ResponseReturnValue:
    """Add an agenda item from a marker, suggestion, next step, phase, or a free title."""
    error = None
    try:
        data = parse(ItemCreate, _item_from_source(board_id, form_data(request.form)))
        services.add_item(current_actor(), board_id, meeting_id, **data.model_dump())
    except ValidationFailed as exc:
        error = _error_text(exc)
    return _after(
        "meetings.agenda",
        board_id,
        meeting_id,
        lambda e: _builder(board_id, meeting_id, e, fragment=True),
        error,
    )


@bp.post(f"{MEETING}/items/<int:item_id>/move")
@login_required
def move_item(board_id: int, meeting_id: int, item_id: int) -> ResponseReturnValue:
    """Move an item one place up or down."""
    meeting = services.get_meeting(current_actor(), board_id, meeting_id, MANAGE)
    item = next((i for i in meeting.items if i.id == item_id), None)
    if item is not None:
        step = -1 if request.form.get("direction") == "up" else 1
        services.update_item(
            current_actor(),
            board_id,
            meeting_id,
            item_id,
            {"position": max(item.position + step, 0)},
        )
    return _after(
        "meetings.agenda",
        board_id,
        meeting_id,
        lambda e: _builder(board_id, meeting_id, e, fragment=True),
    )


@bp.post(f"{MEETING}/items/<int:item_id>")
@login_required
def edit_item(board_id: int, meeting_id: int, item_id: int) -> ResponseReturnValue:
    """Change an item's title, duration or minutes."""
    error = None
    try:
        data = parse(ItemUpdate, form_data(request.form))
        services.update_item(
            current_actor(),
            board_id,
            meeting_id,
            item_id,
            data.model_dump(include=data.model_fields_set),
        )
    except ValidationFailed as exc:
        error = _error_text(exc)
    endpoint = "meetings.run" if request.form.get("minutes") is not None else "meetings.agenda"
    fragment = _run if endpoint == "meetings.run" else _builder
    return _after(
        endpoint,
        board_id,
        meeting_id,
        lambda e: fragment(board_id, meeting_id, e, fragment=True),
        error,
    )


@bp.post(f"{MEETING}/items/<int:item_id>/delete")
@login_required
def delete_item(board_id: int, meeting_id: int, item_id: int) -> ResponseReturnValue:
    """Take an item off the agenda."""
    services.delete_item(current_actor(), board_id, meeting_id, item_id)
    return _after(
        "meetings.agenda",
        board_id,
        meeting_id,
        lambda e: _builder(board_id, meeting_id, e, fragment=True),
    )


@bp.post(f"{MEETING}/delete")
@login_required
def delete(board_id: int, meeting_id: int) -> ResponseReturnValue:
    """Delete a meeting."""
    services.delete_meeting(current_actor(), board_id, meeting_id)
    return redirect(url_for("meetings.index", board_id=board_id))


# -- Printable agenda -------------------------------------------------------------------------


def _print_context(board_id: int, meeting_id: int) -> dict:
    actor = current_actor()
    meeting = services.get_meeting(actor, board_id, meeting_id)
    return {
        "board": board_for(actor, board_id, EDIT),
        "meeting": meeting,
        "slots": services.agenda(meeting),
    }


@bp.get(f"{MEETING}/agenda")
@login_required
def printable(board_id: int, meeting_id: int) -> ResponseReturnValue:
    """Show the agenda ready to print."""
    return render_template(
        "meetings/agenda_print.html", **_print_context(board_id, meeting_id), page=True
    )


@bp.get(f"{MEETING}/agenda.pdf")
@login_required
def agenda_pdf(board_id: int, meeting_id: int) -> ResponseReturnValue:
    """Download the agenda as PDF."""
    context = _print_context(board_id, meeting_id)
    return download(
        render_pdf("meetings/agenda_print.html", {**context, "page": False}),
        "application/pdf",
        file_name(context["board"], _("agenda"), "pdf", meeting_day(context["meeting"])),
    )


# -- Meeting mode -----------------------------------------------------------------------------


def _run(board_id: int, meeting_id: int, error: str | None = None, fragment: bool = False):
    actor = current_actor()
    meeting = services.get_meeting(actor, board_id, meeting_id, MANAGE)
    board = board_for(actor, board_id, MANAGE)
    state = load_state(board)
    slots = services.agenda(meeting)
    index = next(
        (n for n, (item, _s, _e) in enumerate(slots) if item.id == meeting.current_item_id), None
    )
    context = {
        "board": board,
        "meeting": meeting,
        "slots": slots,
        "error": error,
        "current": slots[index][0] if index is not None else None,
        "previous": slots[index - 1][0] if index else None,
        "next": slots[index + 1][0] if index is not None and index + 1 < len(slots) else None,
        "organisations": state.organisations,
        "next_steps": [s for s in state.next_steps if s.status in OPEN_STEPS],
        "decisions": [d for d in meeting.decisions if d.item_id == meeting.current_item_id],
        "timer_view": timer_view(meeting),
        "role": "coordinator",
    }
    return render_template("meetings/_run.html" if fragment else "meetings/run.html", **context)


@bp.get(f"{MEETING}/run")
@login_required
def run(board_id: int, meeting_id: int) -> ResponseReturnValue:
    """Meeting mode: step through the agenda, record minutes and decisions."""
    return _run(board_id, meeting_id)


def _step(board_id: int, meeting_id: int, action):
    error = None
    try:
        action(current_actor())
    except ValidationFailed as exc:
        error = _error_text(exc)
    return _after(
        "meetings.run",
        board_id,
        meeting_id,
        lambda e: _run(board_id, meeting_id, e, fragment=True),
        error,
    )


@bp.post(f"{MEETING}/start")
@login_required
def start(board_id: int, meeting_id: int) -> ResponseReturnValue:
    """Start the meeting."""
    return _step(
        board_id, meeting_id, lambda actor: services.start_meeting(actor, board_id, meeting_id)
    )


@bp.post(f"{MEETING}/current")
@login_required
def current(board_id: int, meeting_id: int) -> ResponseReturnValue:
    """Step to an agenda item."""
    item_id = request.form.get("item_id", "")
    return _step(
        board_id,
        meeting_id,
        lambda actor: services.set_current(
            actor, board_id, meeting_id, int(item_id) if item_id.isdigit() else None
        ),
    )


@bp.post(f"{MEETING}/end")
@login_required
def end(board_id: int, meeting_id: int) -> ResponseReturnValue:
    """End the meeting."""
    return _step(
        board_id, meeting_id, lambda actor: services.end_meeting(actor, board_id, meeting_id)
    )


@bp.post(f"{MEETING}/decisions")
@login_required
def decide(board_id: int, meeting_id: int) -> ResponseReturnValue:
    """Record a decision, optionally agreeing a next step."""
    form = form_data(request.form)
    step_fields = {
        key: form.pop(f"step_{key}", None) for key in ("title", "owner_organisation_id", "due_date")
    }
    existing = form.pop("next_step_id", None)

    def action(actor):
        data = parse(DecisionCreate, {**form, "next_step_id": existing})
        step = parse(AgreedStep, step_fields).model_dump() if step_fields["title"] else None
        services.add_decision(
            actor,
            board_id,
            meeting_id,
            text=data.text,
            item_id=data.item_id,
            next_step_id=data.next_step_id,
            next_step=step,
        )

    return _step(board_id, meeting_id, action)


# -- Minutes ----------------------------------------------------------------------------------


@bp.get(f"{MEETING}/minutes")
@login_required
def minutes_page(board_id: int, meeting_id: int) -> ResponseReturnValue:
    """Show the minutes, with Markdown and PDF downloads."""
    actor = current_actor()
    meeting = services.get_meeting(actor, board_id, meeting_id)
    return render_template(
        "meetings/minutes.html",
        board=board_for(actor, board_id, EDIT),
        meeting=meeting,
        minutes=minutes.minutes_of(meeting),
    )
