"""Notebooks: executed ahead of the page build, and their pages' fixes.

Execution: every notebook whose mkdocs-jupyter cache entry is missing runs at once, in the background, next to the
figure process, twins with the same code in one process that runs it once (:mod:`tfnotes.site.notebook_runner`);
mkdocs-jupyter then finds them in its cache.

Pages: nbconvert gives headings without Latin letters an empty id, while the page's table of contents (built from
the same headings by Python-Markdown) links to "_1", "_2", ...: the ids are taken from the table of contents, in
order, so every link lands. nbconvert's English-only plot alt text becomes the page's language. The .ipynb is copied
next to the page by mkdocs-jupyter (include_source); Material has no button for it, so one is added. mkdocs-jupyter
inlines its whole stylesheet (about 570 KB, the same for every notebook) into each page: it is written once per
language as a file instead, which browsers cache.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

from tfnotes.site import current_language, root_of, tail
from tfnotes.site.notebook_runner import OPTIONS, code_cells

NOTEBOOK_DOWNLOAD = {"ko": "노트북 내려받기", "en": "Download the notebook"}
NOTEBOOK_PLOT_ALT = {"ko": "바로 위 코드 셀이 그린 그림", "en": "Plot drawn by the code cell above"}
NBCONVERT_ALT = 'alt="No description has been provided for this image"'  # nbconvert's text for every plot
HEADING = re.compile(r'<h([1-6]) id="[^"]*">(.*?)<a class="anchor-link" href="#[^"]*">', re.S)
NOTEBOOK_CSS = re.compile(r'<style type="text/css">\s*(@charset "UTF-8";\.jupyter-wrapper\{.*?)</style>', re.S)
NOTEBOOK_CSS_FILE = "assets/stylesheets/mkdocs-jupyter.css"


def is_notebook(page) -> bool:
    return page.file.src_uri.endswith(".ipynb")


def start(config) -> list:
    """Start executing every notebook whose cache entry is missing, twins with the same code cells in one process
    that runs their code once (:mod:`tfnotes.site.notebook_runner`); returns the running processes."""
    from mkdocs_jupyter import plugin as jupyter_plugin

    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is None or not plugin.config["execute"] or not plugin.config["cache"]:
        return []
    root = root_of(config)
    groups: dict[str, list] = {}
    for nb in sorted(Path(config.docs_dir).rglob("*.ipynb"), key=lambda p: (".en." not in p.name, str(p))):
        cache_file = jupyter_plugin._get_cache_path(
            root / plugin.config["cache_dir"], jupyter_plugin._compute_cache_key(str(nb), plugin.config, True))
        if not cache_file.exists():
            code = json.dumps(code_cells(json.loads(nb.read_text(encoding="utf-8"))))
            groups.setdefault(f"{nb.parent}|{code}", []).append((nb, cache_file))
    options = json.dumps({k: plugin.config[k] for k in (*OPTIONS, "toc_depth")})
    runs = []
    for pairs in groups.values():
        args = [str(x) for pair in pairs for x in pair]
        runs.append(([nb for nb, _ in pairs], subprocess.Popen(
            [sys.executable, "-m", "tfnotes.site.notebook_runner", options, *args],
            cwd=root, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)))
    return runs


def finish(runs: list) -> None:
    for nbs, proc in runs:
        _, err = proc.communicate()
        if proc.returncode != 0:
            names = ", ".join(nb.name for nb in nbs)
            raise PluginError(f"notebook {names} failed to execute: {tail(err, 20)}")


def _toc_ids(items) -> list[str]:
    ids = []
    for item in items:
        ids.append(item.id)
        ids.extend(_toc_ids(item.children))
    return ids


def fix_page(html_text: str, page, config) -> str:
    """Heading ids, plot alt text, shared stylesheet and a download button on a notebook page."""
    ids = iter(_toc_ids(page.toc.items))

    def fix(match: re.Match) -> str:
        anchor = next(ids, None)
        if anchor is None:
            return match.group(0)
        return f'<h{match.group(1)} id="{anchor}">{match.group(2)}<a class="anchor-link" href="#{anchor}">'

    lang = current_language(config)
    html_text = HEADING.sub(fix, html_text)
    html_text = html_text.replace(NBCONVERT_ALT, f'alt="{NOTEBOOK_PLOT_ALT[lang]}"')
    html_text = _share_css(html_text, page, config)
    name = Path(page.file.abs_src_path).name
    button = (f'<p class="tfn-download"><a class="md-button" href="{name}" download>'
              f"{NOTEBOOK_DOWNLOAD[lang]} ({name})</a></p>")
    return button + html_text


def _share_css(html_text: str, page, config) -> str:
    match = NOTEBOOK_CSS.search(html_text)
    if not match:
        return html_text
    target = Path(config.site_dir) / NOTEBOOK_CSS_FILE  # this language's site root
    if not target.exists() or target.read_text(encoding="utf-8") != match.group(1):
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(match.group(1), encoding="utf-8")
    href = "../" * page.url.count("/") + NOTEBOOK_CSS_FILE
    return html_text[: match.start()] + f'<link rel="stylesheet" href="{href}">' + html_text[match.end():]
