"""The live layer: broadcast after commit, presence, the socket handlers, the heartbeat.

It sits beside the routes and subscribes to what the layers below publish (app/signals.py);
nothing below it imports it.
"""

from flask import Flask

from app.cards.routes import render_card
from app.live import broadcast, presence, sockets  # noqa: F401 (sockets registers its handlers)
from app.models import Card
from app.signals import access_revoked, board_changed


def init_app(app: Flask) -> None:
    """Subscribe to the event log and to access revocations; render card pushes and feed lines
    for pages."""
    broadcast.register_renderer("card", Card, render_card)
    # Here, not at the top: app.boards (its package imports its routes) must load after app.auth.
    from app.boards.activity import render_line  # noqa: PLC0415

    broadcast.register_feed(render_line)
    board_changed.connect(broadcast.broadcast)
    access_revoked.connect(presence.cut_off)
