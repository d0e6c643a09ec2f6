"""Scrolling the 2,000-card board in overzicht: frames per second and long tasks.

    python -m bench.scroll [--cards 2000] [--seconds 4] [--chromium /usr/bin/chromium]

Seeds a board with `--cards` cards (bench.render.seed_database: 12 organisations, markers,
handovers), starts `python wsgi.py`, signs in in Chromium and opens the board in *overzicht* at
1280x800 and 1920x1080. Then, for `--seconds` per direction, it scrolls the canvas frame one step
per animation frame (down, then up; sideways too where the canvas is wider than its frame) while a
PerformanceObserver counts long tasks and a requestAnimationFrame counter counts frames. Every
card stays in the page (no virtualisation). Target (issue 12): ~60 frames/s, no long task > 50 ms.
"""

import argparse
import statistics
import sys
import tempfile
from functools import partial
from pathlib import Path

from bench.common import LiveServer, measure_in_chromium
from bench.render import PASSWORD, seed_database

VIEWPORTS = {"1280x800": (1280, 800), "1920x1080": (1920, 1080)}
OVERZICHT = "localStorage.setItem('brugwerk:density', 'overzicht')"  # before density-init.js
STEP = 24  # px per frame: 1,440 px/s at 60 frames/s, a brisk wheel or trackpad scroll

# Scroll the frame one step per animation frame for `seconds` each way; meanwhile count frames,
# their gaps and the long tasks (the browser reports every task over 50 ms).
MEASURE = """async ([seconds, step]) => {
    const frame = document.querySelector('.bw-canvas-scroll');
    const tasks = [];
    const observer = new PerformanceObserver((list) => {
        list.getEntries().forEach((entry) => tasks.push(entry.duration));
    });
    observer.observe({ type: 'longtask' });
    const gaps = [];
    const run = (dx, dy) => new Promise((done) => {
        const start = performance.now();
        let last = start;
        const tick = (now) => {
            gaps.push(now - last);
            last = now;
            frame.scrollBy(dx, dy);
            if (now - start < seconds * 1000) requestAnimationFrame(tick); else done();
        };
        requestAnimationFrame(tick);
    });
    await new Promise((done) => setTimeout(done, 500));  // let the page settle first
    const started = performance.now();
    await run(0, step);
    await run(0, -step);
    if (frame.scrollWidth > frame.clientWidth) {
        await run(step, 0);
        await run(-step, 0);
    }
    const elapsed = (performance.now() - started) / 1000;
    await new Promise((done) => setTimeout(done, 100));  // the last entries arrive late
    observer.disconnect();
    return {
        frames: gaps.length, seconds: elapsed, gaps: gaps.slice(1),
        tasks: tasks, cards: document.querySelectorAll('#bw-canvas li.bw-card').length,
        height: frame.scrollHeight, sideways: frame.scrollWidth > frame.clientWidth,
    };
}"""


def measure(page, seconds: float) -> dict:
    """Scroll the open board's canvas and return frames/s, frame gaps and long tasks."""
    raw = page.evaluate(MEASURE, [seconds, STEP])
    gaps = sorted(raw["gaps"])
    return {
        "cards": raw["cards"],
        "scroll_height": raw["height"],
        "sideways": raw["sideways"],
        "fps": raw["frames"] / raw["seconds"],
        "frame_p95": gaps[int(0.95 * (len(gaps) - 1))] if gaps else float("nan"),
        "frame_max": gaps[-1] if gaps else float("nan"),
        "frame_mean": statistics.fmean(gaps) if gaps else float("nan"),
        "longest_task": max(raw["tasks"], default=0.0),
        "long_tasks": len(raw["tasks"]),
    }


def run(url: str, email: str, board_id: int, chromium: str, seconds: float) -> dict[str, dict]:
    """Sign in, open the board in overzicht at each viewport and measure a scroll."""
    return measure_in_chromium(
        chromium,
        url,
        VIEWPORTS,
        (email, PASSWORD),
        f"/boards/{board_id}",
        partial(measure, seconds=seconds),
        init=OVERZICHT,
    )


def main(argv: list[str] | None = None) -> dict[str, dict]:
    """Seed a big board, measure the scroll at each viewport and print the numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=4.0, help="per direction")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="brugwerk-bench-") as folder:
        server = LiveServer(Path(folder) / "bench.db")
        seed = partial(seed_database, server.env["DATABASE_URL"], args.cards)
        with server.prepared(seed) as seeded:
            results = run(
                server.url, seeded["email"], seeded["board_id"], args.chromium, args.seconds
            )
    print(f"scrolling a {args.cards}-card board in overzicht, {STEP} px per frame (ms)")
    print(
        f"{'viewport':<10} {'cards':>6} {'frames/s':>9} {'frame p95':>10} {'frame max':>10} "
        f"{'longest task':>13} {'tasks>50ms':>11}"
    )
    for label, row in results.items():
        print(
            f"{label:<10} {row['cards']:>6} {row['fps']:9.1f} {row['frame_p95']:10.1f} "
            f"{row['frame_max']:10.1f} {row['longest_task']:13.1f} {row['long_tasks']:>11}"
        )
    return results


if __name__ == "__main__":
    main(sys.argv[1:])
