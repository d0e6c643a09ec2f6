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
    """Subscribe to the event log and to access revocations; render card pushes for pages."""
    broadcast.register_renderer("card", Card, render_card)
    board_changed.connect(broadcast.broadcast)
    access_revoked.connect(presence.cut_off)
