"""Entry point: `python wsgi.py` serves the app with Socket.IO on HOST:PORT."""

import gc
import os

from app import create_app
from app.extensions import socketio
from app.live.presence import clear_stale_presence

app = create_app()
# Everything built so far (modules, templates, mappers, catalogs) lives as long as the process:
# keep it out of the collector's full passes. With 300 sockets those took 110-185 ms each, a
# stall every live push then waited for; with this 16-67 ms (bench/RESULTS.md).
gc.freeze()

if __name__ == "__main__":
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "5000"))
    if not app.config.get("SOCKETIO_MESSAGE_QUEUE"):
        with app.app_context():
            clear_stale_presence()  # one process: nobody is connected before it starts
    print(f"Brugwerk on http://{host}:{port}", flush=True)
    socketio.run(app, host=host, port=port, allow_unsafe_werkzeug=True)
