"""A real SMTP server on loopback (aiosmtpd), started by a fixture; it can be stopped and started
again on the same port, as an SMTP server that goes away and comes back."""

import socket
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller


class Inbox:
    """What the SMTP server received: parsed messages, in order."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


class SmtpServer:
    """An aiosmtpd server on 127.0.0.1 that a test can stop and start again."""

    def __init__(self, port: int):
        self.port = port
        self.inbox = Inbox()
        self.controller = None

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def messages(self) -> list:
        return self.inbox.messages


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(app):
    """A running SMTP server, and the app pointed at it."""
    server = SmtpServer(_free_port())
    server.start()
    app.config.update(
        MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port, MAIL_FROM="Brugwerk <brugwerk@testdorp.nl>"
    )
    yield server
    server.stop()
