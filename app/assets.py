"""Static files under fingerprinted names, cached for a year, compressed; no build step.

At start-up every file under static/ gets a name carrying a hash of its content
(`js/canvas.js` -> `js/canvas.3f2a1b9c0d4e.js`); `url_for('static', ...)` hands out that name, and
the static route answers it with `Cache-Control: public, max-age=31536000, immutable`, so a
second visit asks only for the page. A changed file gets a new name at the next start. The plain
names keep working, with `no-cache` (revalidate each time), and so does a name with a hash this
process does not know (a page from before a deploy): both answer the current file.

Stylesheets point at fonts with relative `url(...)`; those are rewritten to the hashed names
(and the stylesheet's own hash covers the rewritten text), so the fonts are cached too and match
the `<link rel=preload>` in base.html. ES modules import each other by relative name
(`import ... from "./canvas.js"`); the browser resolves that to /static/js/canvas.js and the
import map (`import_map`, rendered inline in base.html) sends it to the hashed name. Chromium
does not load external import maps (`<script type=importmap src>` is ignored), and the CSP's
`script-src 'self'` refuses inline scripts, so the CSP names the import map by its SHA-256
(`csp`): the map is the same for every page of a process, so its hash is too.

A page links one stylesheet: the bundle of its kind of page (`BUNDLES`), its source files
concatenated in cascade order into `bundles/<kind>.css` when the app starts, so a phone on a slow
line waits for one request before the first paint instead of ten. Each part's `url()`s are
rewritten to the hashed names relative to bundles/, so the fonts resolve from the bundle as they
did from the part. static/css/*.css stay the readable source (and answer on their own names too).
The default theme's tokens sit in the bundle where they were in the cascade; when THEME_CSS names
a municipality's own token stylesheet they are left out and base.html links that one after it.

Each file is compressed once, when first asked for (brotli at its best quality and gzip), and
kept in memory; the responses carry Content-Encoding, so Flask-Compress (which compresses the
pages and JSON) leaves them alone.
"""

import base64
import gzip
import hashlib
import json
import mimetypes
import posixpath
import re
import threading
from functools import lru_cache
from pathlib import Path

import brotli
from flask import Flask, Response, current_app, has_request_context, request
from werkzeug.exceptions import NotFound

YEAR = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
HASH_LENGTH = 12
HASHED = re.compile(r"^(?P<stem>.+)\.(?P<hash>[0-9a-f]{12})(?P<suffix>\.[^./]+)$")  # HASH_LENGTH
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
CHARSET = re.compile(r"""@charset\s+["'][^"']*["']\s*;""")
COMPRESSIBLE = {".css", ".js", ".svg", ".json", ".txt", ".map"}

# The stylesheets of each kind of page, in cascade order (a template names its kind with
# `{% set bundle = "board" %}`; base.html links `page` otherwise). THEME_TOKENS is the default
# theme, which THEME_CSS replaces.
THEME_TOKENS = "vendor/voorbeeld-design-tokens-7.4.1-used.css"
BASE = (
    "vendor/noto-fonts-5.3.0.css",
    "vendor/utrecht-components-9.0.4.css",
    THEME_TOKENS,
    "css/brugwerk.css",
    "css/pages.css",
    "css/settings.css",
    "css/comments.css",
)
READING = ("css/reading.css", "css/bridge.css", "css/monitor.css", "css/regions.css")
MEETING = ("css/meeting.css", "css/facilitation.css")
BUNDLES = {
    "page": BASE,
    "reading": BASE + READING,
    "meeting": BASE + MEETING,
    "board": BASE + READING + ("css/canvas.css",) + MEETING,
    "share": BASE + READING + ("css/share.css",) + MEETING,
    "intake": BASE + ("css/intake.css",),
}
BUNDLE_FOLDER = "bundles"


