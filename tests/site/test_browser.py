"""Every page in a real browser, in both languages: loads cleanly, stays on its own origin, shows its
images and math, switches language in place, works in both palettes, copies code that runs, passes axe,
and stays light (search: test_search.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from urllib.parse import urlparse

import pytest

from tests.site.test_build import PAGES

pytestmark = pytest.mark.browser
ALL = [prefix + url for url in PAGES for prefix in ("", "en/")]
MAX_PAGE_BYTES = 1_000_000


def visit(browser, site_url, path, *, color_scheme="light", wait="networkidle"):
    """Open a page and record what happened: console errors, failed and off-origin requests, bytes."""
    context = browser.new_context(color_scheme=color_scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    record = {"console": [], "failed": [], "foreign": [], "bytes": 0, "status": None}
    origin = urlparse(site_url).netloc
    page.on("console", lambda m: m.type == "error" and record["console"].append(m.text))
    page.on("pageerror", lambda e: record["console"].append(str(e)))
    page.on("requestfailed", lambda r: record["failed"].append(r.url))

    def on_response(response):
        if urlparse(response.url).netloc not in (origin, ""):
            record["foreign"].append(response.url)
        if response.status >= 400:
            record["failed"].append(f"{response.status} {response.url}")
        try:
            record["bytes"] += len(response.body())
        except Exception:  # redirects and aborted requests have no body
            pass

    page.on("response", on_response)
    inflight = record["inflight"] = set()
    page.on("request", lambda r: inflight.add(r))
    page.on("requestfinished", lambda r: inflight.discard(r))
    page.on("requestfailed", lambda r: inflight.discard(r))
    page.on("request", lambda r: urlparse(r.url).netloc not in (origin, "") and r.url.startswith("http")
            and record["foreign"].append(r.url))
    response = page.goto(site_url + path, wait_until=wait)
    record["status"] = response.status
    return context, page, record


def quiet(page, inflight, window_ms=150, timeout_ms=10_000):
    """Wait until no request of the page has been in flight for ``window_ms``: Playwright's "networkidle" waits
    for a fixed 500 ms of silence, which on fifty pages is most of a minute."""
    waited = still = 0
    while still < window_ms:
        page.wait_for_timeout(25)
        waited += 25
        still = still + 25 if not inflight else 0
        if waited > timeout_ms:
            raise TimeoutError(f"requests still in flight after {timeout_ms} ms: {[r.url for r in inflight]}")


def settle(page, record):
    """Load every image now, lazy ones included, and wait until each has loaded or failed (KaTeX renders
    synchronously on load); then let the network go quiet."""
    # Switching an image from lazy to eager starts its download at once: the images load in parallel, without
    # scrolling through the page (which also made Material hide and fade back in its tabs).
    page.evaluate("""() => Promise.all([...document.querySelectorAll("article img")].map(img => {
        img.loading = "eager";
        if (img.complete && img.naturalWidth > 0) return null;
        return Promise.race([img.decode().catch(() => {}), new Promise(r => setTimeout(r, 5000))]);
    }))""")
    quiet(page, record["inflight"])
    page.wait_for_function("""() => [...document.querySelectorAll('.md-tabs__link')].every(
        a => parseFloat(getComputedStyle(a).opacity) >= 0.89 && !a.closest('[hidden]'))""", timeout=5000)


@pytest.mark.parametrize("path", ALL)
def test_page_loads_cleanly_is_accessible_and_light(browser, site_url, path):
    """One visit per page: status, console, requests, images, math, weight, then axe."""
    from axe_playwright_python.sync_playwright import Axe

    context, page, record = visit(browser, site_url, path, wait="load")  # settle() waits for the network
    try:
        settle(page, record)
        assert record["status"] == 200
        assert record["console"] == [], f"console errors: {record['console']}"
        assert record["failed"] == [], f"failed requests: {record['failed']}"
        assert record["foreign"] == [], f"requests to other origins: {record['foreign']}"
        lang = "en" if path.startswith("en/") else "ko"
        images = page.eval_on_selector_all(
            "article img", "els => els.map(e => [e.currentSrc, e.naturalWidth, e.getAttribute('alt') || ''])")
        for src, width, alt in images:
            assert width > 0, f"image did not load: {src}"
            assert alt.strip(), f"image without alt text: {src}"
            has_hangul = bool(re.search("[가-힣]", alt))
            assert has_hangul == (lang == "ko"), f"alt text not in {lang}: {alt[:60]}"
        text = page.inner_text("article")
        assert not re.search(r"\$\$|\\\(|\\\[|\\frac|\\sum", text), "raw TeX left visible"
        assert page.locator("article .katex").count() >= (1 if "$" in _source(path) else 0)
        assert page.locator("article .katex-error").count() == 0
        assert record["bytes"] <= 3 * MAX_PAGE_BYTES, f"{path}: {record['bytes']:,} bytes (uncompressed)"  # gzip budget: test_links
        violations = Axe().run(page).response["violations"]
        serious = [(v["id"], v["impact"], len(v["nodes"])) for v in violations if v["impact"] in ("serious", "critical")]
        assert serious == [], f"{path}: accessibility violations {serious}"
    finally:
        context.close()


def _source(path: str) -> str:
    from pathlib import Path

    docs = Path(__file__).resolve().parents[2] / "docs"
    lang = "en" if path.startswith("en/") else "ko"
    rel = path.removeprefix("en/").rstrip("/") or "index"
    for candidate in (docs / f"{rel}.{lang}.md", docs / f"{rel}/index.{lang}.md", docs / f"{rel}.{lang}.ipynb"):
        if candidate.exists():
            return candidate.read_text(encoding="utf-8")
    raise FileNotFoundError(path)


@pytest.mark.parametrize("path", ["kmeans/lloyd/", "kmeans/real-data/", "kmeans/walkthrough/", ""])
def test_language_switcher_goes_to_the_same_page(browser, site_url, path):
    context, page, _ = visit(browser, site_url, path, wait="load")
    try:
        page.locator(".md-header__option .md-select").hover()
        page.locator('.md-select__link[hreflang="en"]').first.click()
        page.wait_for_url(site_url + "en/" + path, wait_until="load", timeout=10_000)
        assert page.locator("html").get_attribute("lang") == "en"
        page.locator(".md-header__option .md-select").hover()
        page.locator('.md-select__link[hreflang="ko"]').first.click()
        page.wait_for_url(site_url + path, wait_until="load", timeout=10_000)
        assert page.locator("html").get_attribute("lang") == "ko"
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_figures_sit_on_white_in_both_palettes(browser, site_url, scheme, screenshot_dir):
    context, page, _ = visit(browser, site_url, "kmeans/lloyd/", color_scheme=scheme)
    try:
        assert page.locator("body").get_attribute("data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
        backgrounds = page.eval_on_selector_all("figure.tfn-figure img", "els => els.map(e => getComputedStyle(e).backgroundColor)")
        assert backgrounds and set(backgrounds) == {"rgb(255, 255, 255)"}
        page.screenshot(path=str(screenshot_dir / f"lloyd-{scheme}.png"))
    finally:
        context.close()


def test_copy_button_copies_a_snippet_that_runs(browser, site_url, root):
    context, page, _ = visit(browser, site_url, "kmeans/real-data/")
    try:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
        block = page.locator(".highlight", has=page.locator('span.filename:has-text("snippets/kmeans_penguins.py")')).first
        block.hover()
        block.locator("button.md-code__button[data-clipboard-target]").click()
        copied = page.evaluate("navigator.clipboard.readText()")
    finally:
        context.close()
    assert copied.strip() == (root / "snippets" / "kmeans_penguins.py").read_text().strip()
    proc = subprocess.run([sys.executable, "-c", copied], cwd=root, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-1500:]
    assert re.search(r"standardised: ARI = 0\.[7-9]\d\d", proc.stdout), proc.stdout


@pytest.mark.parametrize("path,lang", [("rnn/bptt/", "ko"), ("en/rnn/bptt/", "en"), ("kmeans/lloyd/", "ko"),
                                       ("en/kmeans/lloyd/", "en")])
def test_glossary_tooltip_on_hover_and_on_keyboard_focus(browser, site_url, path, lang):
    """A glossary term on a chapter page shows its definition, in the page's language, when the pointer rests on it
    and when the keyboard reaches it (Tab), and hides it again; never on a term inside code, headings or maths."""
    from tfnotes.glossary import terms

    definitions = {t.definition(lang) for t in terms()}
    context, page, record = visit(browser, site_url, path)
    try:
        terms_on_page = page.locator("article abbr.tfn-term")
        assert terms_on_page.count() >= 5
        assert page.locator("article :is(h1, h2, h3, h4, code, pre, .arithmatex, a) abbr.tfn-term").count() == 0
        term = terms_on_page.nth(1)
        tooltip = page.locator(".md-tooltip2--active .md-tooltip2__inner")
        term.hover()
        tooltip.wait_for(state="visible", timeout=3000)
        shown = tooltip.inner_text().strip()
        assert shown in definitions and (bool(re.search("[가-힣]", shown)) == (lang == "ko"))
        page.mouse.move(0, 0)
        tooltip.wait_for(state="hidden", timeout=3000)
        # Keyboard: focus the element before the term, then Tab onto the term itself.
        terms_on_page.nth(0).focus()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.classList.contains('tfn-term')")
        tooltip.wait_for(state="visible", timeout=3000)
        assert tooltip.inner_text().strip() in definitions
        assert record["console"] == []
    finally:
        context.close()


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_math_in_a_heading_is_rendered_in_the_table_of_contents(browser, site_url, prefix):
    context, page, record = visit(browser, site_url, prefix + "rnn/vanishing/")
    try:
        toc = page.locator(".md-content ~ .md-sidebar--secondary .md-nav--secondary, .md-sidebar--secondary .md-nav--secondary").first
        assert "\\(" not in toc.inner_text()
        assert toc.locator(".katex").count() >= 1
        assert record["console"] == []
    finally:
        context.close()
