"""A rebuild reuses the work whose inputs did not change: a page edit re-renders that page, a warm build no page.

MkDocs renders the whole site on every build, and mkdocs-static-i18n builds it once per language, so an edit to
one page converted every page's Markdown twice and re-parsed every page for the search index. These steps are
memoised on everything they read, so their output is the same bytes as computing them again:

- a page's Markdown → HTML (:meth:`mkdocs.structure.pages.Page.render`): keyed on the Markdown after the hooks
  (figures, values, outputs and tooltips already expanded), the page's path and URL, every file's path and URL
  (links are resolved against them), mkdocs.yml, the versions of the Markdown libraries, and the bytes of every
  file a ``--8<--`` line of the page names, and of the files those name in turn (pymdownx.snippets reads them
  while rendering). A render that logged a warning is not kept, so a broken
  link is reported (and fails a strict build) on every build.
- a page's search entries (Material's ``SearchIndex.add_entry_from_context``): keyed on the page's HTML, table of
  contents, URL, title, metadata and the plugin's configuration;
- pure functions of a page's text and of ``src/`` (:func:`call`: the glossary tooltips, the search index split),
  keyed on their arguments and the names, sizes and times of the files in ``src/`` and ``snippets/``.

The entries a build used are kept in ``.cache/tfnotes/rebuild.pickle`` for the next build (under ``mkdocs serve``
they stay in memory and are written at shutdown). The pre-build products (figures, values, demos, snippet outputs,
notebooks) are not even checked again while nothing they read changed (:func:`products_key`); under ``mkdocs
serve`` the theme's templates stay compiled (:func:`share_templates`) and the file watcher polls every 0.1 s
(:func:`poll_faster`). Neither library offers this (``mkdocs serve --dirty`` skips pages instead, and leaves the
search index with only the pages it rebuilt).
"""

from __future__ import annotations

import copy
import hashlib
import logging
import os
import pickle
import re
import sys
from importlib import metadata
from pathlib import Path

from mkdocs.structure.pages import Page

enabled = False  # set by the hooks' on_startup (any MkDocs command); off, every call goes through
serving = False  # under `mkdocs serve`: the caches live in memory between rebuilds and are written at shutdown
CACHE_FILE = "rebuild.pickle"  # in .cache/tfnotes
LIBRARIES = ("mkdocs", "markdown", "pymdown-extensions", "pygments", "mkdocs-material", "mkdocs-static-i18n",
             "mkdocs-jupyter", "jinja2")
_renders: dict[str, dict] = {}
_search: dict[str, list] = {}
_used: set[str] = set()
_loaded_from: list[Path] = []
_build_keys: dict = {}  # per build: {"files": (id(files), hash), "tree": hash, "config": hash}
INCLUDE = re.compile(r"""--8<--\s*["']?([^"'\s:]+)""")
WATCHED_TREES = ("src", "snippets")


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record) -> None:
        self.count += 1