class Assets:
    """The fingerprinted names of one static folder, and the bytes to serve under them."""

    def __init__(self, folder: Path, bundles: dict[str, tuple[str, ...]] | None = None):
        self.folder = folder
        self.names: dict[str, str] = {}  # plain name -> hashed name
        self.bodies: dict[str, bytes] = {}  # plain name -> bytes to serve (CSS: rewritten)
        self.digests: dict[str, str] = {}
        self.compressed: dict[tuple[str, str], bytes] = {}
        self._lock = threading.Lock()
        files = sorted(p for p in folder.rglob("*") if p.is_file())
        # Stylesheets last: they name the fonts and images, whose hashed names they take in.
        for path in sorted(files, key=lambda p: p.suffix == ".css"):
            name = path.relative_to(folder).as_posix()
            body = path.read_bytes()
            if path.suffix == ".css":
                body = self._rewrite_css(name, body)
            self._add(name, body)
        for kind, parts in (bundles or {}).items():
            self._add(f"{BUNDLE_FOLDER}/{kind}.css", self._bundle(parts))

    def _add(self, name: str, body: bytes) -> None:
        digest = hashlib.sha256(body).hexdigest()[:HASH_LENGTH]
        stem, dot, suffix = name.rpartition(".")
        self.names[name] = f"{stem}.{digest}.{suffix}" if dot and "/" not in suffix else name
        self.bodies[name] = body
        self.digests[name] = digest

    def _bundle(self, parts: tuple[str, ...]) -> bytes:
        """Concatenate the stylesheets `parts`, their url()s pointing from bundles/ at the same
        (hashed) files; a missing part fails the start, not a page."""
        pieces = []
        for part in parts:
            source = (self.folder / part).read_bytes()
            text = self._rewrite_css(part, source, to=BUNDLE_FOLDER).decode("utf-8")
            text = CHARSET.sub("", text)  # only valid first in a file; the response names it
            pieces.append(f"/* {part} */\n{text.strip()}\n")
        return "\n".join(pieces).encode("utf-8")

    def _rewrite_css(self, name: str, body: bytes, to: str | None = None) -> bytes:
        """Point the relative url()s of stylesheet `name` at the hashed files, relative to the
        folder `to` the text is served from (default: its own)."""
        base = posixpath.dirname(name)
        served_from = base if to is None else to

        def hashed(match: re.Match) -> str:
            target = match.group(2).strip()
            if ":" in target or target.startswith(("/", "#")):
                return match.group(0)  # data:, absolute and fragment URLs stay as they are
            path, _, query = target.partition("?")
            resolved = posixpath.normpath(posixpath.join(base, path))
            if resolved not in self.names and to is None:
                return match.group(0)
            relative = posixpath.relpath(self.names.get(resolved, resolved), served_from or ".")
            quote = match.group(1)
            return f"url({quote}{relative}{'?' + query if query else ''}{quote})"

        return CSS_URL.sub(hashed, body.decode("utf-8")).encode("utf-8")

    def plain_name(self, filename: str) -> tuple[str | None, bool]:
        """Return the plain name `filename` stands for and whether it is the current hashed one."""
        if filename in self.bodies:
            return filename, False
        match = HASHED.match(filename)
        if match:
            plain = match["stem"] + match["suffix"]
            if plain in self.bodies:
                return plain, self.names[plain] == filename
        return None, False

    def body(self, name: str, encoding: str | None) -> bytes:
        if encoding is None:
            return self.bodies[name]
        key = (name, encoding)
        if key not in self.compressed:
            raw = self.bodies[name]
            packed = brotli.compress(raw) if encoding == "br" else gzip.compress(raw, 9, mtime=0)
            with self._lock:
                self.compressed[key] = packed
        return self.compressed[key]

    def serve(self, filename: str) -> Response:
        name, current = self.plain_name(filename)
        if name is None:
            raise NotFound()
        suffix = Path(name).suffix
        encoding = None
        if suffix in COMPRESSIBLE and len(self.bodies[name]) >= 500:
            accepted = request.accept_encodings
            encoding = next((e for e in ("br", "gzip") if accepted[e]), None)
        mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if mimetype.startswith("text/") or suffix == ".js":
            mimetype += "; charset=utf-8"
        response = Response(self.body(name, encoding), content_type=mimetype)
        if encoding:
            response.headers["Content-Encoding"] = encoding
        if suffix in COMPRESSIBLE:
            response.vary.add("Accept-Encoding")
        response.headers["Cache-Control"] = YEAR if current else REVALIDATE
        response.set_etag(self.digests[name] + (f":{encoding}" if encoding else ""))
        return response.make_conditional(request)

    def import_map(self, static_url: str) -> str:
        """Return the import map that sends every module's plain URL to its hashed one."""
        imports = {
            f"{static_url}/{name}": f"{static_url}/{hashed}"
            for name, hashed in self.names.items()
            if name.endswith(".js") and name.startswith("js/")
        }
        return json.dumps({"imports": imports}, sort_keys=True, separators=(",", ":"))


@lru_cache(maxsize=8)
def _import_map(assets: Assets, static_url: str) -> tuple[str, str]:
    text = assets.import_map(static_url)
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return text, f"'sha256-{digest}'"


def import_map() -> tuple[str, str]:
    """Return this request's import map and its CSP source (`'sha256-...'`)."""
    assets: Assets = current_app.extensions["brugwerk_assets"]
    root = request.script_root if has_request_context() else ""
    return _import_map(assets, root + current_app.static_url_path)


def csp(policy: str) -> str:
    """Return `policy` with the import map's hash allowed as a script."""
    return policy.replace("script-src 'self'", f"script-src 'self' {import_map()[1]}", 1)


def init_app(app: Flask) -> None:
    """Fingerprint the static folder and serve it through the route Flask made for it."""
    bundles = BUNDLES
    if app.config.get("THEME_CSS"):
        bundles = {
            kind: tuple(p for p in parts if p != THEME_TOKENS) for kind, parts in bundles.items()
        }
    assets = Assets(Path(app.static_folder), bundles)
    app.extensions["brugwerk_assets"] = assets
    app.view_functions["static"] = assets.serve

    @app.url_defaults
    def hashed_static_name(endpoint: str, values: dict) -> None:
        if endpoint == "static" and values.get("filename") in assets.names:
            values["filename"] = assets.names[values["filename"]]

    @app.context_processor
    def import_map_text() -> dict:
        return {"import_map": import_map()[0]}
