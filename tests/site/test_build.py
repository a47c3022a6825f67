"""The built site: strict build, both languages, images that resolve, notebooks rendered as HTML."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from bs4 import BeautifulSoup

DOCS = Path(__file__).resolve().parents[2] / "docs"


def page_urls() -> list[str]:
    """Site paths of every Korean page (the English twin is the same path under en/)."""
    urls = []
    for src in sorted(DOCS.rglob("*.ko.*")):
        if src.suffix not in (".md", ".ipynb"):
            continue
        rel = src.relative_to(DOCS).as_posix().replace(".ko" + src.suffix, "")
        rel = rel[: -len("index")] if rel.endswith("index") else rel + "/"
        urls.append(rel)
    return urls


PAGES = page_urls()


def html(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("url", PAGES)
def test_page_is_built_in_both_languages_with_its_language_set(built_site, url):
    for prefix, lang in (("", "ko"), ("en/", "en")):
        soup = html(built_site, prefix + url)
        assert soup.html["lang"] == lang
        assert soup.select_one("article h1"), f"{prefix + url} has no H1"


@pytest.mark.parametrize("url", PAGES)
def test_language_switcher_points_at_the_same_page(built_site, url):
    soup = html(built_site, url)
    targets = {a.get("hreflang"): a["href"] for a in soup.select(".md-select__link")}
    assert set(targets) >= {"ko", "en"}
    resolved = urlparse(targets["en"]).path
    assert resolved.rstrip("/").endswith(("en/" + url).rstrip("/")), f"{url}: switcher goes to {resolved}"


@pytest.mark.parametrize("url", PAGES)
def test_every_image_resolves_to_a_file_and_has_alt_text(built_site, url):
    for prefix in ("", "en/"):
        page_dir = built_site / prefix / url
        for img in html(built_site, prefix + url).select("article img"):
            src = unquote(img["src"])
            if src.startswith("data:"):
                continue
            assert not urlparse(src).scheme, f"{prefix + url}: off-site image {src}"
            target = (page_dir / src).resolve()
            assert target.is_file(), f"{prefix + url}: broken image {src}"
            assert img.get("alt", "").strip(), f"{prefix + url}: image {src} without alt text"


def test_figures_differ_between_languages_and_carry_translated_captions(built_site):
    pairs = list((built_site / "assets" / "figures").glob("*.*"))
    assert len(pairs) >= 12
    for ko in pairs:
        en = built_site / "en" / "assets" / "figures" / ko.name
        assert en.is_file() and en.read_bytes() != ko.read_bytes(), ko.name
    captions = [fc.get_text() for url in PAGES for fc in html(built_site, url).select("figure figcaption")]
    assert captions and all(re.search("[가-힣]", c) for c in captions)
    captions_en = [fc.get_text() for url in PAGES for fc in html(built_site, "en/" + url).select("figure figcaption")]
    assert len(captions_en) == len(captions) and not any(re.search("[가-힣]", c) for c in captions_en)


NOTEBOOKS = [u for u in PAGES if (DOCS / (u.rstrip("/") + ".ko.ipynb")).exists()]
NOISE = re.compile(r"oneDNN|absl::|cuda|cuDNN|TF_CPP|WARNING: All log|Traceback|Kernel is running", re.I)


@pytest.mark.parametrize("url", NOTEBOOKS)
def test_notebook_pages_are_rendered_html_without_tensorflow_noise(built_site, url):
    assert NOTEBOOKS
    for prefix in ("", "en/"):
        text = (built_site / prefix / url / "index.html").read_text(encoding="utf-8")
        assert '"cell_type"' not in text, "notebook copied as raw JSON (i18n x jupyter pitfall)"
        soup = BeautifulSoup(text, "html.parser")
        assert len(soup.select(".jp-Cell")) >= 5
        outputs = " ".join(o.get_text() for o in soup.select(".jp-OutputArea-output"))
        assert outputs.strip(), "executed notebook shows no output"
        assert not NOISE.search(outputs), NOISE.search(outputs).group(0)
        assert soup.select(".jp-OutputArea-output img"), "notebook plots missing"
        name = Path(url.rstrip("/")).name + (".en" if prefix else ".ko") + ".ipynb"
        assert (built_site / prefix / url / name).is_file(), "the .ipynb is offered for download"


@pytest.mark.parametrize("url", PAGES)
def test_code_blocks_come_from_files_and_outputs_are_filled_in(built_site, url):
    for prefix in ("", "en/"):
        text = (built_site / prefix / url / "index.html").read_text(encoding="utf-8")
        assert "--8&lt;--" not in text and "--8<--" not in text, "an include was not expanded"
        assert "[[figure" not in text and "[[output" not in text, "a figure/output token was not expanded"


@pytest.mark.parametrize("url", PAGES)
def test_included_files_show_their_path_and_can_be_downloaded(built_site, url, root):
    for prefix in ("", "en/"):
        soup = html(built_site, prefix + url)
        for title in soup.select(".highlight span.filename"):
            text = title.get_text()
            if not text.endswith(".py") or " " in text:  # snippet outputs are titled "Output of ..."
                continue
            link = title.select_one("a[download]")
            assert link is not None, f"{prefix + url}: {text} has no download link"
            target = (built_site / prefix / url / link["href"]).resolve()
            assert target.read_bytes() == (root / text).read_bytes(), f"{prefix + url}: {text} download differs"
