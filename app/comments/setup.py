"""The comments feature wired in: its blueprint, canvas badges, template filter, header count."""

from flask import Flask
from flask_login import current_user

from app.boards.page import register_page_extension
from app.boards.queries import BoardState
from app.comments import cleanup  # noqa: F401 (deleting a marker deletes its comments)
from app.comments.queries import card_counts, unread_mentions
from app.comments.rendering import comment_html
from app.comments.routes import bp  # noqa: F401 (create_app registers it)


def _canvas_counts(state: BoardState, _role: str) -> dict:
    # Members only: a read-only link's page is not signed in, and its cards carry no badge.
    signed_in = current_user.is_authenticated
    return {"comment_counts": card_counts(state.board.id) if signed_in else {}}


def init_app(app: Flask) -> None:
    """Put the comment badges on the canvas, render comments in templates, and give the header
    its count of unread mentions."""
    register_page_extension(_canvas_counts)
    app.add_template_filter(comment_html, "comment_html")

    @app.context_processor
    def _unread() -> dict:
        # Lazily: only a page whose header shows it asks the database.
        def count() -> int:
            return unread_mentions(current_user.id) if current_user.is_authenticated else 0

        return {"unread_mentions": count}
