"""The canvas and the reading panel rendered once per board version and shared by its readers
(app/boards/shared_html.py): nobody sees another version, another person's rights or token."""

import re

import pytest

from app.boards.shared_html import CSRF_HOLE, SharedHtml
from app.cards.services import update_card
from app.extensions import db
from app.models import Card
from app.permissions import Actor
from app.reading.services.markers import create_marker
from app.transaction import write

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def _cache(app) -> SharedHtml:
    return app.extensions["brugwerk_shared_html"]


def _canvas(page: str) -> str:
    """The legend and the canvas of a board page (the activity feed beside it names old titles)."""
    return page.split('id="bw-canvas-region"', 1)[1].split('<aside class="bw-panel"', 1)[0]


@pytest.fixture
def board(board_with_roles, create_card):
    people, organisation = board_with_roles["people"], board_with_roles["organisation"]
    card = create_card(
        board_with_roles["board"], people["partner"], organisation, title="Energiecafé"
    )
    board_ = board_with_roles["board"]
    create_marker(
        Actor(user=people["partner"]), board_.id, "gap", "Geen nazorg", phase_id=board_.phases[3].id
    )
    return {**board_with_roles, "card": card}


def test_a_second_reader_gets_the_canvas_from_memory_and_every_reader_sees_each_change(
    app, web, board
):
    people, board_id = board["people"], board["board"].id
    partner, viewer = web(people["partner"]), web(people["viewer"])
    first = partner.get(f"/boards/{board_id}").get_data(as_text=True)
    hits = _cache(app).hits
    again = partner.get(f"/boards/{board_id}").get_data(as_text=True)
    assert _cache(app).hits == hits + 2  # the canvas and the panel
    assert _canvas(again) == _canvas(first)

    update_card(Actor(user=people["partner"]), board_id, board["card"].id, 1, {"title": "Klusbus"})
    for reader in (partner, viewer):
        canvas = _canvas(reader.get(f"/boards/{board_id}").get_data(as_text=True))
        assert "Klusbus" in canvas and "Energiecafé" not in canvas


def test_each_reader_gets_the_canvas_of_their_own_rights(app, web, board):
    people, board_id = board["people"], board["board"].id
    # The partner's canvas (with the cells' buttons) is rendered first and kept.
    assert "+ Aanbod" in web(people["partner"]).get(f"/boards/{board_id}").get_data(as_text=True)
    page = web(people["viewer"]).get(f"/boards/{board_id}").get_data(as_text=True)
    assert "Energiecafé" in page
    assert "+ Aanbod" not in page and "Gat markeren" not in page


def test_the_shared_panel_carries_each_readers_own_csrf_token(app, web, board):
    people, board_id = board["people"], board["board"].id
    coordinator, partner = web(people["coordinator"]), web(people["partner"])
    app.config["WTF_CSRF_ENABLED"] = True  # signed in without: the login form is not the point
    # Both pages come after the first: the panel's forms are the shared copy.
    coordinator.get(f"/boards/{board_id}")
    tokens = {}
    for name, reader in (("coordinator", coordinator), ("partner", partner)):
        page = reader.get(f"/boards/{board_id}").get_data(as_text=True)
        assert CSRF_HOLE not in page
        own = re.search(r'data-csrf-token="([^"]+)"', page).group(1)
        in_forms = set(TOKEN.findall(page))
        assert in_forms == {own}, name  # every form carries the reader's token, no one else's
        tokens[name] = own
    assert tokens["coordinator"] != tokens["partner"]

    marker = re.search(r'action="(/boards/\d+/markers/\d+/status)"', page).group(1)
    move = {"version": 1, "status": "being_addressed"}
    refused = partner.post(marker, data={**move, "csrf_token": tokens["coordinator"]})
    assert refused.status_code == 400  # another person's token
    answer = partner.post(marker, data={**move, "csrf_token": tokens["partner"]})
    assert answer.status_code < 400, answer.get_data(as_text=True)


