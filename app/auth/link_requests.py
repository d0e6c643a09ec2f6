"""Asking for a sign-in link without a timing side channel (contract §6.2.3).

`POST /login/link` must not tell who has an account, not even by how long it takes: a known
address costs a link row, a rendered mail and an outbox row, an unknown one nothing. So the
request does the same for every address — put it on this queue — and answers at once; a
background worker per app and process looks the address up and writes the link and the mail
(`app.auth.services.send_sign_in_link`), off the request.

A request that is lost with its process (a crash within the moment it waits here) costs a link
the person asks for again; the queue is bounded, so a flood of requests costs memory only up to
MAX_WAITING (the rate limits per address and client stop most of it before).
"""

import logging
import queue
from dataclasses import dataclass

from flask import Flask, current_app, request
from flask_babel import get_locale

from app.auth.services import send_sign_in_link
from app.background import OnDemandWorker

log = logging.getLogger(__name__)
MAX_WAITING = 1000


@dataclass(frozen=True)
class _Request:
    email: str
    locale: str
    base_url: str  # the link points at the host the person used, as if built in the request


class _Worker(OnDemandWorker):
    """One app's queue of link requests and the thread that works it off (app/background.py)."""

    def __init__(self, app: Flask):
        super().__init__(app)
        self.waiting: queue.Queue[_Request] = queue.Queue(MAX_WAITING)

    def put(self, wanted: _Request) -> None:
        try:
            self.waiting.put_nowait(wanted)
        except queue.Full:
            log.warning("sign-in link requests: queue full, one dropped")
            return
        self.wake()

    def work(self) -> None:
        while True:
            try:
                wanted = self.waiting.get_nowait()
            except queue.Empty:
                return None
            try:
                with self.app.test_request_context("/login/link", base_url=wanted.base_url):
                    send_sign_in_link(wanted.email, wanted.locale)
            except Exception:  # one bad request never stops the ones behind it
                log.exception("sign-in link for a requested address not made")


def request_sign_in_link(email: str) -> None:
    """Queue a sign-in link for `email`; the same, equally quick, for every address."""
    app = current_app._get_current_object()
    worker = app.extensions.setdefault("brugwerk_link_requests", _Worker(app))
    worker.put(_Request(email, str(get_locale() or "nl"), request.host_url))
