"""Conversations on the board: comments on cards, markers and next steps, with @mentions."""

from flask import Flask
from flask_login import current_user

from app.comments.queries import unread_mentions
from app.comments.rendering import comment_html
from app.comments.routes import bp  # noqa: F401 (create_app registers it)


def init_app(app: Flask) -> None:
    """Render comments in templates, and give the header its count of unread mentions."""
    app.add_template_filter(comment_html, "comment_html")

    @app.context_processor
    def _unread() -> dict:
        # Lazily: only a page whose header shows it asks the database.
        def count() -> int:
            return unread_mentions(current_user.id) if current_user.is_authenticated else 0

        return {"unread_mentions": count}
