"""Every internal link, anchor and image of the built site resolves, in both languages; pages stay light."""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import pytest
from bs4 import BeautifulSoup

MAX_PAGE_WEIGHT = 1_000_000  # bytes transferred: the HTML, its images, scripts and styles
TEXT = {".html", ".css", ".js", ".svg", ".json", ".xml"}  # served gzip-compressed (GitHub Pages does)


def transferred(path: Path) -> int:
    data = path.read_bytes()
    return len(gzip.compress(data, 6, mtime=0)) if path.suffix in TEXT else len(data)


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html") if "search" not in p.parts)


def _resolve(site: Path, page: Path, href: str) -> tuple[Path, str]:
    url, fragment = urldefrag(href)
    path = unquote(urlparse(url).path)
    target = (site / path.lstrip("/")) if path.startswith("/") else (page.parent / path) if path else page
    if target.is_dir() or path.endswith("/"):
        target = target / "index.html"
    return target.resolve(), fragment


@pytest.fixture(scope="module")
def parsed(built_site):
    return {page: BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser") for page in _pages(built_site)}


def test_no_broken_internal_links_anchors_or_images(built_site, parsed):
    broken, checked = [], 0
    ids = {page: {el.get("id") for el in soup.select("[id]")} | {a.get("name") for a in soup.select("a[name]")}
           for page, soup in parsed.items()}
    for page, soup in parsed.items():
        refs = [(a["href"], "a") for a in soup.select("a[href]")] + [(i["src"], "img") for i in soup.select("img[src]")]
        refs += [(s["src"], "script") for s in soup.select("script[src]")] + [(l["href"], "link") for l in soup.select("link[href]")]
        for href, kind in refs:
            if urlparse(href).scheme in ("http", "https", "mailto", "data") or href.startswith("//"):
                continue
            target, fragment = _resolve(built_site, page, href)
            checked += 1
            if not target.is_file():
                broken.append(f"{page.relative_to(built_site)}: {kind} {href}")
            elif fragment and target.suffix == ".html" and target in ids and fragment not in ids[target]:
                broken.append(f"{page.relative_to(built_site)}: anchor {href}")
    assert checked > 500
    assert broken == [], "\n".join(broken[:40])


CSS_URL = re.compile(r"""url\(\s*["']?([^)"']+?)["']?\s*\)""")
CSS_IMPORT = re.compile(r"""@import\s+["']([^"']+)["']""")


def css_references(css: str) -> list[str]:
    """What a stylesheet loads: every ``url(...)`` (fonts, images) and ``@import``, comments left out."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    return CSS_URL.findall(css) + CSS_IMPORT.findall(css)


def test_css_references_are_read_from_url_and_import():
    css = '@font-face{src:url(fonts/A.woff2) format("woff2"),url("fonts/A.woff")}/* url(gone.ttf) */@import "x.css";'
    assert css_references(css) == ["fonts/A.woff2", "fonts/A.woff", "x.css"]


def test_every_file_a_stylesheet_references_exists(built_site):
    """Fonts and images named inside the site's CSS (KaTeX's fonts, Material's, ours) resolve to shipped files."""
    broken, checked = [], 0
    sheets = sorted(built_site.rglob("*.css"))
    for sheet in sheets:
        for ref in css_references(sheet.read_text(encoding="utf-8")):
            if urlparse(ref).scheme in ("http", "https", "data") or ref.startswith(("//", "#")):
                continue
            checked += 1
            path = unquote(urlparse(ref).path)
            target = (built_site / path.lstrip("/")) if path.startswith("/") else sheet.parent / path
            if not target.resolve().is_file():
                broken.append(f"{sheet.relative_to(built_site)}: url({ref})")
    katex = [s for s in sheets if s.name == "katex.min.css"]
    assert katex and all("woff2" in s.read_text(encoding="utf-8") for s in katex)
    assert checked >= 20  # KaTeX alone names 20 fonts
    assert broken == [], f"{len(broken)} broken:\n" + "\n".join(broken[:40])


def test_external_links_are_only_in_text_never_loaded(built_site, parsed):
    for page, soup in parsed.items():
        loaded = [el.get("src") or el.get("href") for el in soup.select("script[src], img[src], link[rel=stylesheet], iframe")]
        foreign = [u for u in loaded if u and (urlparse(u).scheme in ("http", "https") or u.startswith("//"))]
        assert foreign == [], f"{page.relative_to(built_site)} loads {foreign}"


def test_page_weight_and_report_the_heaviest(built_site, parsed, capsys):
    weights = {}
    for page, soup in parsed.items():
        assets = {page}
        for el in soup.select("img[src], script[src], link[rel=stylesheet]"):
            ref = el.get("src") or el.get("href")
            if urlparse(ref).scheme:
                continue
            target, _ = _resolve(built_site, page, ref)
            if target.is_file():
                assets.add(target)
        weights[page.relative_to(built_site).as_posix()] = (sum(transferred(a) for a in assets),
                                                            sum(a.stat().st_size for a in assets))
    heaviest = sorted(weights.items(), key=lambda kv: -kv[1][0])[:5]
    with capsys.disabled():
        print("\nheaviest pages (HTML + images + scripts + styles): transferred with gzip / uncompressed")
        for name, (gz, raw) in heaviest:
            print(f"  {gz / 1e6:5.2f} MB / {raw / 1e6:5.2f} MB  {name}")
    assert heaviest[0][1][0] <= MAX_PAGE_WEIGHT, heaviest[0]
    assert max(raw for _, raw in weights.values()) <= 3 * MAX_PAGE_WEIGHT  # even uncompressed, no page is huge


def test_katex_css_is_rewritten_to_the_fonts_that_ship():
    from tfnotes.site.katex_fonts import ship_only

    css = ('@font-face{font-family:A;src:url(fonts/A.woff2) format("woff2"),url(fonts/A.woff) format("woff"),'
           'url(fonts/A.ttf) format("truetype")}.katex{font:normal 1.21em KaTeX_Main}')
    out = ship_only(css, lambda url: url.endswith(".woff2"))
    assert out == '@font-face{font-family:A;src:url(fonts/A.woff2) format("woff2")}.katex{font:normal 1.21em KaTeX_Main}'
    assert ship_only(out, lambda url: url.endswith(".woff2")) == out  # idempotent: set-up may run it twice
    with pytest.raises(ValueError, match="no shipped file"):
        ship_only(css, lambda url: False)