def test_the_markers_filter_of_the_page_gets_its_own_panel(app, web, board):
    people, board_id = board["people"], board["board"].id
    reader = web(people["partner"])
    assert "Geen nazorg" in reader.get(f"/boards/{board_id}").get_data(as_text=True)
    overlaps = reader.get(f"/boards/{board_id}?kind=overlap").get_data(as_text=True)
    panel = overlaps.split('id="bw-markers-list"', 1)[1].split("</ul>", 1)[0]
    assert "Geen nazorg" not in panel


def _rename_silently(card_id: int, title: str) -> None:
    @write
    def rename():  # a change the canvas shows, without the board event every write records
        db.session.get(Card, card_id).title = title

    rename()


def test_a_write_that_changes_the_canvas_without_an_event_fails_the_suite(app, web, board):
    with pytest.raises(AssertionError, match="without a board event"):
        _rename_silently(board["card"].id, "Stil hernoemd")
    db.session.expire_all()
    assert db.session.get(Card, board["card"].id).title == "Energiecafé"  # nothing written


def test_a_running_server_forgets_a_board_changed_without_an_event(app, web, board):
    app.config["SHARED_HTML_AUDIT"] = "log"
    reader = web(board["people"]["partner"])
    assert "Energiecafé" in reader.get(f"/boards/{board['board'].id}").get_data(as_text=True)
    _rename_silently(board["card"].id, "Stil hernoemd")
    canvas = _canvas(reader.get(f"/boards/{board['board'].id}").get_data(as_text=True))
    assert "Stil hernoemd" in canvas and "Energiecafé" not in canvas


def test_the_cache_keeps_one_version_per_board_within_its_bytes():
    cache = SharedHtml(max_bytes=4_000)
    cache.put((1, 5, "t", None, "canvas", "nl"), "a" * 1_000)
    cache.put((1, 5, "t", None, "panel", "nl"), "b" * 1_000)
    cache.put((1, 6, "t", None, "canvas", "nl"), "c" * 1_000)  # board 1 moved on
    assert cache.get((1, 5, "t", None, "canvas", "nl")) is None
    assert cache.get((1, 5, "t", None, "panel", "nl")) is None
    assert cache.get((1, 6, "t", None, "canvas", "nl")) == "c" * 1_000
    for board_id in (2, 3, 4):  # past 4,000 bytes the least recently used goes
        cache.put((board_id, 1, "t", None, "canvas", "nl"), "d" * 1_000)
    assert cache.get((1, 6, "t", None, "canvas", "nl")) is None
    assert cache.get((4, 1, "t", None, "canvas", "nl")) == "d" * 1_000
    cache.put((5, 1, "t", None, "canvas", "nl"), "e" * 10_000)  # bigger than it all: not kept
    assert cache.get((5, 1, "t", None, "canvas", "nl")) is None


def test_the_overlay_every_open_page_asks_for_after_an_event_is_rendered_once(app, web, board):
    people, board_ = board["people"], board["board"]
    url = f"/boards/{board_.id}/reading/overlay"
    partner, coordinator = web(people["partner"]), web(people["coordinator"])
    first = partner.get(url).get_data(as_text=True)
    hits = _cache(app).hits
    assert coordinator.get(url).get_data(as_text=True) == first
    assert _cache(app).hits == hits + 1
    actor = Actor(user=people["partner"])
    create_marker(actor, board_.id, "bottleneck", "Wachtlijst", phase_id=board_.phases[1].id)
    after = coordinator.get(url).get_data(as_text=True)
    assert "Wachtlijst" in after and "Wachtlijst" not in first


@pytest.mark.parametrize(
    "path", ["markers/list", "markers/list?kind=gap&status=all", "suggestions", "handovers"]
)
def test_the_panels_lists_every_open_page_fetches_again_are_rendered_once(app, web, board, path):
    people, board_ = board["people"], board["board"]
    url = f"/boards/{board_.id}/{path}"
    first = web(people["partner"]).get(url).get_data(as_text=True)
    hits = _cache(app).hits
    second = web(people["coordinator"]).get(url).get_data(as_text=True)
    assert _cache(app).hits == hits + 1
    assert TOKEN.sub("", second) == TOKEN.sub("", first)  # each with their own token
    viewer = web(people["viewer"]).get(url).get_data(as_text=True)
    assert _cache(app).hits == hits + 1  # a viewer's list is their own
    assert not TOKEN.search(viewer)  # without the editors' forms
