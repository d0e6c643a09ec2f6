"""Bad input: size limits, unicode, control characters, and markup that must stay text."""

import csv
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;"
UNICODE = [
    "Warmtepomp 🏠🔥 voor iedereen",
    "مرحبا بالعالم",
    "cafe\u0301 (e + combining acute)",
    "👩\u200d👩\u200d👧 gezin",
    "Zürich – ‘quotes’ … ∑",
]
CONTROL = ["null\x00byte", "bell\x07", "escape\x1b[31m", "delete\x7f"]


def _api(app, world, method: str, path: str, role: str = "coordinator", **kwargs):
    headers = {"Authorization": f"Bearer {world.tokens[role]}", **kwargs.pop("headers", {})}
    with app.app_context():
        return app.test_client().open(f"/api/v1{path}", method=method, headers=headers, **kwargs)


def _new_card(world, **fields) -> dict:
    return {
        "phase_id": world.ids["phase"],
        "lane_id": world.ids["lane"],
        "organisation_id": world.ids["organisation"],
        **fields,
    }


def _post_card(app, world, **fields):
    """Create a card on the world's board through the API, as its coordinator."""
    path = f"/boards/{world.board_id}/cards"
    return _api(app, world, "POST", path, json=_new_card(world, **fields))


def test_request_bodies_over_the_limit_get_413(app, world, snapshot):
    before = snapshot()
    limit = app.config["MAX_CONTENT_LENGTH"]
    huge = "x" * (limit + 1)
    api = _api(
        app,
        world,
        "POST",
        f"/boards/{world.board_id}/cards",
        data=f'{{"title": "{huge}"}}',
        headers={"Content-Type": "application/json"},
    )
    assert api.status_code == 413
    assert api.get_json()["error"]["code"]
    with app.app_context():
        client = app.test_client()
        client.set_cookie("session", world.cookies["coordinator"])
        page = client.post(f"/boards/{world.board_id}/cards", data={"title": huge})
    assert page.status_code == 413
    assert snapshot() == before


def test_every_text_field_of_the_api_has_a_length_limit(app):
    """A string without maxLength would let one request fill the database."""
    with app.app_context():
        spec = app.test_client().get("/api/v1/openapi.json").get_json()
    unbounded = []

    def walk(schema: dict, where: str) -> None:
        if "$ref" in schema:
            return  # checked where the component itself is walked
        for option in schema.get("anyOf", []):
            walk(option, where)
        pattern = schema.get("pattern", "")
        bounded_pattern = (
            pattern.startswith("^") and pattern.endswith("$") and not {"*", "+"} & set(pattern)
        )
        if (
            schema.get("type") == "string"
            and not ({"maxLength", "enum", "const"} & set(schema))
            and schema.get("format") not in ("date", "date-time", "email")
            and not bounded_pattern
        ):
            unbounded.append(where)
        for name, sub in schema.get("properties", {}).items():
            walk(sub, f"{where}.{name}")
        if isinstance(schema.get("items"), dict):
            walk(schema["items"], f"{where}[]")

    for name, schema in spec["components"]["schemas"].items():
        walk(schema, name)
    assert not unbounded, unbounded


@pytest.mark.parametrize("title", UNICODE)
def test_unicode_round_trips(app, world, title):
    created = _post_card(app, world, title=title, description=title)
    assert created.status_code == 201
    card = _api(app, world, "GET", f"/boards/{world.board_id}/cards/{created.get_json()['id']}")
    assert card.get_json()["title"] == title
    assert card.get_json()["description"] == title


@pytest.mark.parametrize("text", CONTROL)
def test_control_characters_are_refused_with_422(app, world, snapshot, sio, text):
    before = snapshot()
    answer = _post_card(app, world, title=text)
    assert answer.status_code == 422
    assert "title" in answer.get_json()["error"]["fields"]
    edit = _api(
        app,
        world,
        "PATCH",
        f"/boards/{world.board_id}/cards/{world.ids['card']}",
        json={"version": world.versions["card"], "description": text},
    )
    assert edit.status_code == 422
    sock = sio(token=world.tokens["partner"])
    ack = sock.op(world.board_id, "card.create", **_new_card(world, title=text))
    assert ack["ok"] is False and ack["error"]["code"] == "validation_failed"
    assert snapshot() == before


def _page(app, world, path: str) -> str:
    with app.app_context():
        client = app.test_client()
        client.set_cookie("session", world.cookies["coordinator"])
        response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def test_markup_is_shown_as_text_on_pages_pushes_and_exports(app, world, sio):
    page_socket = sio(token=world.tokens["viewer"])
    assert page_socket.join(world.board_id, html=True)["ok"]
    created = _post_card(app, world, title=SCRIPT, description=SCRIPT)
    assert created.status_code == 201
    pushed = page_socket.received_events()
    fragments = [p["html"] for p in pushed if p.get("html")]
    assert fragments, "the page channel got no rendered fragment"
    for html in fragments:
        assert "<script>alert" not in html and ESCAPED in html
    canvas = _page(app, world, f"/boards/{world.board_id}")
    assert "<script>alert" not in canvas and "<img src=x" not in canvas and ESCAPED in canvas
    share = _page(app, world, f"/s/{world.share_tokens['share']}")
    assert "<script>alert" not in share
    exported = _api(app, world, "GET", f"/boards/{world.board_id}/export.csv")
    rows = list(csv.reader(io.StringIO(exported.get_data(as_text=True).lstrip("\ufeff"))))
    assert any(SCRIPT in cell for row in rows for cell in row)  # text, unchanged
    workbook = load_workbook(
        io.BytesIO(_api(app, world, "GET", f"/boards/{world.board_id}/export.xlsx").data)
    )
    cells = [c.value for sheet in workbook for row in sheet.iter_rows() for c in row]
    assert SCRIPT in cells
    with app.app_context():
        client = app.test_client()
        client.set_cookie("session", world.cookies["coordinator"])
        pdf = client.get(f"/boards/{world.board_id}/report.pdf")
    assert pdf.status_code == 200
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "<script>" in text  # printed as text, not swallowed as an element


def test_spreadsheet_formulas_are_neutralised_in_exports(app, world):
    formula = '=HYPERLINK("http://evil.example","klik")'
    assert _post_card(app, world, title=formula).status_code == 201
    exported = _api(app, world, "GET", f"/boards/{world.board_id}/export.csv")
    cells = [c for row in csv.reader(io.StringIO(exported.get_data(as_text=True))) for c in row]
    assert formula not in cells and any(c.endswith(formula) for c in cells)