def start_build(root: Path) -> None:
    """Once per build: the signature of the trees a page may include (file names, sizes and mtimes)."""
    h = hashlib.sha256()
    for tree in WATCHED_TREES:
        for path in sorted((root / tree).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                st = path.stat()
                h.update(f"{path.relative_to(root)}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    versions = hashlib.sha256(sys.version.encode())
    for lib in LIBRARIES:
        try:
            versions.update(f"{lib}={metadata.version(lib)}".encode())
        except metadata.PackageNotFoundError:
            versions.update(f"{lib}=none".encode())
    h.update(versions.digest())
    _build_keys.clear()
    _build_keys["tree"] = h.hexdigest()
    _build_keys["versions"] = versions.hexdigest()
    _build_keys["root"] = root
    _build_keys["config"] = (root / "mkdocs.yml").read_bytes()
    _used.clear()
    path = root / ".cache" / "tfnotes" / CACHE_FILE
    if enabled and path not in _loaded_from:  # once per process
        _loaded_from.append(path)
        try:
            saved = pickle.loads(path.read_bytes())
            _renders.update(saved["renders"]), _search.update(saved["search"]), _calls.update(saved["calls"])
        except (OSError, pickle.UnpicklingError, EOFError, KeyError, TypeError, AttributeError):
            pass  # no cache yet, or one from another version: compute


def finish_build(*, shutdown: bool = False) -> None:
    """Keep the entries this build used (at shutdown under `mkdocs serve`, else after each build)."""
    root = _build_keys.get("root")
    if not enabled or root is None or (serving and not shutdown):
        return
    path = root / ".cache" / "tfnotes" / CACHE_FILE
    keep = {"renders": {k: v for k, v in _renders.items() if k in _used},
            "search": {k: v for k, v in _search.items() if k in _used},
            "calls": {k: v for k, v in _calls.items() if k in _used}}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(pickle.dumps(keep, protocol=pickle.HIGHEST_PROTOCOL))
    tmp.replace(path)


def tree_key() -> str | None:
    """The signature of src/ and snippets/ (and the libraries) for this build (None when off)."""
    return _build_keys.get("tree") if enabled else None


_calls: dict[str, object] = {}


def call(fn, *args, **kwargs):
    """``fn(*args, **kwargs)`` for a pure ``fn`` of its arguments and of the project's code and data (src/): under
    `mkdocs serve`, reused while those are unchanged."""
    tree = tree_key()
    if tree is None:
        return fn(*args, **kwargs)
    key = hashlib.sha256(f"{fn.__module__}.{fn.__qualname__}|{args!r}|{sorted(kwargs.items())!r}|{tree}".encode())
    key = key.hexdigest()
    if key not in _calls:
        _calls[key] = fn(*args, **kwargs)
    _used.add(key)
    return copy.deepcopy(_calls[key])


class _TemplateCache:
    """An in-memory Jinja bytecode cache shared by the rebuilds (MkDocs makes a new Jinja environment, and so
    parses and compiles every theme template again, on each rebuild). Jinja keys it on the template's name and
    source checksum, so an edited template compiles anew."""

    def __init__(self) -> None:
        import jinja2

        class Cache(jinja2.BytecodeCache):
            store: dict[str, bytes] = {}

            def load_bytecode(self, bucket) -> None:
                if bucket.key in self.store:
                    bucket.bytecode_from_string(self.store[bucket.key])

            def dump_bytecode(self, bucket) -> None:
                self.store[bucket.key] = bucket.bytecode_to_string()

        self.cache = Cache()


_templates: _TemplateCache | None = None


def share_templates(env):
    """on_env: under `mkdocs serve`, the theme's compiled templates are kept from one rebuild to the next."""
    global _templates
    if enabled and serving:
        if _templates is None:
            _templates = _TemplateCache()
        env.bytecode_cache = _templates.cache
    return env


def _files_hash(files) -> str:
    cached = _build_keys.get("files")
    if cached and cached[0] is files:
        return cached[1]
    h = hashlib.sha256()
    for f in files:
        h.update(f"{f.src_uri}|{f.dest_uri}|{f.url}|{f.is_documentation_page()}\n".encode())
    _build_keys["files"] = (files, h.hexdigest())
    return _build_keys["files"][1]


def _render_key(page, config, files) -> str:
    h = hashlib.sha256(page.markdown.encode())
    h.update(f"|{page.file.src_uri}|{page.url}|{config.use_directory_urls}|".encode())
    h.update(_build_keys.get("config", b""))  # mkdocs.yml's bytes: the Markdown extensions and their settings
    h.update(_files_hash(files).encode())
    h.update(_build_keys.get("versions", "").encode())
    root = _build_keys.get("root") or Path()
    todo, seen = sorted(set(INCLUDE.findall(page.markdown))), set()
    while todo:  # the files the page includes, and the files they include in turn
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        data = (root / name).read_bytes() if (root / name).is_file() else b"<missing>"
        h.update(name.encode() + b"\0" + data)
        todo.extend(INCLUDE.findall(data.decode("utf-8", "replace")))
    return h.hexdigest()


_original_render = Page.render


def _render(self, config, files) -> None:
    if not enabled or self.markdown is None or "tree" not in _build_keys:
        return _original_render(self, config, files)
    key = _render_key(self, config, files)
    hit = _renders.get(key)
    if hit is not None:
        _used.add(key)
        self.content = hit["content"]
        self.toc = copy.deepcopy(hit["toc"])
        self._title_from_render = hit["title"]
        self.present_anchor_ids = set(hit["anchors"])
        if hit["links"] is not None:
            self.links_to_anchors = {files.get_file_from_path(src): dict(links) for src, links in hit["links"].items()
                                     if files.get_file_from_path(src) is not None}
        return None
    counter = _Warnings()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(counter)
    try:
        _original_render(self, config, files)
    finally:
        logger.removeHandler(counter)
    if counter.count == 0:
        _used.add(key)
        links = getattr(self, "links_to_anchors", None)
        _renders[key] = {"content": self.content, "toc": copy.deepcopy(self.toc),
                         "title": self._title_from_render, "anchors": set(self.present_anchor_ids or ()),
                         "links": None if links is None else {f.src_uri: dict(v) for f, v in links.items()}}
    return None


def _search_key(index, page) -> str:
    h = hashlib.sha256((page.content or "").encode())
    h.update(f"|{page.url}|{page.title}|{page.meta!r}|{index.config!r}|".encode())
    h.update(repr(_toc_tree(page.toc)).encode())
    return h.hexdigest()


def _toc_tree(items) -> list:
    return [(t.title, t.url, t.level, _toc_tree(t.children)) for t in items]


def _patch_search() -> None:
    try:
        from material.plugins.search.plugin import SearchIndex
    except ImportError:
        return
    if getattr(SearchIndex, "_tfnotes_original", None) is not None:
        return
    original = SearchIndex.add_entry_from_context

    def add_entry_from_context(self, page):
        if not enabled:
            return original(self, page)
        key = _search_key(self, page)
        _used.add(key)
        if key in _search:
            self.entries.extend(copy.deepcopy(_search[key]))
            return None
        before = len(self.entries)
        original(self, page)
        _search[key] = copy.deepcopy(self.entries[before:])
        return None

    SearchIndex._tfnotes_original = original
    SearchIndex.add_entry_from_context = add_entry_from_context


_theme_files: dict[tuple, list[tuple[str, str]]] = {}


def _patch_theme_files() -> None:
    """Under `mkdocs serve`, the theme's static files are listed once: MkDocs walks the installed theme's folders
    and matches every name against its patterns on each rebuild (a tenth of a second here), though an installed
    theme cannot change while the server runs. Only for theme folders inside the Python installation."""
    import os

    from mkdocs.structure.files import File, Files

    if getattr(Files, "_tfnotes_original", None) is not None:
        return
    original = Files.add_files_from_theme

    def add_files_from_theme(self, env, config):
        dirs = tuple(config.theme.dirs)
        installed = all(os.path.abspath(d).startswith(os.path.abspath(sys.prefix) + os.sep) for d in dirs)
        if not (enabled and serving and installed):
            return original(self, env, config)
        key = (dirs, tuple(config.theme.static_templates))
        if key not in _theme_files:
            probe = Files([])
            original(probe, env, config)  # every theme file, with the folder it comes from
            _theme_files[key] = [(f.src_uri, f.src_dir) for f in probe]
        for path, src_dir in _theme_files[key]:
            if self.get_file_from_path(path) is None:  # theme files do not override docs_dir files
                self.append(File(path, src_dir, config.site_dir, config.use_directory_urls))
        return None

    Files._tfnotes_original = original
    Files.add_files_from_theme = add_files_from_theme


def patch() -> None:
    """Install the caches (idempotent: `mkdocs serve` reloads the hooks on every rebuild)."""
    if Page.render is not _render:
        Page.render = _render
    _patch_search()
    _patch_theme_files()


POLL_SECONDS = 0.1


def poll_faster(server):
    """MkDocs' file watcher polls the watched folders every 0.5 s (a quarter of a second of waiting, on average,
    before a rebuild starts); every 0.1 s instead. A poll compares file stats, a few milliseconds here."""
    for emitter in list(getattr(server.observer, "emitters", ())):
        if hasattr(emitter, "_timeout"):
            emitter._timeout = POLL_SECONDS
    return server


def products_key(config) -> str | None:
    """The signature of everything the pre-build products read (figures, values, demos, snippet outputs,
    notebooks): src/ and snippets/, the notebooks, the generated files and the caches' manifests (None when off)."""
    tree = tree_key()
    if tree is None:
        return None
    root, docs = _build_keys["root"], Path(config.docs_dir)
    h = hashlib.sha256(tree.encode())
    paths = [*docs.rglob("*.ipynb"), *docs.glob("assets/figures/*"), *docs.glob("assets/demos/*"),
             *(root / ".cache").glob("*/*.json"), *(root / ".cache").glob("tfnotes/*/*")]
    for path in sorted(paths):
        st = path.stat()
        h.update(f"{path}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    for page in sorted(docs.rglob("*.md")):  # the snippets pages name for their output
        h.update(" ".join(sorted(set(re.findall(r"\[\[output [^\]]+\]\]", page.read_text(encoding="utf-8"))))).encode())
    return h.hexdigest()
