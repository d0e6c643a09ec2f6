"""A big board in the browser: HTML per card, time to interactive and live, live-edit latency.

    python -m bench.client [--cards 2000] [--repeat 5] [--edits 40] [--first-reader]
                           [--chromium /usr/bin/chromium]

Seeds a board of `cards` cards (bench.render's seed: 12 organisations, a 40-character title,
a 105-character description and a capacity on every card, handovers and markers; the demo's
cards carry descriptions of 60–200 characters) and the same board with no cards, starts the real
server (`python wsgi.py`) and, in one run with Playwright and Chromium:

1. **HTML per card**: (canvas page bytes − the cardless board's page bytes) / cards, before
   compression (and gzip -6 for reference); and the card elements alone (the rest of that
   difference is the side panel's lists of the board's markers and handovers).
2. **No scripts** (the baseline): the page's HTML as the server sent it, with every `<script>`
   and `modulepreload` removed, served for the same URL through `page.route` (its CSS and fonts
   come from the server as usual).
3. **Real page**: the same URL with its scripts, until it is interactive and live. The server
   renders the canvas and the reading panel once per board version and serves them to every
   reader after that (app/boards/shared_html.py): each load here is such a next reader (the
   page's bytes were fetched first). `--first-reader` starts the server without that memory
   (SHARED_HTML_MB=0), so that every load pays the whole render, as the first reader after a
   change does.

"Ready" is the same rule for both: the latest of the first contentful paint, DOMContentLoaded's
end, the load event's end, the end of the last main-thread long task (PerformanceObserver
`longtask`, registered before any page script) and, for the real page only, the `bw-live` mark
(live.js sets it when the board's join is acknowledged, i.e. `<body
data-live-status="connected">`). Each repetition uses a fresh browser context (cold cache) and
alternates the two. Medians are printed, with the ratio real / no scripts (the goal: ≤ 1.2), the
same from the first byte on (the routed page has no server render to wait for) and the long
tasks of each.

4. **Live edit**: with one real page open, another client (the JSON API, a bearer token)
   renames a card `edits` times; the page records when the new title appears in the DOM
   (MutationObserver). p50 / p95 of commit-to-DOM in ms (goal: p95 ≤ 250; and of the API's
   answer to the edit alone, the part the server takes before it pushes), and how many
   requests the page made for the activity feed meanwhile (goal: 0; the feed line comes with
   the push); and the reading overlays the page fetched meanwhile (count, median bytes, time
   from request to last byte: the refresh each event costs the server).
"""

import argparse
import gzip
import re
import statistics
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

from bench.common import LiveServer, percentiles, signed_in_page

# Before any page script: keep every long task and the first paint.
INIT = """
window.__bw = { longtasks: [] };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__bw.longtasks.push([e.startTime, e.duration]);
}).observe({ type: "longtask" });
new MutationObserver(() => {
  if (!window.__bw.connected && document.body && document.body.dataset.liveStatus === "connected") {
    window.__bw.connected = performance.now();
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-live-status"] });
"""

