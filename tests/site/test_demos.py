"""What every in-browser demo must do, whatever it shows: be wired everywhere (data module, script, UI text,
a page in each language), export finite, cached, byte-stable data, speak the page's language, stay within its
weight budget, leave the static figure and a note when JavaScript is off, and pass axe in both palettes.
What each demo computes is checked against the package in its own test file (tests/site/test_demo_*.py)."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import numpy as np
import pytest

from tfnotes import demos
from tfnotes.demos.strings import STRINGS
from tfnotes.figures.strings import LANGS
from tfnotes.site.demos import PAGES as DEMO_PAGES  # demo -> its page (the same path in both languages)

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "docs" / "assets" / "javascripts" / "demos"
BUDGET_GZIP = 100_000  # bytes: a demo's code and data on its page


def page_url(site_url: str, name: str, lang: str) -> str:
    return site_url + ("en/" if lang == "en" else "") + DEMO_PAGES[name]


def open_demo(browser, site_url: str, name: str, lang: str, *, color_scheme: str = "light"):
    """The demo's page with the demo ready; returns (context, page, console errors list)."""
    context = browser.new_context(color_scheme=color_scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(page_url(site_url, name, lang), wait_until="load")  # ready() below waits for the demo's data
    page.evaluate(f"() => window.tfnotes.demo.ready({json.dumps(name)})")
    return context, page, errors


def test_every_demo_is_wired_everywhere():
    assert set(DEMO_PAGES) == set(demos.DEMOS)
    for name in demos.DEMOS:
        assert demos.module(name).startswith("tfnotes.demos.")
        assert (ROOT / "src" / "tfnotes" / "demos" / f"{name}.toml").exists(), name
        assert (SCRIPTS / f"{name}.js").exists(), name
        assert name in STRINGS and "title" in STRINGS[name], name
        rel = DEMO_PAGES[name].rstrip("/")
        for lang in LANGS:
            page = ROOT / "docs" / f"{rel}.{lang}.md"
            assert f"[[demo {name}]]" in page.read_text(encoding="utf-8"), f"{page} does not show demo {name}"


def test_every_ui_string_has_every_language():
    for demo, table in STRINGS.items():
        for key, text in table.items():
            assert set(text) == set(LANGS), f"{demo}.{key}: {sorted(text)}"
            assert all(text[lang].strip() for lang in LANGS), f"{demo}.{key} is empty in a language"
            if text["ko"] != text["en"]:  # symbols such as "k" or "T" are the same in both languages
                assert re.search("[가-힣]", text["ko"]), f"{demo}.{key}: the Korean text has no Hangul"
            assert not re.search("[가-힣]", text["en"]), f"{demo}.{key}: the English text has Hangul"


def test_every_ui_key_a_script_asks_for_exists():
    for script in SCRIPTS.glob("*.js"):
        name = script.stem
        keys = set(re.findall(r"""\bt\(\s*["']([\w.-]+)["']\s*\)""", script.read_text(encoding="utf-8")))
        known = set(STRINGS["common"]) | set(STRINGS.get(name, {}))
        assert keys <= known, f"{script.name} asks for UI text that STRINGS lacks: {sorted(keys - known)}"


def test_export_names_what_is_not_finite_json():
    assert demos.dumps("x", {"a": [1.5, np.float64(2.0)], "b": np.arange(3)}) == b'{"a":[1.5,2.0],"b":[0,1,2]}'
    with pytest.raises(demos.DemoError, match=r"demo 'x': nan at \.w\[1\]\[0\] is not a finite number"):
        demos.dumps("x", {"w": [[1.0], [float("nan")]]})
    with pytest.raises(demos.DemoError, match=r"demo 'x': inf at \.v is not a finite number"):
        demos.dumps("x", {"v": np.inf})
    with pytest.raises(demos.DemoError, match=r"demo 'x': set at \.s is not JSON"):
        demos.dumps("x", {"s": {1, 2}})
    with pytest.raises(demos.DemoError, match="unknown demo 'nope'"):
        demos.export("nope")


def test_floats_reach_the_browser_bit_for_bit():
    x = np.random.default_rng(0).standard_normal(1000)
    back = np.array(json.loads(demos.dumps("x", {"x": x}))["x"])
    assert np.array_equal(back, x)


def test_export_is_cached_keyed_and_byte_stable(tmp_path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    done, _ = demos.export_all(out, cache)
    assert done == list(demos.DEMOS)
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    assert sorted(first) == sorted(demos.filename(n) for n in demos.DEMOS)
    assert demos.stale(out, cache) == []
    assert demos.export_all(out, cache)[0] == []  # warm: nothing exported
    for name in demos.DEMOS:  # a fresh export gives the same bytes
        assert demos.dumps(name, demos.export(name)) == first[demos.filename(name)]
    manifest = json.loads((cache / demos.MANIFEST).read_text())
    manifest[demos.DEMOS[0]] = "an old key"
    (cache / demos.MANIFEST).write_text(json.dumps(manifest))
    assert demos.stale(out, cache) == [demos.DEMOS[0]]


def test_each_demo_page_stays_within_its_budget(built_site):
    for name in demos.DEMOS:
        files = [built_site / "assets/javascripts/demos/common.js", built_site / f"assets/javascripts/demos/{name}.js",
                 built_site / f"assets/demos/{name}.json"]
        size = sum(len(gzip.compress(f.read_bytes(), 9)) for f in files)
        assert size <= BUDGET_GZIP, f"demo {name}: {size:,} bytes gzip of code and data"


def test_the_page_embeds_the_ui_text_of_its_language(built_site):
    for name in demos.DEMOS:
        for lang in LANGS:
            html = (built_site / ("en/" if lang == "en" else "") / DEMO_PAGES[name] / "index.html").read_text()
            table = re.search(rf'id="demo-{name}".*?<script type="application/json" class="tfn-demo__strings">(.*?)</script>',
                              html, re.S)
            assert table, f"{lang} {name}: no demo root"
            assert json.loads(table.group(1))["title"] == STRINGS[name]["title"][lang]


@pytest.mark.browser
def test_without_javascript_the_figure_and_a_note_remain(browser, site_url):
    for name in demos.DEMOS:
        for lang in LANGS:
            context = browser.new_context(java_script_enabled=False)
            page = context.new_page()
            try:
                page.goto(page_url(site_url, name, lang), wait_until="load")
                assert not page.locator(f"#demo-{name}").is_visible()
                note = page.locator(".tfn-demo__noscript")
                assert note.is_visible() and note.inner_text() == STRINGS["common"]["noscript"][lang]
                assert page.locator("article figure.tfn-figure img").count() >= 1
            finally:
                context.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_demos_speak_the_page_language_and_pass_axe(browser, site_url, scheme, screenshot_dir):
    from axe_playwright_python.sync_playwright import Axe

    for name in demos.DEMOS:
        for lang in LANGS:
            context, page, errors = open_demo(browser, site_url, name, lang, color_scheme=scheme)
            try:
                root = page.locator(f"#demo-{name}")
                assert root.is_visible() and root.get_attribute("data-ready") == "true"
                text = root.inner_text()
                hangul = re.findall("[가-힣]+", text)
                assert bool(hangul) == (lang == "ko"), f"{lang} {name}: demo text {text[:120]!r}"
                root.screenshot(path=str(screenshot_dir / f"demo-{name}-{lang}-{scheme}.png"))
                assert errors == [], f"{lang} {name}: console errors {errors}"
                violations = Axe().run(page, context=f"#demo-{name}").response["violations"]
                serious = [(v["id"], len(v["nodes"])) for v in violations if v["impact"] in ("serious", "critical")]
                assert serious == [], f"{lang} {name} ({scheme}): accessibility violations {serious}"
            finally:
                context.close()
