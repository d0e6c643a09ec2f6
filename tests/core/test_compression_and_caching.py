"""Compressed as the client accepts, static files under fingerprinted names cached for a year."""

import brotli
import pytest
from flask import url_for

from app.assets import Assets, import_map

STATIC_CSS = "vendor/utrecht-components-9.0.4.css"


def static_url(app, filename: str) -> str:
    with app.test_request_context():
        return url_for("static", filename=filename)


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_pages_json_and_static_files_are_compressed_when_accepted(app, encoding):
    client = app.test_client()
    accept = {"Accept-Encoding": f"{encoding}, identity;q=0.5"}
    for url in ("/login", "/api/v1/openapi.json", static_url(app, STATIC_CSS)):
        plain = client.get(url)
        packed = client.get(url, headers=accept)
        assert plain.status_code == packed.status_code == 200, url
        assert "Content-Encoding" not in plain.headers, url
        assert packed.headers["Content-Encoding"] == encoding, url
        assert "Accept-Encoding" in packed.headers["Vary"], url
        assert len(packed.data) < len(plain.data) / 2, url
    if encoding == "br":
        assert brotli.decompress(packed.data) == plain.data


def test_a_fingerprinted_static_url_is_cached_for_a_year(app):
    client = app.test_client()
    url = static_url(app, "js/canvas.js")
    assert url.startswith("/static/js/canvas.") and url != "/static/js/canvas.js"
    answer = client.get(url)
    assert answer.status_code == 200
    assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert answer.mimetype == "text/javascript"
    assert client.get(url, headers={"If-None-Match": answer.headers["ETag"]}).status_code == 304
    # The plain name (and a hash this process does not know) still answer, briefly cached.
    for old in ("/static/js/canvas.js", "/static/js/canvas.0123456789ab.js"):
        stale = client.get(old)
        assert stale.status_code == 200 and stale.data == answer.data
        assert stale.headers["Cache-Control"] == "no-cache"
    assert client.get("/static/js/nothing.0123456789ab.js").status_code == 404


def test_a_changed_file_gets_a_new_url_and_stylesheets_name_hashed_fonts(tmp_path):
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "a.woff2").write_bytes(b"font one")
    (tmp_path / "site.css").write_text("@font-face { src: url('fonts/a.woff2') format('woff2'); }")
    (tmp_path / "app.js").write_text('import "./x.js";')
    before = Assets(tmp_path)
    (tmp_path / "fonts" / "a.woff2").write_bytes(b"font two")
    after = Assets(tmp_path)
    assert before.names["fonts/a.woff2"] != after.names["fonts/a.woff2"]
    # The stylesheet did not change, but the font it names did: so does its own name.
    assert before.names["site.css"] != after.names["site.css"]
    assert after.names["fonts/a.woff2"].encode() in after.bodies["site.css"]
    assert before.names["app.js"] == after.names["app.js"]


def test_the_import_map_is_allowed_by_the_csp_and_carries_hashed_modules(app):
    page = app.test_client().get("/login")
    html = page.get_data(as_text=True)
    start = html.index('<script type="importmap">') + len('<script type="importmap">')
    text = html[start : html.index("</script>", start)]
    with app.test_request_context():
        expected, source = import_map()
    assert text == expected
    assert f"script-src 'self' {source}" in page.headers["Content-Security-Policy"]
    assert f'"/static/js/canvas.js":"{static_url(app, "js/canvas.js")}"' in text
    assert 'rel="preload"' in html and 'as="font"' in html and "crossorigin" in html
