"""Work off the request: one thread per app and process, started when woken, asleep while
nothing is due, ended when nothing is left (the mail sender, the sign-in-link requests).

The thread comes from Flask-SocketIO (`start_background_task`), like the presence heartbeat, so
that it is a green thread should the server ever run an eventlet/gevent async mode.
"""

import threading

from flask import Flask

from app.extensions import socketio


class OnDemandWorker:
    """One app's background thread. `wake()` starts it or makes it look again; it calls `work()`
    until that answers None (nothing left), sleeping the seconds it answers otherwise."""

    def __init__(self, app: Flask):
        self.app = app
        self.wakeup = threading.Event()
        self.lock = threading.Lock()
        self.running = False

    def work(self) -> float | None:
        """Do what is due; return how long to sleep before looking again, or None when done."""
        raise NotImplementedError

    def wake(self) -> None:
        """Look for work now; start the thread when it is not running."""
        self.wakeup.set()
        with self.lock:
            if self.running:
                return
            self.running = True
        socketio.start_background_task(self._run)

    def _run(self) -> None:
        pause: float | None = 0.0
        while pause is not None:
            self.wakeup.clear()
            pause = self.work()
            if pause:
                self.wakeup.wait(pause)
        with self.lock:
            self.running = False
        if self.wakeup.is_set():  # woken while ending: the work that came then is not lost
            self.wake()
