"""Each page links one stylesheet, the bundle of its kind (app/assets.py), then THEME_CSS if set.

A phone on a slow line waits for every render-blocking stylesheet before it draws anything; ten
of them cost the canvas two seconds of Lighthouse's slow 4G. The bundles are the source files
concatenated in cascade order, fingerprinted and cached like every static file.
"""

import posixpath
import re

from app import create_app
from app.assets import BUNDLES, THEME_TOKENS, Assets
from app.config import TestConfig

YEAR = "public, max-age=31536000, immutable"
STYLESHEET = re.compile(r'<link rel="stylesheet"[^>]*href="([^"]+)"')
THEME = "https://gemeente.example.nl/huisstijl/tokens.css"


def stylesheets(html: str) -> list[str]:
    return STYLESHEET.findall(html)


def the_bundle(client, html: str) -> tuple[str, str]:
    """Return the page's one bundle URL and its text; fail on a second static stylesheet."""
    links = [url for url in stylesheets(html) if url.startswith("/static/")]
    assert len(links) == 1 and links[0].startswith("/static/bundles/"), links
    answer = client.get(links[0])
    assert answer.status_code == 200
    return links[0], answer.get_data(as_text=True)


def test_the_bundle_is_fingerprinted_compressed_and_cached_for_a_year(app):
    client = app.test_client()
    url, css = the_bundle(client, client.get("/login").get_data(as_text=True))
    assert re.fullmatch(r"/static/bundles/page\.[0-9a-f]{12}\.css", url)
    answer = client.get(url, headers={"Accept-Encoding": "br"})
    assert answer.headers["Cache-Control"] == YEAR
    assert answer.headers["Content-Encoding"] == "br"
    assert answer.mimetype == "text/css"
    again = {"Accept-Encoding": "br", "If-None-Match": answer.headers["ETag"]}
    assert client.get(url, headers=again).status_code == 304
    # The default theme's tokens are in it, between the components and Brugwerk's own rules.
    order = [css.index(f"/* {part} */") for part in BUNDLES["page"]]
    assert order == sorted(order) and "--voorbeeld-" in css
    assert "@charset" not in css  # only valid first in a file


def test_a_changed_source_stylesheet_changes_the_bundle_url(tmp_path):
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "a.woff2").write_bytes(b"font")
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "one.css").write_text(".one { color: red; }")
    (tmp_path / "css" / "two.css").write_text("@font-face { src: url('../fonts/a.woff2'); }")
    bundles = {"page": ("css/one.css", "css/two.css"), "other": ("css/two.css",)}
    before = Assets(tmp_path, bundles)
    (tmp_path / "css" / "one.css").write_text(".one { color: blue; }")
    after = Assets(tmp_path, bundles)
    assert before.names["bundles/page.css"] != after.names["bundles/page.css"]
    assert before.names["bundles/other.css"] == after.names["bundles/other.css"]
    body = after.bodies["bundles/page.css"].decode()
    assert body.index(".one { color: blue; }") < body.index("@font-face")
    # The font's url() now starts from bundles/ and names the font's hashed file.
    assert f"url('../{after.names['fonts/a.woff2']}')" in body


def test_every_url_in_a_bundle_resolves(app):
    client = app.test_client()
    for kind in BUNDLES:
        url = app.extensions["brugwerk_assets"].names[f"bundles/{kind}.css"]
        css = client.get(f"/static/{url}").get_data(as_text=True)
        targets = set(re.findall(r"""url\(\s*['"]?([^'")]+)""", css)) - {""}
        relative = {t for t in targets if not t.startswith(("data:", "#", "/", "http"))}
        assert any(t.endswith(".woff2") for t in relative), kind
        for target in relative:
            address = posixpath.normpath(
                posixpath.join(f"/static/{posixpath.dirname(url)}", target)
            )
            answer = client.get(address)
            assert answer.status_code == 200, (kind, target)
            assert answer.headers["Cache-Control"] == YEAR, (kind, target)


def test_each_kind_of_page_links_exactly_its_bundle(board_with_roles, web, api):
    board = board_with_roles["board"]
    coordinator = board_with_roles["people"]["coordinator"]
    client = web(coordinator)
    share = api(coordinator).post(f"/boards/{board.id}/share-links", json={}).json
    pages = {
        "/": "page",
        f"/boards/{board.id}": "board",
        f"/boards/{board.id}/bridge": "reading",
        f"/boards/{board.id}/meetings": "meeting",
        f"/s/{share['token']}": "share",
    }
    for path, kind in pages.items():
        page = client.get(path)
        assert page.status_code == 200, path
        url, css = the_bundle(client, page.get_data(as_text=True))
        assert url.startswith(f"/static/bundles/{kind}."), (path, url)
        assert all(f"/* {part} */" in css for part in BUNDLES[kind]), path
    # The canvas also links its organisations' colours, drawn from the database.
    canvas = client.get(f"/boards/{board.id}").get_data(as_text=True)
    assert [url for url in stylesheets(canvas) if not url.startswith("/static/")] == [
        f"/boards/{board.id}/organisations.css"
    ]


def test_a_municipalitys_theme_comes_after_the_bundle_instead_of_the_default_tokens(tmp_path):
    app = create_app(
        TestConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/t.db", THEME_CSS=THEME
    )
    client = app.test_client()
    links = stylesheets(client.get("/login").get_data(as_text=True))
    assert len(links) == 2 and links[0].startswith("/static/bundles/page.") and links[1] == THEME
    css = client.get(links[0]).get_data(as_text=True)
    assert f"/* {THEME_TOKENS} */" not in css and "--voorbeeld-" not in css
    assert "/* css/brugwerk.css */" in css
