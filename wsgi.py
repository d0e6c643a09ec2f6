"""Entry point: `python wsgi.py` serves the app with Socket.IO on HOST:PORT.

It serves through gunicorn, started from here through gunicorn's embedding API
(`gunicorn.app.base.BaseApplication`), so the contract stays one command with HOST and PORT:
one worker process with the gthread worker (Flask-SocketIO's threading mode serves each
WebSocket on a thread through simple-websocket; ordinary requests share the pool and keep
their connection alive). One worker, because Socket.IO sessions and rooms live in the
process: the browser falls back to long-polling, whose requests must all reach the process
that holds the session. More processes: `python -m deploy.cluster` (docs/deploy.md).
`gunicorn wsgi:app` (what the cluster runs) imports this module for `app` only.
"""

import ctypes
import gc
import os
import signal
import sys

from gunicorn.app.base import BaseApplication

from app import create_app
from app.extensions import db
from app.live.presence import clear_stale_presence

app = create_app()
# Everything built so far (modules, templates, mappers, catalogs) lives as long as the process:
# keep it out of the collector's full passes. With 300 sockets those took 110-185 ms each, a
# stall every live push then waited for; with this 16-67 ms (bench/RESULTS.md). Frozen before
# gunicorn forks its worker, these objects also stay shared pages between the two processes.
gc.freeze()

# A thread per WebSocket (held for the socket's life) and per request in flight; threads start
# only as needed. 400, as deploy/cluster.py gives each process (bench/RESULTS.md: 300 sockets).
THREADS = 400
PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _die_with_master(_server, _worker) -> None:
    """In the worker: be killed when the master dies, even by SIGKILL (which no handler sees),
    so a killed `python wsgi.py` leaves no orphan holding the port and its WebSockets."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() == 1:  # the master died between fork and prctl
            os._exit(1)


def _dispose_engine(_server, _worker) -> None:
    """In the master, before each fork: no pooled SQLite/PostgreSQL connection may be shared
    by the master and a worker (the worker opens its own)."""
    with app.app_context():
        db.engine.dispose()


class Server(BaseApplication):
    """gunicorn, embedded: the settings come from here, not from the command line."""

    def __init__(self, application, host: str, port: int):
        self.application = application
        self.host, self.port = host, port
        super().__init__()

    def load_config(self) -> None:
        bind_host = f"[{self.host}]" if ":" in self.host else self.host
        settings = {
            "bind": [f"{bind_host}:{self.port}"],
            "workers": 1,  # Socket.IO state is in-process; see the module docstring
            "worker_class": "gthread",
            "threads": THREADS,
            "worker_connections": 2 * THREADS,
            "keepalive": 5,  # seconds an idle kept-alive connection waits for its next request
            "graceful_timeout": 3,  # SIGTERM: open WebSockets get this long, then the worker ends
            "control_socket_disable": True,  # no gunicorn.ctl file next to the code
            "pre_fork": _dispose_engine,
            "post_fork": _die_with_master,
            "when_ready": lambda _server: print(
                f"Brugwerk on http://{self.host}:{self.port}", flush=True
            ),
        }
        for key, value in settings.items():
            self.cfg.set(key, value)

    def load(self):
        return self.application


def main() -> None:
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "5000"))
    if not app.config.get("SOCKETIO_MESSAGE_QUEUE"):
        with app.app_context():
            clear_stale_presence()  # one process: nobody is connected before it starts
    # gunicorn's master handles SIGINT (Ctrl-C: quick stop) and SIGTERM (graceful stop) and
    # exits with status 0. Socket.IO is in `app` already: init_app wrapped its wsgi_app.
    Server(app, host, port).run()


if __name__ == "__main__":
    main()
