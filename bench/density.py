"""Main-thread time to switch the canvas density and to enter presenting, on the demo board.

    python -m bench.density [--repeat 10] [--chromium /usr/bin/chromium]

Starts `python wsgi.py` on the demo data, signs in as the demo coordinator in Chromium and, at
1280x800 and 1920x1080, clicks each control many times. Per click it measures with the Performance
API: `sync` = the click's handler plus the style and layout it causes (forced at once), and
`frame` = from the click until the next frame has been produced. The target is < 100 ms.
"""

import argparse
import statistics
import sys
import tempfile
from functools import partial
from pathlib import Path

from bench.common import LiveServer, measure_in_chromium

EMAIL, PASSWORD = "regisseur@voorbeeld.nl", "brugwerk-demo"  # app/demo/services.py
VIEWPORTS = {"1280x800": (1280, 800), "1920x1080": (1920, 1080)}
# (name, control clicked, control that switches back): each pair runs `repeat` times.
SWITCHES = [
    ("normaal -> overzicht", 'button[data-density="overzicht"]', 'button[data-density="normaal"]'),
    ("overzicht -> normaal", 'button[data-density="normaal"]', 'button[data-density="overzicht"]'),
    ("normaal -> groot", 'button[data-density="groot"]', 'button[data-density="normaal"]'),
    ("enter presenting", "#bw-present-toggle", "#bw-present-toggle"),
]

# Click `on`, force style and layout, wait for the next frame; then switch back the same way.
MEASURE = """async ([on, off, repeat]) => {
    const frame = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
    const click = async (selector) => {
        const start = performance.now();
        document.querySelector(selector).click();
        document.body.getBoundingClientRect();
        const sync = performance.now() - start;
        await frame();
        return [sync, performance.now() - start];
    };
    const samples = [];
    for (let i = 0; i < repeat; i += 1) {
        samples.push(await click(on));
        await click(off);
        await frame();
    }
    return samples;
}"""


def measure(page, repeat: int) -> list[tuple]:
    """Return (switch, median sync, max sync, median frame, max frame) in ms per switch."""
    rows = []
    for name, on, off in SWITCHES:
        samples = page.evaluate(MEASURE, [on, off, repeat])
        sync, frame = [s[0] for s in samples], [s[1] for s in samples]
        rows.append(
            (name, statistics.median(sync), max(sync), statistics.median(frame), max(frame))
        )
    return rows


def run(url: str, chromium: str, repeat: int) -> dict[str, list[tuple]]:
    """Sign in, open the demo board at each viewport and measure every switch."""
    return measure_in_chromium(
        chromium, url, VIEWPORTS, (EMAIL, PASSWORD), "/boards/1", partial(measure, repeat=repeat)
    )


def main(argv: list[str] | None = None) -> dict[str, list[tuple]]:
    """Measure and print the main-thread time of each switch at each viewport."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="brugwerk-bench-") as folder:
        server = LiveServer(Path(folder) / "bench.db")
        with server.prepared(server.demo):
            results = run(server.url, args.chromium, args.repeat)
    print(f"density and presenting on the demo board, {args.repeat} clicks each (ms)")
    print(
        f"{'viewport':<10} {'switch':<22} {'sync p50':>9} {'sync max':>9} {'frame p50':>10} "
        f"{'frame max':>10}"
    )
    for label, rows in results.items():
        for name, sync_mid, sync_max, frame_mid, frame_max in rows:
            print(
                f"{label:<10} {name:<22} {sync_mid:9.1f} {sync_max:9.1f} {frame_mid:10.1f} "
                f"{frame_max:10.1f}"
            )
    return results


if __name__ == "__main__":
    main(sys.argv[1:])
