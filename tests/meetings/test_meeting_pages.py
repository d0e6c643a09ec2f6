"""Meeting pages: agenda builder with htmx reordering, printable agenda, meeting mode, minutes."""

import io
import re

import pytest
from pypdf import PdfReader

HX = {"HX-Request": "true"}


@pytest.fixture
def builder(sample_board, web):
    """A meeting planned through the page, with the coordinator's page client."""
    board = sample_board["board"]
    client = web(sample_board["people"]["coordinator"])
    planned = client.post(
        f"/boards/{board.id}/meetings",
        data={"title": "Regieoverleg", "starts_at": "2026-12-01T19:30", "participants": "Gemeente"},
    )
    assert planned.status_code == 302
    path = planned.headers["Location"]
    return {**sample_board, "client": client, "path": path}


def _agenda_titles(html: str) -> list[str]:
    return re.findall(r'class="bw-agenda__title">([^<]+)<', html)


def _add(builder, **form):
    response = builder["client"].post(f"{builder['path']}/items", data=form, headers=HX)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_builder_adds_items_from_the_board_with_time_slots(builder):
    html = builder["client"].get(builder["path"]).get_data(as_text=True)
    assert f'value="marker:{builder["bottleneck"].id}"' in html
    assert f'value="next_step:{builder["step"].id}"' in html
    _add(builder, source=f"marker:{builder['bottleneck'].id}", duration_minutes="20")
    _add(builder, source=f"next_step:{builder['step'].id}", duration_minutes="15")
    html = _add(builder, source="free", title="Rondvraag")
    assert _agenda_titles(html) == [
        "Bewoners haken af na advies",
        "Offertecheck met de coöperatie",
        "Rondvraag",
    ]
    # Slots from the start time (local time) and the durations; 10 minutes when none is set.
    assert re.findall(r'bw-agenda__slot">([^<]+)<', html) == [
        "19:30–19:50",
        "19:50–20:05",
        "20:05–20:15",
    ]
    refused = _add(builder, source="free")  # a free item needs a title
    assert "utrecht-alert--error" in refused


def test_up_and_down_buttons_reorder_the_agenda(builder):
    for title in ("Opening", "Knelpunten", "Rondvraag"):
        html = _add(builder, source="free", title=title)
    ids = re.findall(r'data-meeting-item-id="(\d+)"', html)
    moved = builder["client"].post(
        f"{builder['path']}/items/{ids[2]}/move", data={"direction": "up"}, headers=HX
    )
    assert _agenda_titles(moved.get_data(as_text=True)) == ["Opening", "Rondvraag", "Knelpunten"]
    moved = builder["client"].post(
        f"{builder['path']}/items/{ids[0]}/move", data={"direction": "down"}, headers=HX
    )
    assert _agenda_titles(moved.get_data(as_text=True)) == ["Rondvraag", "Opening", "Knelpunten"]


def test_partners_see_the_agenda_read_only_viewers_not_at_all(builder, web):
    _add(builder, source="free", title="Rondvraag")
    partner = web(builder["people"]["partner"]).get(builder["path"]).get_data(as_text=True)
    assert "Rondvraag" in partner
    assert "Agendapunt toevoegen" not in partner and "/move" not in partner
    assert web(builder["people"]["partner"]).get(f"{builder['path']}/run").status_code == 403
    assert web(builder["people"]["viewer"]).get(builder["path"]).status_code == 403


def test_printable_agenda_and_pdf(builder):
    _add(builder, source="free", title="Rondvraag", duration_minutes="25")
    page = builder["client"].get(f"{builder['path']}/agenda").get_data(as_text=True)
    assert "Rondvraag" in page and "19:30–19:55" in page
    assert re.search(r"css/report\.\w+\.css", page)  # the print stylesheet, fingerprinted
    pdf = builder["client"].get(f"{builder['path']}/agenda.pdf")
    assert pdf.mimetype == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Regieoverleg" in text and "Rondvraag" in text and "19:30" in text


def test_meeting_mode_records_minutes_and_decisions(builder):
    client, path = builder["client"], builder["path"]
    _add(builder, source=f"marker:{builder['bottleneck'].id}")
    html = _add(builder, source="free", title="Rondvraag")
    first, second = re.findall(r'data-meeting-item-id="(\d+)"', html)
    run = client.post(f"{path}/start", headers=HX).get_data(as_text=True)
    assert 'data-meeting-status="running"' in run and 'aria-current="step"' in run
    client.post(f"{path}/items/{first}", data={"minutes": "Te weinig adviseurs."}, headers=HX)
    decided = client.post(
        f"{path}/decisions",
        headers=HX,
        data={
            "item_id": first,
            "text": "Extra energiecoaches werven.",
            "next_step_id": "",
            "step_title": "Coaches werven",
            "step_owner_organisation_id": str(builder["coop"].id),
            "step_due_date": "2027-02-01",
        },
    ).get_data(as_text=True)
    assert "Extra energiecoaches werven." in decided
    stepped = client.post(f"{path}/current", data={"item_id": second}, headers=HX)
    assert "Rondvraag" in stepped.get_data(as_text=True)
    client.post(f"{path}/end", headers=HX)
    minutes = client.get(f"{path}/minutes").get_data(as_text=True)
    assert "Extra energiecoaches werven." in minutes and "Coaches werven" in minutes
    assert "Te weinig adviseurs." in minutes
    assert "minutes.md" in minutes and "minutes.pdf" in minutes
    md = client.get(f"/api/v1{path}/minutes.md")
    assert md.status_code == 200 and "Coaches werven" in md.get_data(as_text=True)


def test_canvas_panel_offers_follow_toggle_and_coming_agenda(builder, web):
    _add(builder, source="free", title="Rondvraag")
    board = builder["board"]
    canvas = web(builder["people"]["partner"]).get(f"/boards/{board.id}")
    html = canvas.get_data(as_text=True)
    assert canvas.status_code == 200
    assert 'id="bw-follow"' in html and "js/meeting.js" in html
    assert "Regieoverleg" in html and "Rondvraag" in html
    viewer = web(builder["people"]["viewer"]).get(f"/boards/{board.id}").get_data(as_text=True)
    assert "Rondvraag" not in viewer


def test_the_canvas_panel_shows_the_meeting_started_last_and_where_it_is(builder, web):
    html = _add(builder, source=f"marker:{builder['bottleneck'].id}")
    (item,) = re.findall(r'data-meeting-item-id="(\d+)"', html)
    board_id = builder["board"].id
    partner = web(builder["people"]["partner"])
    planned = partner.get(f"/boards/{board_id}/meetings/panel").get_data(as_text=True)
    assert "Gepland" in planned and "data-follow" not in planned
    builder["client"].post(f"{builder['path']}/start", headers=HX)
    running = partner.get(f"/boards/{board_id}/meetings/panel").get_data(as_text=True)
    assert ">Bezig<" in running
    follow = re.search(r"data-follow='([^']+)'", running).group(1)
    assert f'"current_item_id": {item}' in follow and '"status": "running"' in follow
    viewer = web(builder["people"]["viewer"])
    assert viewer.get(f"/boards/{board_id}/meetings/panel").status_code == 403
