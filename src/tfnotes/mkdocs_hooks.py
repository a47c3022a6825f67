"""MkDocs hooks: the only place that knows MkDocs (listed under ``hooks:`` in mkdocs.yml).

1. Before the first language is built (once per build), three kinds of work start side by side,
   each only for what changed: the figures (one subprocess: TensorFlow imported once, fresh imports
   under ``mkdocs serve``, a crash cannot take the server down), the snippets whose output a page
   shows (one subprocess) and the notebooks (one kernel each, into mkdocs-jupyter's cache). Any
   failure fails the build and names the figure, snippet or notebook.
2. ``[[figure NAME]]`` on a line of its own becomes the figure with its alt text and caption in the
   page's language (from :mod:`tfnotes.figures.strings`); ``[[output snippets/X.py]]`` becomes what
   that snippet prints.
3. Two fixes for mkdocs-static-i18n × mkdocs-jupyter.
4. Build timing in the log.
5. Notebook pages: heading ids, plot alt text, download button, one shared stylesheet.
6. Small HTML fixes: no per-page head alternates (sitemap 404s), a name for the search dialog.
7. A UTF-8 search index.
8. The path above an included code block links to a download of that file.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import re
import subprocess
import sys
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from tfnotes import _deps
from tfnotes import _notebooks as notebooks
from tfnotes.figures import render
from tfnotes.figures.strings import FIGURES
from tfnotes.values import PageValueError, format_value
from tfnotes.values import _compute as values_compute

log = logging.getLogger("mkdocs.hooks.tfnotes")
FIGURE_DIR = "assets/figures"
FIGURE_LINE = re.compile(r"^\[\[figure ([a-z0-9-]+)\]\][ \t]*$", re.MULTILINE)
OUTPUT_LINE = re.compile(r"^\[\[output ([\w./-]+\.py)\]\][ \t]*$", re.MULTILINE)
VALUE = re.compile(r"\[\[value ([a-z0-9-]+)(?:\.([a-z0-9_]+))?(?::([^\]\s]+))?\]\]")
OUTPUT_TITLE = {"ko": "실행 결과: {path}", "en": "Output of {path}"}
NOTEBOOK_DOWNLOAD = {"ko": "노트북 내려받기", "en": "Download the notebook"}
NOTEBOOK_PLOT_ALT = {"ko": "바로 위 코드 셀이 그린 그림", "en": "Plot drawn by the code cell above"}
NBCONVERT_ALT = 'alt="No description has been provided for this image"'  # nbconvert's text for every plot
_state: dict = {"start": None, "used_nb_cache": set()}


# --- 3a. Notebook pages under mkdocs-static-i18n -------------------------------------------------
# mkdocs-static-i18n rebuilds every File object and so drops mkdocs-jupyter's NotebookFile wrapper
# (upstream ultrabug/mkdocs-static-i18n#198): .ipynb files then count as static files and are copied
# as raw JSON. Making File itself call .ipynb files documentation pages fixes it at the source;
# no plugin option does this.
_is_documentation_page = File.is_documentation_page


def _is_documentation_page_or_notebook(self: File) -> bool:
    return _is_documentation_page(self) or self.src_uri.endswith(".ipynb")


File.is_documentation_page = _is_documentation_page_or_notebook


# --- 3b. mkdocs-jupyter's cache under i18n ---------------------------------------------------------
# Its cache key covers the notebook only, not the project code the notebook imports, so an edit to
# src/ would leave stale output on the page: the key below adds the source of every project module
# the notebook's code imports, directly or not (tfnotes._deps).
# It also evicts, after every build, entries that build did not use; i18n runs one build per
# language, so each language evicted the other's entries and every build re-executed every
# notebook. Eviction now happens once, at shutdown, against the entries all languages used.
def _patch_mkdocs_jupyter() -> None:
    try:
        from mkdocs_jupyter import plugin as jupyter_plugin
    except ImportError:  # notebooks not configured
        return
    if getattr(jupyter_plugin, "_tfnotes_patched", False):
        return
    original_key = jupyter_plugin._compute_cache_key

    def cache_key(nb_path, config, exec_nb):
        h = hashlib.sha256(original_key(nb_path, config, exec_nb).encode())
        h.update(_deps.source_hash(_deps.notebook_closure(Path(nb_path))).encode())
        return h.hexdigest()

    jupyter_plugin._compute_cache_key = cache_key
    jupyter_plugin._tfnotes_patched = True


_patch_mkdocs_jupyter()


def on_config(config):
    """Swap mkdocs-jupyter's post-build eviction for one that only remembers what was used.

    MkDocs binds plugin methods when it loads the config (before hooks are imported), so the
    bound method is replaced in the event list rather than on the class.
    """
    events = config.plugins.events["post_build"]
    for i, method in enumerate(events):
        plugin = getattr(method, "__self__", None)
        if type(plugin).__module__ == "mkdocs_jupyter.plugin" and method.__name__ == "on_post_build":
            def remember_used(config, plugin=plugin):
                _state["used_nb_cache"].update(plugin._used_cache_paths)
                _state["nb_cache_dir"] = Path(plugin.config["cache_dir"])
            remember_used.__name__ = "tfnotes_remember_used"
            events[i] = remember_used
    return config


def on_shutdown() -> None:
    cache_dir = _state.get("nb_cache_dir")
    if cache_dir and cache_dir.is_dir() and _state["used_nb_cache"]:
        for entry in cache_dir.glob("*.json"):
            if entry not in _state["used_nb_cache"]:
                entry.unlink()


# --- 1. Figures ------------------------------------------------------------------------------------
def _current_language(config) -> str:
    i18n = config.plugins.get("i18n")
    return i18n.current_language if i18n else config.theme.get("language", "en")


def _is_outer_build(config) -> bool:
    """True for the build MkDocs started; False for the per-language builds i18n runs inside it."""
    i18n = config.plugins.get("i18n")
    return i18n is None or not i18n.building


def on_pre_build(config) -> None:
    if not _is_outer_build(config):
        return  # the other languages reuse what the outer build drew
    _state["start"] = time.perf_counter()
    _state.pop("figures", None)  # re-read the registry once per build (files may have changed under serve)
    _deps.direct_imports.cache_clear()  # under `mkdocs serve`, sources change between builds
    _deps.lazy_table.cache_clear()
    out_dir = Path(config.docs_dir) / FIGURE_DIR
    cache_dir = Path(config.config_file_path).parent / ".cache" / "tfnotes"
    root = Path(config.config_file_path).parent
    snippet_runs = _start_snippet_outputs(Path(config.docs_dir), root, cache_dir / "outputs")
    notebook_runs = _start_notebooks(config, root)
    todo, values_todo = render.stale(out_dir, cache_dir), values_compute.stale(cache_dir)
    if not todo and not values_todo:
        log.info(f"figures: all {len(render.discover()) * 2} cached; values: all cached")
    else:
        log.info(f"figures: drawing {len(todo)} file(s), values: computing {len(values_todo)}, whose code changed")
        proc = subprocess.run(
            [sys.executable, "-m", "tfnotes.products", "--out", str(out_dir), "--cache", str(cache_dir)],
            capture_output=True, text=True, check=False, cwd=root)
        if proc.returncode != 0:
            raise PluginError("figures or values failed: " + _tail(proc.stdout + proc.stderr))
        log.info(proc.stdout.strip())
    _state["values"] = values_compute.load(cache_dir)
    _finish_snippet_outputs(snippet_runs)
    _finish_notebooks(notebook_runs)


def _start_notebooks(config, root: Path) -> list:
    """Execute every notebook whose mkdocs-jupyter cache entry is missing, all at once, in the
    background (see tfnotes._notebooks); mkdocs-jupyter then finds them in its cache."""
    from mkdocs_jupyter import plugin as jupyter_plugin

    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is None or not plugin.config["execute"] or not plugin.config["cache"]:
        return []
    runs = []
    for nb in sorted(Path(config.docs_dir).rglob("*.ipynb")):
        cache_file = jupyter_plugin._get_cache_path(
            root / plugin.config["cache_dir"], jupyter_plugin._compute_cache_key(str(nb), plugin.config, True))
        if not cache_file.exists():
            options = json.dumps({k: plugin.config[k] for k in (*notebooks.OPTIONS, "toc_depth")})
            runs.append((nb, subprocess.Popen([sys.executable, "-m", "tfnotes._notebooks", str(nb), str(cache_file),
                                               options], cwd=root, text=True,
                                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)))
    if runs:
        log.info(f"notebooks: executing {len(runs)} in parallel")
    return runs


def _finish_notebooks(runs: list) -> None:
    for nb, proc in runs:
        _, err = proc.communicate()
        if proc.returncode != 0:
            raise PluginError(f"notebook {nb.name} failed to execute: {_tail(err, 20)}")


def _tail(text: str, lines: int = 12) -> str:
    return " | ".join(text.strip().splitlines()[-lines:])


# --- Snippet output --------------------------------------------------------------------------------
def _output_cache_file(root: Path, rel: str, cache_dir: Path) -> Path:
    script = root / rel
    if not script.is_file():
        raise PluginError(f"[[output {rel}]]: no such file")
    key = hashlib.sha256(script.read_bytes() + sys.version.encode() + _deps.source_hash(
        _deps.script_closure(script)).encode()).hexdigest()[:20]
    return cache_dir / f"{script.stem}-{key}.txt"


def _start_snippet_outputs(docs_dir: Path, root: Path, cache_dir: Path) -> dict:
    """Start, in the background, one process that runs every snippet named by an [[output ...]] line
    whose cached output is stale (one process: TensorFlow is imported once)."""
    _state["output_dirs"] = (root, cache_dir)
    wanted = sorted({m.group(1) for page in docs_dir.rglob("*.md")
                     for m in OUTPUT_LINE.finditer(page.read_text(encoding="utf-8"))})
    stale = {rel: cached for rel in wanted if not (cached := _output_cache_file(root, rel, cache_dir)).exists()}
    if not stale:
        return {}
    log.info(f"snippets: running {len(stale)} for their output: {', '.join(stale)}")
    proc = subprocess.Popen([sys.executable, "-m", "tfnotes._snippets", *stale], cwd=root, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return {"proc": proc, "stale": stale}


def _finish_snippet_outputs(running: dict) -> None:
    if not running:
        return
    out, err = running["proc"].communicate()
    if running["proc"].returncode != 0:
        raise PluginError(f"snippet output failed: {_tail(err)}")
    for rel, text in json.loads(out).items():
        cached = running["stale"][rel]
        cached.parent.mkdir(parents=True, exist_ok=True)
        for old in cached.parent.glob(cached.name.rsplit("-", 1)[0] + "-*.txt"):
            old.unlink()
        cached.write_text(text, encoding="utf-8")


def snippet_output(rel: str) -> str:
    """What ``rel`` prints: from the cache, or run now (a page may name a snippet after pre-build)."""
    root, cache_dir = _state["output_dirs"]
    cached = _output_cache_file(root, rel, cache_dir)
    if not cached.exists():
        _finish_snippet_outputs({"stale": {rel: cached}, "proc": subprocess.Popen(
            [sys.executable, "-m", "tfnotes._snippets", rel], cwd=root, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)})
    return cached.read_text(encoding="utf-8")


# --- 2. [[figure NAME]] in pages -------------------------------------------------------------------
def on_page_markdown(markdown: str, page, config, files) -> str:
    if page.file.src_uri.endswith(".ipynb"):
        return markdown
    lang = _current_language(config)
    specs = _state["figures"] if "figures" in _state else _state.setdefault("figures", render.discover())
    depth = page.file.src_uri.count("/")
    where = page.file.src_uri

    def expand(match: re.Match) -> str:
        name = match.group(1)
        if name not in specs:
            raise PluginError(f"{page.file.src_uri}: unknown figure {name!r}; known: {sorted(specs)}")
        alt = html.escape(expand_values(FIGURES[name]["alt"][lang], lang, where)).replace("[", "&#91;").replace("]", "&#93;")
        caption = FIGURES[name]["caption"][lang]
        src = "../" * depth + f"{FIGURE_DIR}/{name}.{specs[name].fmt}"
        return (f'<figure class="tfn-figure" id="fig-{name}" markdown="span">\n'
                f"  ![{alt}]({src}){{ loading=lazy }}\n"
                f"  <figcaption>{caption}</figcaption>\n"
                f"</figure>")

    def output(match: re.Match) -> str:
        rel = match.group(1)
        text = snippet_output(rel)
        fence = "````" if "```" in text else "```"
        title = OUTPUT_TITLE[lang].format(path=rel)
        return f'{fence}text title="{title}"\n{text.rstrip()}\n{fence}'

    return expand_values(OUTPUT_LINE.sub(output, FIGURE_LINE.sub(expand, markdown)), lang, where)


def expand_values(text: str, lang: str, where: str) -> str:
    """Every ``[[value NAME.key:spec]]`` in ``text`` as the number the build computed, formatted for ``lang``."""
    values = _state["values"]

    def one(match: re.Match) -> str:
        name, key, spec = match.group(1), match.group(2), match.group(3) or ""
        if name not in values:
            raise PluginError(f"{where}: unknown value {name!r} in {match.group(0)}; known: {sorted(values)}")
        v = values[name]
        if key is not None:
            if not isinstance(v, dict) or key not in v:
                keys = sorted(v) if isinstance(v, dict) else "none (a single value)"
                raise PluginError(f"{where}: value {name!r} has no key {key!r} in {match.group(0)}; keys: {keys}")
            v = v[key]
        elif isinstance(v, dict):
            raise PluginError(f"{where}: {match.group(0)} needs a key; keys of {name!r}: {sorted(v)}")
        try:
            return format_value(v, spec, lang)
        except PageValueError as exc:
            raise PluginError(f"{where}: {match.group(0)}: {exc}") from None

    return VALUE.sub(one, text)


# --- 5. Notebook pages: heading ids and a download link ------------------------------------------
# nbconvert gives headings without Latin letters an empty id, while the page's table of contents
# (built from the same headings by Python-Markdown) links to "_1", "_2", ...: the ids are taken from
# the table of contents, in order, so every link lands. The .ipynb is copied next to the page by
# mkdocs-jupyter (include_source); Material has no button for it, so one is added here.
HEADING = re.compile(r'<h([1-6]) id="[^"]*">(.*?)<a class="anchor-link" href="#[^"]*">', re.S)


def _toc_ids(items) -> list[str]:
    ids = []
    for item in items:
        ids.append(item.id)
        ids.extend(_toc_ids(item.children))
    return ids


def on_page_content(html_text: str, page, config, files) -> str:
    if not page.file.src_uri.endswith(".ipynb"):
        return html_text
    ids = iter(_toc_ids(page.toc.items))

    def fix(match: re.Match) -> str:
        anchor = next(ids, None)
        if anchor is None:
            return match.group(0)
        return f'<h{match.group(1)} id="{anchor}">{match.group(2)}<a class="anchor-link" href="#{anchor}">'

    html_text = expand_values(HEADING.sub(fix, html_text), _current_language(config), page.file.src_uri)
    html_text = html_text.replace(NBCONVERT_ALT, f'alt="{NOTEBOOK_PLOT_ALT[_current_language(config)]}"')
    html_text = _share_notebook_css(html_text, page, config)
    name = Path(page.file.abs_src_path).name
    label = NOTEBOOK_DOWNLOAD[_current_language(config)]
    button = (f'<p class="tfn-download"><a class="md-button" href="{name}" download>'
              f"{label} ({name})</a></p>")
    return button + html_text


# mkdocs-jupyter inlines its whole stylesheet (about 570 KB, the same for every notebook) into each
# notebook page. It is written once per language as a file instead, which browsers cache.
NOTEBOOK_CSS = re.compile(r'<style type="text/css">\s*(@charset "UTF-8";\.jupyter-wrapper\{.*?)</style>', re.S)
NOTEBOOK_CSS_FILE = "assets/stylesheets/mkdocs-jupyter.css"


def _share_notebook_css(html_text: str, page, config) -> str:
    match = NOTEBOOK_CSS.search(html_text)
    if not match:
        return html_text
    target = Path(config.site_dir) / NOTEBOOK_CSS_FILE  # this language's site root
    if not target.exists() or target.read_text(encoding="utf-8") != match.group(1):
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(match.group(1), encoding="utf-8")
    href = "../" * page.url.count("/") + NOTEBOOK_CSS_FILE
    return html_text[: match.start()] + f'<link rel="stylesheet" href="{href}">' + html_text[match.end():]


# --- 6. Small HTML fixes after rendering ------------------------------------------------------------
# No per-page <link rel="alternate"> in <head>:
# mkdocs-static-i18n sets Material's `extra.alternate` per page (each entry is the twin page), and
# Material's JavaScript fetches "sitemap.xml" relative to every such <link> in <head>: a 404 and a
# console error on every page. The language selector's own links already point at the twin page,
# and the sitemap.xml of each language carries the hreflang alternates, so the <head> links go.
# And a name for Material's search dialog, which has role="dialog" but no accessible name (axe:
# aria-dialog-name); the template has no option for it.
HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_LABEL = {"ko": "사이트 검색", "en": "Search the site"}


def on_post_page(output: str, page, config) -> str:
    head, sep, body = output.partition("</head>")
    label = SEARCH_LABEL[_current_language(config)]
    body = body.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{label}">')
    body = _link_code_sources(body, page, config)
    return HEAD_ALTERNATE.sub("", head) + sep + body


# --- 8. Every included file can be downloaded --------------------------------------------------------
# A code block included from a file shows the file's path as its title (pymdownx.highlight's
# `title`). The title becomes a link to a copy of the whole file, placed in the site under
# downloads/, so a reader can fetch exactly what the page shows and the tests run.
FILENAME = re.compile(r'<span class="filename">((?:snippets|src)/[\w./-]+\.py)</span>')
DOWNLOAD_DIR = "downloads"


def _link_code_sources(body: str, page, config) -> str:
    root = Path(config.config_file_path).parent

    def link(match: re.Match) -> str:
        rel = match.group(1)
        source = root / rel
        if not source.is_file():
            return match.group(0)
        target = Path(config.site_dir) / DOWNLOAD_DIR / rel
        if not target.exists() or target.read_bytes() != source.read_bytes():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
        href = "../" * page.url.count("/") + f"{DOWNLOAD_DIR}/{rel}"
        return f'<span class="filename"><a href="{href}" download>{rel}</a></span>'

    return FILENAME.sub(link, body)


# --- 7. A smaller search index ---------------------------------------------------------------------
# The search plugin writes its index with every Hangul syllable escaped as \uXXXX (6 bytes instead
# of 3). Every page's search worker downloads it, so it is rewritten as UTF-8 once both languages
# are in it (mkdocs-static-i18n writes the merged index in its own post-build step, which runs first).
def _compact_search_index(config) -> None:
    index = Path(config.site_dir) / "search" / "search_index.json"
    if _is_outer_build(config) and index.exists():
        data = json.loads(index.read_text(encoding="utf-8"))
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


# --- 4. Timing -------------------------------------------------------------------------------------
@event_priority(-200)  # after mkdocs-static-i18n (-100) has built the other languages
def on_post_build(config) -> None:
    _compact_search_index(config)
    if _is_outer_build(config) and _state["start"] is not None:
        log.info(f"site built (all languages) in {time.perf_counter() - _state['start']:.1f} s")
