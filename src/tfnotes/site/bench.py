"""``python -m tfnotes.site.bench``: how long a reader waits for each in-browser demo, in headless Chromium.

Builds the site (strict) into a temporary folder unless ``--site`` names a build, serves it on 127.0.0.1 and opens
every demo page in both languages ``--repeats`` times, each in a fresh browser context (nothing cached). Prints,
per page, the median milliseconds from the start of navigation to DOMContentLoaded, to the load event, and to the
moment the demo's first state is drawn (the ``tfnotes:demo-ready:<name>`` performance mark that
``docs/assets/javascripts/demos/common.js`` sets), and the bytes of the demo's code and data (raw and gzip).
A command that prints figures, never a timed test: the numbers depend on the machine.
Needs the test packages (Playwright) and Debian's Chromium: ``make test`` installs them.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from tfnotes.demos import DEMOS
from tfnotes.site.demos import PAGES
# Flags for a closed network: no background connections that would be refused and logged (the browser tests use them too).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"  # Debian's package (make setup-test installs it)
ROOT = Path(__file__).resolve().parents[3]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static file server that logs nothing (the benchmark's and the tests' output stay readable)."""

    def log_message(self, *args):
        pass


def _build(into: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(into)],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit("mkdocs build --strict failed:\n" + (proc.stdout + proc.stderr)[-3000:])


def _weights(site: Path, name: str) -> tuple[int, int]:
    files = [site / "assets/javascripts/demos/common.js", site / f"assets/javascripts/demos/{name}.js",
             site / f"assets/demos/{name}.json"]
    raw = [f.read_bytes() for f in files]
    return sum(map(len, raw)), sum(len(gzip.compress(b, 9)) for b in raw)


def _timings(browser, url: str, name: str) -> tuple[float, float, float]:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        page.evaluate(f"() => window.tfnotes.demo.ready({name!r})")
        nav = page.evaluate("() => performance.getEntriesByType('navigation')[0].toJSON()")
        ready = page.evaluate(f"() => performance.getEntriesByName('tfnotes:demo-ready:{name}')[0].startTime")
        return nav["domContentLoadedEventEnd"], nav["loadEventEnd"], ready
    finally:
        context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tfnotes.site.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one into a temporary folder)")
    parser.add_argument("--repeats", type=int, default=5, help="page loads per page and language (median)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp) / "site"
        if args.site is None:
            _build(site)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        print(f"{'demo':<9} {'page':<20} {'lang':<4} {'DOM ready':>10} {'load':>8} {'demo drawn':>11} "
              f"{'code+data':>10} {'gzip':>8}")
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
                for name in DEMOS:
                    raw, packed = _weights(site, name)
                    for lang in ("ko", "en"):
                        url = base + ("en/" if lang == "en" else "") + PAGES[name]
                        runs = [_timings(browser, url, name) for _ in range(args.repeats)]
                        dom, load, ready = (statistics.median(r[i] for r in runs) for i in range(3))
                        print(f"{name:<9} {PAGES[name]:<20} {lang:<4} {dom:>8.0f}ms {load:>6.0f}ms {ready:>9.0f}ms "
                              f"{raw / 1000:>8.1f}kB {packed / 1000:>6.1f}kB")
                browser.close()
        finally:
            server.shutdown()
    print(f"medians of {args.repeats} loads each, fresh browser context per load, served from 127.0.0.1")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
