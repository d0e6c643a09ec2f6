"""HTML that every reader of a board at one version shares: rendered once, then served from memory.

The canvas of a 2,000-card board is 1.1 MB of HTML and ~100 ms of Jinja; in a meeting fifteen
partners open it within a minute, and every live event makes each open page fetch the same
overlay again. What the canvas shows changes only with a board event: `events.record` moves the
board's `seq` in the same transaction as the change. So (board, seq) names one version of the
board in every process, and what was rendered for it stays right until the seq moves; nothing
has to be told to forget it (a second process, a restart, a Redis-less one: all the same).

The key also holds when the board and its latest event were made: after `flask restore` under a
running server a seq can come back with other changes behind it, and SQLite can give a removed
board's id to a new one whose seq starts again at 0. Then the language and the variant the
caller names (editor or viewer, signed in or not). What is per person does not belong in shared
HTML: the CSRF token is the one exception, rendered as a placeholder and filled in per request
(`fill`).

The rule "a change the canvas shows records an event" is checked, not trusted: at every commit,
the rows of the models in SHOWN that the transaction changed must belong to boards it recorded
an event for. The test suite (`SHARED_HTML_AUDIT = "raise"`) fails on a write that breaks it; a
running server logs it and forgets that board here.
"""

import logging
import secrets
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable

from flask import Flask, current_app, g, request
from flask_babel import get_locale
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup
from sqlalchemy import event

from app.events import EVENTED_BOARDS
from app.extensions import db
from app.models import (
    Board,
    Card,
    Comment,
    Event,
    Handover,
    Lane,
    Marker,
    NextStep,
    Organisation,
    Phase,
    SuggestionDismissal,
)
from app.transaction import in_write

log = logging.getLogger(__name__)

# What shared HTML shows: a change to one of these rows must come with a board event.
SHOWN = (Card, Organisation, Phase, Lane, Marker, Handover, NextStep, SuggestionDismissal, Comment)
# Stands in for the CSRF token while shared HTML is rendered (`fill` puts the reader's in): plain
# letters and digits, the same after HTML escaping and in JSON, and no text a person could type.
CSRF_HOLE = f"bwcsrf{secrets.token_hex(12)}"
_TOUCHED = "bw_shown_boards"


class SharedHtml:
    """An LRU of rendered HTML, bounded in bytes; one per app, safe across threads."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._entries: OrderedDict[tuple, str] = OrderedDict()
        self._newest: dict[int, tuple] = {}  # board id -> the version last stored
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: tuple) -> str | None:
        with self._lock:
            html = self._entries.get(key)
            if html is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return html

    def put(self, key: tuple, html: str) -> None:
        size = sys.getsizeof(html)
        if size > self.max_bytes:
            return
        board_id, version = key[0], key[1:4]
        with self._lock:
            if self._newest.get(board_id) != version:
                # Another version's HTML is not asked for again (a request that read the board
                # just before a change may still store the older one: the newer is then
                # rendered once more, no more).
                self._drop(board_id)
                self._newest[board_id] = version
            if key in self._entries:
                return
            self._entries[key] = html
            self._bytes += size
            while self._bytes > self.max_bytes:
                _key, dropped = self._entries.popitem(last=False)
                self._bytes -= sys.getsizeof(dropped)

    def forget(self, board_id: int) -> None:
        with self._lock:
            self._drop(board_id)
            self._newest.pop(board_id, None)

    def _drop(self, board_id: int) -> None:
        for key in [key for key in self._entries if key[0] == board_id]:
            self._bytes -= sys.getsizeof(self._entries.pop(key))


def shared(board: Board, part: str, variant: tuple, render: Callable[[], str]) -> Markup:
    """Return `part` of `board` at its current seq in this variant, rendering it only the first
    time; `render` runs with the CSRF token as a placeholder, which this request's fills."""
    cache: SharedHtml | None = current_app.extensions.get("brugwerk_shared_html")
    if cache is None:
        return Markup(render())
    key = (board.id, *_version(board), part, str(get_locale()), *variant)
    html = cache.get(key)
    if html is None:
        html = _render_with_hole(render)
        cache.put(key, html)
    return fill(html)


