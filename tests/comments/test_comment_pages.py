"""Comments on the pages: the thread shows HTML as text and links safely, only editors get the
form, the card carries a count badge, mentions get an unread count that opening the list
clears, and the minutes hold what was said during the meeting."""

import pytest

from app.permissions import Actor
from app.reading.services import markers


@pytest.fixture
def talk(board_with_roles, create_card, api):
    board, people = board_with_roles["board"], board_with_roles["people"]
    card = create_card(board, people["coordinator"], board_with_roles["organisation"])
    return {
        **board_with_roles,
        "card": card,
        "thread": f"/boards/{board.id}/cards/{card.id}/comments",
        "say": lambda who, body, ref_type="card", ref_id=card.id: api(people[who]).post(
            f"/boards/{board.id}/comments",
            json={"ref_type": ref_type, "ref_id": ref_id, "body": body},
        ),
    }


def test_html_is_shown_as_text_and_links_are_safe(talk, web):
    talk["say"]("partner", '<img src=x onerror="alert(1)"> zie https://example.org/a?b=1&c=2.')
    page = web(talk["people"]["viewer"]).get(talk["thread"]).get_data(as_text=True)
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in page
    assert (
        '<a class="utrecht-link" href="https://example.org/a?b=1&amp;c=2" '
        'rel="noopener nofollow ugc">https://example.org/a?b=1&amp;c=2</a>.'
    ) in page
    talk["say"]("partner", 'javascript:alert(1) en "https://x.org/" onmouseover=')
    page = web(talk["people"]["viewer"]).get(talk["thread"]).get_data(as_text=True)
    assert 'href="javascript' not in page and 'href="https://x.org/"' in page


def test_only_editors_get_the_form_and_a_viewers_post_is_refused(talk, web, snapshot):
    viewer, partner = web(talk["people"]["viewer"]), web(talk["people"]["partner"])
    assert 'name="body"' not in viewer.get(talk["thread"]).get_data(as_text=True)
    assert 'name="body"' in partner.get(talk["thread"]).get_data(as_text=True)
    before = snapshot()
    form = {"ref_type": "card", "ref_id": talk["card"].id, "body": "mag ik?"}
    answer = viewer.post(f"/boards/{talk['board'].id}/comments", data=form)
    assert answer.status_code == 403
    assert snapshot() == before
    too_long = partner.post(
        f"/boards/{talk['board'].id}/comments",
        data={**form, "body": "x" * 5001},
        headers={"HX-Request": "true"},
    )
    assert too_long.status_code == 422 and "Maximaal 5000 tekens" in too_long.get_data(as_text=True)
    assert snapshot() == before


def test_the_card_shows_a_badge_only_with_comments(talk, web):
    coordinator = web(talk["people"]["coordinator"])
    board_page = f"/boards/{talk['board'].id}"
    assert f'href="{talk["thread"]}"' not in coordinator.get(board_page).get_data(as_text=True)
    talk["say"]("partner", "een")
    talk["say"]("partner", "twee")
    page = coordinator.get(board_page).get_data(as_text=True)
    assert f'href="{talk["thread"]}" tabindex="-1">2<span' in page


def test_a_mention_shows_in_the_header_until_the_list_is_opened(talk, web):
    talk["say"]("partner", "@Coordinator wil jij dit bekijken?")
    coordinator = web(talk["people"]["coordinator"])
    assert 'id="bw-unread-mentions">1<' in coordinator.get("/boards").get_data(as_text=True)
    listed = coordinator.get("/mentions").get_data(as_text=True)
    assert "wil jij dit bekijken?" in listed and talk["thread"] in listed
    assert "bw-unread-mentions" not in coordinator.get("/boards").get_data(as_text=True)


def test_hidden_comments_show_who_hid_them(talk, web, api):
    comment = talk["say"]("partner", "iets ongepasts").get_json()
    api(talk["people"]["coordinator"]).post(
        f"/boards/{talk['board'].id}/comments/{comment['id']}/hide"
    )
    page = web(talk["people"]["partner"]).get(talk["thread"]).get_data(as_text=True)
    assert "iets ongepasts" not in page and "Verborgen door Coordinator" in page


def test_markers_and_next_steps_have_threads_too(talk, web):
    board = talk["board"]
    marker = markers.create_marker(
        Actor(user=talk["people"]["coordinator"]),
        board.id,
        "gap",
        "Gat",
        phase_id=board.phases[0].id,
    )
    assert talk["say"]("partner", "over het gat", "marker", marker.id).status_code == 201
    page = web(talk["people"]["viewer"]).get(f"/boards/{board.id}/markers/{marker.id}/comments")
    assert page.status_code == 200 and "over het gat" in page.get_data(as_text=True)
    markers_page = web(talk["people"]["viewer"]).get(f"/boards/{board.id}/markers")
    assert f"/boards/{board.id}/markers/{marker.id}/comments" in markers_page.get_data(as_text=True)


def test_the_feed_tells_who_commented_on_what(talk, web):
    talk["say"]("partner", "geheim voor leden")
    feed = web(talk["people"]["viewer"]).get(f"/boards/{talk['board'].id}/activity")
    text = feed.get_data(as_text=True)
    assert f"Partner reageerde op kaart ‘{talk['card'].title}’" in text
    assert "geheim voor leden" not in text