# What a page measured about its own load (ms since navigation start).
TIMINGS = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const paint = Object.fromEntries(
    performance.getEntriesByType("paint").map((e) => [e.name, e.startTime]));
  const live = performance.getEntriesByName("bw-live")[0];
  const tasks = window.__bw.longtasks;
  const lastTask = tasks.reduce((end, [start, duration]) => Math.max(end, start + duration), 0);
  return {
    first_byte: nav.responseStart,
    dcl: nav.domContentLoadedEventEnd,
    load: nav.loadEventEnd,
    fcp: paint["first-contentful-paint"] || 0,
    live: live ? live.startTime : (window.__bw.connected || null),
    last_task: lastTask,
    tasks: tasks.length,
    task_ms: tasks.reduce((sum, [, duration]) => sum + duration, 0),
    longest: tasks.reduce((most, [, duration]) => Math.max(most, duration), 0),
  };
}"""

# Record when each card title first appears (a live push replaces the card's element).
WATCH = """() => {
  window.__bw = window.__bw || {};
  window.__bw.seen = {};
  const canvas = document.getElementById("bw-canvas");
  new MutationObserver((records) => {
    const now = performance.timeOrigin + performance.now();
    for (const record of records) {
      for (const node of record.addedNodes) {
        const title = node.querySelector && node.querySelector(".bw-card__title");
        const text = title && title.textContent;
        if (text && !(text in window.__bw.seen)) window.__bw.seen[text] = now;
      }
    }
  }).observe(canvas, { childList: true, subtree: true });
}"""

SCRIPTS = re.compile(
    r"<script\b[^>]*>.*?</script>|<link\b[^>]*rel=\"modulepreload\"[^>]*>", re.S | re.I
)


def seed(server: LiveServer, cards: int) -> dict:
    """Seed the big board and a cardless one of the same shape (bench.render's seed)."""
    from app import create_app  # noqa: PLC0415 (the app only when seeding)
    from app.auth.services import issue_token  # noqa: PLC0415
    from app.config import Config  # noqa: PLC0415
    from app.extensions import db  # noqa: PLC0415
    from app.models import Card, User  # noqa: PLC0415
    from bench.render import seed_board  # noqa: PLC0415

    app = create_app(
        Config,
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{server.database}",
        SOCKETIO_MESSAGE_QUEUE=None,
    )
    with app.test_request_context():
        big = seed_board(cards, "bench@example.nl")
        empty = seed_board(0, "leeg@example.nl")
        # The empty board's owner joins nothing: the same person reads both boards.
        owner = db.session.execute(db.select(User).filter_by(email=big["email"])).scalar_one()
        ids = list(
            db.session.execute(
                db.select(Card.id).filter_by(board_id=big["board_id"]).order_by(Card.id)
            ).scalars()
        )
        seeded = {
            "board": big["board_id"],
            "empty": empty["board_id"],
            "email": big["email"],
            "empty_email": empty["email"],
            "token": issue_token(owner, "bench-client"),
            "cards": ids,
        }
        db.session.remove()
        db.engine.dispose()
    return seeded


def signed_in(browser, url: str, email: str) -> dict:
    """Sign in through the form once; return the context's storage state."""
    from bench.render import PASSWORD  # noqa: PLC0415

    page = signed_in_page(browser, url, (1280, 800), email, PASSWORD)
    state = page.context.storage_state()
    page.context.close()
    return state


def page_bytes(browser, url: str, state: dict, board_id: int) -> bytes:
    context = browser.new_context(base_url=url, storage_state=state)
    response = context.request.get(f"/boards/{board_id}", headers={"Accept-Encoding": "identity"})
    assert response.ok, response.status
    body = response.body()
    context.close()
    return body


def load(browser, url: str, state: dict, board_id: int, static_html: str | None) -> dict:
    """Open the board in a fresh context; with `static_html`, serve that instead of the page."""
    context = browser.new_context(
        base_url=url, storage_state=state, viewport={"width": 1280, "height": 800}
    )
    context.add_init_script(INIT)
    page = context.new_page()
    path = f"{url}/boards/{board_id}"
    if static_html is not None:
        page.route(
            path,
            lambda route: route.fulfill(
                status=200, content_type="text/html; charset=utf-8", body=static_html
            ),
        )
    page.goto(path, wait_until="load")
    if static_html is None:
        page.wait_for_selector("body[data-live-status=connected]", timeout=60_000)
    # Let late work (fetches a script starts, their long tasks) finish: 1 s with no long task.
    page.wait_for_function(
        """() => { const t = window.__bw.longtasks;
                   const last = t.length ? t[t.length - 1] : [0, 0];
                   return performance.now() - (last[0] + last[1]) > 1000; }""",
        polling=100,
        timeout=60_000,
    )
    timings = page.evaluate(TIMINGS)
    context.close()
    marks = [timings["fcp"], timings["dcl"], timings["load"], timings["last_task"]]
    if timings["live"] is not None:
        marks.append(timings["live"])
    timings["ready"] = max(marks)
    # The page served through page.route answers at once; the real one waits for the server's
    # render: from the first byte on, only the browser's work (and the files it fetches) counts.
    timings["after_byte"] = timings["ready"] - timings["first_byte"]
    return timings


def live_edits(browser, url: str, state: dict, seeded: dict, edits: int) -> dict:
    """Rename cards through the API while a page watches; return latencies and feed requests."""
    from bench.common import Api  # noqa: PLC0415

    context = browser.new_context(base_url=url, storage_state=state)
    page = context.new_page()
    feed_requests = []
    page.on("request", lambda r: feed_requests.append(r.url) if "/activity" in r.url else None)
    # The reading overlay each event makes the page fetch: its size and its time (request to end).
    overlays = []
    page.on(
        "requestfinished",
        lambda r: (
            overlays.append((r.sizes()["responseBodySize"], r.timing["responseEnd"]))
            if "/reading/overlay" in r.url
            else None
        ),
    )
    page.goto(f"/boards/{seeded['board']}")
    page.wait_for_selector("body[data-live-status=connected]", timeout=60_000)
    page.wait_for_timeout(1500)
    page.evaluate(WATCH)
    feed_requests.clear()
    overlays.clear()
    api = Api(url, seeded["token"])
    cards = seeded["cards"]
    latencies, answered = [], []
    for number in range(edits):
        card_id = cards[(number * 37) % len(cards)]
        current = api.get(f"/boards/{seeded['board']}/cards/{card_id}").json()
        title = f"Hernoemd {number}: {current['title'][:30]}"
        sent = time.time() * 1000
        answer = api.patch(
            f"/boards/{seeded['board']}/cards/{card_id}",
            json={"version": current["version"], "title": title},
        )
        answered.append(time.time() * 1000 - sent)
        assert answer.ok, answer.text
        page.wait_for_function(
            "(title) => title in window.__bw.seen", arg=title, polling=5, timeout=60_000
        )
        latencies.append(page.evaluate("(title) => window.__bw.seen[title]", title) - sent)
        time.sleep(0.2)
    page.wait_for_timeout(1000)  # a feed fetch, if any, has started by now
    context.close()
    return {
        **percentiles(latencies, (50, 95)),
        "answered": percentiles(answered, (50, 95)),
        "feed_requests": len(feed_requests),
        "overlays": len(overlays),
        "overlay_bytes": statistics.median(size for size, _ in overlays) if overlays else 0,
        "overlay_ms": percentiles([ms for _, ms in overlays], (50, 95)),
    }


def measure(server: LiveServer, seeded: dict, args) -> tuple:
    """Run every measurement against the running server; return (page HTML, the cardless
    board's HTML, the load runs, the live-edit figures)."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 (only this bench needs it)

    with server.log_on_failure(), sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
        state = signed_in(browser, server.url, seeded["email"])
        empty_state = signed_in(browser, server.url, seeded["empty_email"])
        html = page_bytes(browser, server.url, state, seeded["board"])
        empty = page_bytes(browser, server.url, empty_state, seeded["empty"])
        static = SCRIPTS.sub("", html.decode())
        runs = {"static": [], "real": []}
        for _ in range(args.repeat):
            runs["static"].append(load(browser, server.url, state, seeded["board"], static))
            runs["real"].append(load(browser, server.url, state, seeded["board"], None))
        edits = live_edits(browser, server.url, state, seeded, args.edits)
        browser.close()
    return html, empty, runs, edits


class CardSizes(HTMLParser):
    """The length of each card element (`<li class="bw-card …">…</li>`) in a page's HTML."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.text, self.sizes, self._open = text, [], []  # _open: [start offset, li depth]
        self._lines = [0]
        for line in text.splitlines(keepends=True):
            self._lines.append(self._lines[-1] + len(line))
        self.feed(text)

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._lines[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag != "li":
            return
        if self._open:
            self._open[1] += 1
        elif "bw-card" in (dict(attrs).get("class") or "").split():
            self._open = [self._offset(), 0]

    def handle_endtag(self, tag):
        if tag != "li" or not self._open:
            return
        if self._open[1]:
            self._open[1] -= 1
            return
        self.sizes.append(self._offset() + len("</li>") - self._open[0])
        self._open = []


def median_of(runs: list[dict], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def main(argv: list[str] | None = None) -> dict:
    """Measure and print the big board's bytes per card, load times and live-edit latency."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--edits", type=int, default=40)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument(
        "--first-reader", action="store_true", help="no shared HTML: every load renders it all"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="brugwerk-bench-") as folder:
        env = {"SHARED_HTML_MB": "0"} if args.first_reader else None
        server = LiveServer(Path(folder) / "bench.db", env=env)
        server.migrate()
        seeded = seed(server, args.cards)
        server.start()
        try:
            results = measure(server, seeded, args)
        finally:
            server.stop()
    html, empty, runs, edits = results
    per_card = (len(html) - len(empty)) / args.cards
    per_card_gz = (len(gzip.compress(html, 6)) - len(gzip.compress(empty, 6))) / args.cards
    reader = "the first reader (no shared HTML)" if args.first_reader else "a next reader"
    print(
        f"{args.cards}-card board, {args.repeat} loads each as {reader} "
        "(medians, ms since navigation)"
    )
    # The card elements alone (the rest of the difference is the side panel's lists of the
    # board's markers and handovers, which the cardless board does not have either).
    cards = CardSizes(html.decode()).sizes
    print(
        f"HTML: page {len(html):,} B, cardless board {len(empty):,} B -> {per_card:.0f} B per card"
        f" ({per_card_gz:.0f} B gzipped); the {len(cards):,} card elements alone: "
        f"{sum(cards) / max(1, len(cards)):.0f} B each"
    )
    print(
        f"{'page':<11} {'1st byte':>8} {'FCP':>7} {'DCL':>7} {'load':>7} {'live':>7} {'ready':>7} "
        f"{'- 1st b.':>8} {'long tasks':>10} {'their ms':>9} {'longest':>8}"
    )
    for name, label in (("static", "no scripts"), ("real", "real")):
        rows = runs[name]
        live = "" if name == "static" else f"{median_of(rows, 'live'):7.0f}"
        print(
            f"{label:<11} {median_of(rows, 'first_byte'):8.0f} {median_of(rows, 'fcp'):7.0f} "
            f"{median_of(rows, 'dcl'):7.0f} {median_of(rows, 'load'):7.0f} {live:>7} "
            f"{median_of(rows, 'ready'):7.0f} {median_of(rows, 'after_byte'):8.0f} "
            f"{median_of(rows, 'tasks'):10.0f} {median_of(rows, 'task_ms'):9.0f} "
            f"{median_of(rows, 'longest'):8.0f}"
        )
    for key, label in (("ready", "ready"), ("after_byte", "ready after the first byte")):
        pairs = zip(runs["static"], runs["real"], strict=True)
        ratios = ", ".join(f"{r[key] / s[key]:.2f}" for s, r in pairs)
        ratio = median_of(runs["real"], key) / median_of(runs["static"], key)
        print(f"{label}, real / no scripts: {ratio:.2f} (per pair: {ratios})")
    print(
        f"live edit on another open page, {args.edits} edits: p50 {edits['p50']:.0f} ms, "
        f"p95 {edits['p95']:.0f} ms; feed requests meanwhile: {edits['feed_requests']}"
    )
    print(
        f"  of which the API's answer to the edit: p50 {edits['answered']['p50']:.0f} ms, "
        f"p95 {edits['answered']['p95']:.0f} ms"
    )
    took = edits["overlay_ms"]
    print(
        f"reading overlays fetched meanwhile: {edits['overlays']}, "
        f"median {edits['overlay_bytes']:,.0f} B, request to last byte "
        f"p50 {took['p50']:.0f} / p95 {took['p95']:.0f} ms"
    )
    return {"per_card": per_card, "runs": runs, "edits": edits}


if __name__ == "__main__":
    main(sys.argv[1:])
