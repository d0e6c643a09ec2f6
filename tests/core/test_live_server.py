"""Against the real server process over real WebSockets (python-socketio clients)."""

import http.client
import signal
import threading
import time

import pytest

from bench.common import Api, LiveServer, connect_clients, disconnect_all, seed

pytestmark = pytest.mark.live


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`flask db upgrade`, then `python wsgi.py` on a free port, with a seeded board."""
    database = tmp_path_factory.mktemp("live") / "live.db"
    with LiveServer(database) as live:
        live.seeded = seed(database, partners=2, viewers=1, cards=3)
        yield live


@pytest.fixture
def pair(server):
    """Two partners on the board over WebSockets."""
    seeded = server.seeded
    clients = connect_clients(server.url, seeded.partner_tokens, seeded.board_id)
    yield clients
    disconnect_all(clients)


def test_clients_use_a_real_websocket(pair):
    assert all(client.sio.transport() == "websocket" for client in pair)


def test_the_server_keeps_connections_alive(server):
    """`python wsgi.py` is gunicorn (gthread): several requests on one connection."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        sockets = []
        for path in ("/healthz", "/login", "/healthz"):
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            assert response.status == 200
            assert response.getheader("Connection", "").lower() != "close"
            sockets.append(connection.sock)
        assert sockets[0] is not None and sockets[0] is sockets[1] is sockets[2]
    finally:
        connection.close()
    assert "gunicorn" in "".join(server.log) and "Brugwerk on " + server.url in "".join(server.log)


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_and_sigterm_stop_the_server_cleanly_with_a_socket_open(tmp_path, stop):
    with LiveServer(tmp_path / "stop.db") as live:
        seeded = seed(live.database, partners=1, viewers=0, cards=1)
        clients = connect_clients(live.url, seeded.partner_tokens, seeded.board_id)
        try:
            assert clients[0].sio.transport() == "websocket"
            started = time.monotonic()
            live.process.send_signal(stop)
            code = live.process.wait(timeout=15)
            took = time.monotonic() - started
        finally:
            disconnect_all(clients)
        log = "".join(live.log)
        assert code == 0, log
        assert took < 6, f"{took:.1f} s to stop"
        assert "Traceback" not in log, log
        assert "Shutting down: Master" in log


def test_rest_change_reaches_the_other_client_and_socket_move_comes_back(server, pair):
    seeded = server.seeded
    board_id = seeded.board_id
    a, b = pair
    api_a = Api(server.url, seeded.partner_tokens[0])
    card = api_a.get(f"/boards/{board_id}").json()["cards"][0]

    edited = api_a.patch(
        f"/boards/{board_id}/cards/{card['id']}",
        json={"version": card["version"], "title": "Energiecafé in de wijk"},
    )
    assert edited.status_code == 200
    arrived = b.wait_for(
        lambda e: e["type"] == "card.updated" and e["data"]["version"] == edited.json()["version"]
    )
    assert arrived is not None, "B did not receive A's edit"
    assert arrived[1]["data"] == edited.json()
    assert arrived[1]["actor"]["name"] == "Partner 0"

    target_phase = seeded.phases[-1]
    ack = b.op(
        board_id, "card.move", card_id=card["id"], phase_id=target_phase, lane_id=card["lane_id"]
    )
    assert ack["ok"] is True, ack
    arrived = a.wait_for(lambda e: e["type"] == "card.moved" and e["seq"] == ack["seq"])
    assert arrived is not None, "A did not receive B's move"
    assert arrived[1]["data"] == ack["data"]
    assert arrived[1]["data"]["phase_id"] == target_phase

    stored = api_a.get(f"/boards/{board_id}/cards/{card['id']}").json()
    assert stored == ack["data"]


def test_viewer_socket_cannot_write(server):
    seeded = server.seeded
    [viewer] = connect_clients(server.url, seeded.viewer_tokens, seeded.board_id)
    try:
        card = (
            Api(server.url, seeded.owner_token).get(f"/boards/{seeded.board_id}").json()["cards"][0]
        )
        ack = viewer.op(seeded.board_id, "card.delete", card_id=card["id"])
        assert ack["ok"] is False and ack["error"]["code"] == "forbidden"
        still = Api(server.url, seeded.owner_token).get(
            f"/boards/{seeded.board_id}/cards/{card['id']}"
        )
        assert still.status_code == 200
    finally:
        viewer.disconnect()


def test_concurrent_edits_from_one_version_let_exactly_one_win(server):
    seeded = server.seeded
    board_id = seeded.board_id
    apis = [Api(server.url, token) for token in seeded.partner_tokens]
    card = apis[0].get(f"/boards/{board_id}").json()["cards"][1]
    for round_number in range(8):
        version = apis[0].get(f"/boards/{board_id}/cards/{card['id']}").json()["version"]
        start = threading.Barrier(len(apis))
        answers: list = [None] * len(apis)

        def edit(
            index: int, version=version, round_number=round_number, start=start, answers=answers
        ):
            start.wait()
            answers[index] = apis[index].patch(
                f"/boards/{board_id}/cards/{card['id']}",
                json={"version": version, "title": f"Ronde {round_number} door {index}"},
            )

        threads = [threading.Thread(target=edit, args=(i,)) for i in range(len(apis))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        statuses = sorted(answer.status_code for answer in answers)
        assert statuses == [200, 409], statuses
        winner = next(a for a in answers if a.status_code == 200).json()
        loser = next(a for a in answers if a.status_code == 409).json()
        assert loser["current"] == winner
        stored = apis[0].get(f"/boards/{board_id}/cards/{card['id']}").json()
        assert stored == winner
