"""Push size: bytes of one card.updated board_event, per audience, typical card vs the maximum.

    python -m bench.push_size

Captures the real pushes with Flask-SocketIO's test client (one socket per audience: the JSON
audience of API clients, and the page audiences `edit` and `view` that also get the rendered
`html` fragment) and reports the compact JSON payload and the Socket.IO packet on the wire.
Goal (issue 2): a push for one card change stays under 4 KB.
"""

import argparse
import json
import tempfile
from pathlib import Path

from socketio import packet

from bench.common import board_with_card

GOAL = 4096
TYPICAL = {
    "title": "Keukentafelgesprek aan huis",
    "description": "Een energiecoach komt langs, kijkt met de bewoners naar het huis en "
    "de energierekening en maakt samen een lijstje met eerste stappen: "
    "kleine klussen, subsidie en wie er kan helpen.",
    "capacity_per_year": 300,
}
CASES = {
    "typical": TYPICAL,
    "title 200 chars": {**TYPICAL, "title": "Offertecheck " + "x" * 187},
    "title 200 + description 5000": {
        "title": "Offertecheck " + "x" * 187,
        "description": "Uitleg. " * 625,
    },
    "title 200 of '&' (escaping)": {**TYPICAL, "title": "&" * 200},
}


def _wire_bytes(payload: dict) -> int:
    """Return the size of the Socket.IO EVENT packet that carries the payload."""
    return len(packet.Packet(packet.EVENT, data=["board_event", payload]).encode().encode())


def measure() -> list[dict]:
    """Return the size of a card.updated push per case and audience."""
    from app import create_app  # noqa: PLC0415 (the app only when measuring)
    from app.auth.services import create_user, issue_token  # noqa: PLC0415
    from app.boards.services import add_member  # noqa: PLC0415
    from app.cards.services import update_card  # noqa: PLC0415
    from app.config import Config  # noqa: PLC0415
    from app.extensions import db, socketio  # noqa: PLC0415
    from app.permissions import Actor  # noqa: PLC0415

    rows = []
    with tempfile.TemporaryDirectory(prefix="brugwerk-push-") as workdir:
        app = create_app(
            Config,
            SQLALCHEMY_DATABASE_URI=f"sqlite:///{Path(workdir)}/push.db",
            SECRET_KEY="bench-secret-key",
            SOCKETIO_MESSAGE_QUEUE=None,
            SERVER_NAME="brugwerk.example.nl",
            PASSWORD_HASH_METHOD="pbkdf2:sha256:1000",
            PRESENCE_HEARTBEAT_SECONDS=0,
        )  # in-process sockets, no other process
        with app.app_context(), app.test_request_context():
            db.create_all()
            owner = create_user("regie@bench.test", "Regisseur Voorbeeld", "bench-wachtwoord-1")
            viewer = create_user("kijker@bench.test", "Wethouder", "bench-wachtwoord-1")
            actor = Actor(user=owner)
            board, card = board_with_card(
                actor, "Gemeente Voorbeeld", "Energieloket Voorbeeld", "Kaart", phase=1
            )
            add_member(actor, board.id, viewer.email, "viewer")
            sockets = {}
            for audience, user, html in (
                ("json", owner, False),
                ("edit", owner, True),
                ("view", viewer, True),
            ):
                sockets[audience] = socketio.test_client(app, auth={"token": issue_token(user)})
                sockets[audience].emit("join", {"board_id": board.id, "html": html}, callback=True)
            version = card.version
            for case, fields in CASES.items():
                for client in sockets.values():
                    client.get_received()
                version = update_card(actor, board.id, card.id, version, dict(fields)).version
                for audience, client in sockets.items():
                    [payload] = [
                        m["args"][0] for m in client.get_received() if m["name"] == "board_event"
                    ]
                    size = len(
                        json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
                    )
                    wire = _wire_bytes(payload)
                    rows.append(
                        {
                            "case": case,
                            "audience": audience,
                            "json_bytes": size,
                            "wire_bytes": wire,
                            "html_bytes": len((payload.get("html") or "").encode()),
                            "under_4kb": wire < GOAL,
                        }
                    )
            for client in sockets.values():
                client.disconnect()
            db.session.remove()
            db.engine.dispose()
    return rows


def main(argv: list[str] | None = None) -> list[dict]:
    """Measure and print the push sizes."""
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    rows = measure()
    print(f"push_size: one card.updated board_event (goal < {GOAL} bytes on the wire)")
    for row in rows:
        print("  " + "  ".join(f"{key}={value}" for key, value in row.items()))
    return rows


if __name__ == "__main__":
    main()