def variant(can_edit: bool, query: bool = False) -> tuple:
    """What makes shared HTML differ between readers of one version: editing rights (forms,
    the cells' buttons), being signed in (comment badges and threads are for members) and,
    where the part follows it, the request's query (the markers filter, the overlay's cards)."""
    followed = tuple(sorted(request.args.items(multi=True))) if query else ()
    return (can_edit, current_user.is_authenticated, *followed)


def _version(board: Board) -> tuple:
    """(seq, when the board was made, when its latest event was): one version of one board."""
    versions = g.setdefault("_bw_board_versions", {})  # one query per request and board
    if (board.id, board.seq) not in versions:
        latest = db.session.execute(
            db.select(Event.created_at).where(Event.board_id == board.id, Event.seq == board.seq)
        ).scalar_one_or_none()
        versions[board.id, board.seq] = (board.seq, board.created_at, latest)
    return versions[board.id, board.seq]


def fill(html: str) -> Markup:
    """Put this request's CSRF token where shared HTML has its placeholder."""
    if CSRF_HOLE in html:
        html = html.replace(CSRF_HOLE, generate_csrf())
    return Markup(html)


def _render_with_hole(render: Callable[[], str]) -> str:
    # Flask-WTF keeps the request's signed token in g and hands it to every csrf_token() call.
    field = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    own = g.pop(field, None)
    setattr(g, field, CSRF_HOLE)
    try:
        return str(render())
    finally:
        g.pop(field, None)
        if own is not None:
            setattr(g, field, own)


# -- The audit: a change to shown rows records an event for their board --------------------


def _note_shown(session, _flush_context) -> None:
    touched = session.info.setdefault(_TOUCHED, {})
    for instance in (*session.new, *session.dirty, *session.deleted):
        if isinstance(instance, SHOWN) and instance.board_id is not None:
            touched.setdefault(instance.board_id, type(instance).__name__)
    for instance in session.deleted:
        if isinstance(instance, Board):  # a board that is gone shows nothing any more
            session.info.setdefault(EVENTED_BOARDS, set()).add(instance.id)


def _check(session) -> None:
    session.flush()  # what the operation left unflushed is part of the transaction too
    touched = session.info.pop(_TOUCHED, {})
    evented = session.info.pop(EVENTED_BOARDS, set())
    silent = {board_id: model for board_id, model in touched.items() if board_id not in evented}
    if not silent:
        return
    cache = current_app.extensions.get("brugwerk_shared_html")
    if in_write():  # an operation of the app's own: it broke the rule
        message = f"shown rows changed without a board event: {silent} (board id: model)"
        if current_app.config.get("SHARED_HTML_AUDIT") == "raise":
            raise AssertionError(message)
        log.warning("%s; their shared HTML is forgotten in this process", message)
    # Else a script's or a test's own commit (seeding, say): forgotten here, as it can only be.
    for board_id in silent:
        if cache is not None:
            cache.forget(board_id)


def _forget_notes(session, *_args) -> None:
    session.info.pop(_TOUCHED, None)
    session.info.pop(EVENTED_BOARDS, None)


_listening = False


def init_app(app: Flask) -> None:
    """Give the app its cache (SHARED_HTML_MB; 0 turns it off) and audit every commit."""
    global _listening  # noqa: PLW0603 (the session listeners are process-wide, installed once)
    megabytes = app.config.get("SHARED_HTML_MB", 64)
    if megabytes:
        app.extensions["brugwerk_shared_html"] = SharedHtml(int(megabytes * 1024 * 1024))
    if not _listening:
        event.listen(db.session, "after_flush", _note_shown)
        event.listen(db.session, "before_commit", _check)
        event.listen(db.session, "after_rollback", _forget_notes)
        _listening = True
