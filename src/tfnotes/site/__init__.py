"""The site layer: the only code that knows MkDocs. One module per concern, behind the thin entry
:mod:`tfnotes.site.hooks` that ``mkdocs.yml`` names under ``hooks:``.

- :mod:`~tfnotes.site.products`: before the first language is built, the figures and values (one subprocess,
  :mod:`tfnotes.products`), the snippet outputs and the notebooks start side by side, each only for what changed.
- :mod:`~tfnotes.site.figures`: ``[[figure NAME]]`` becomes the figure with its alt text and caption.
- :mod:`~tfnotes.site.demos`: ``[[demo NAME]]`` becomes an in-browser demo (script, UI text, the exported data).
- :mod:`~tfnotes.site.outputs`: ``[[output snippets/X.py]]`` becomes what that snippet prints.
- :mod:`~tfnotes.site.values`: ``[[value NAME.key:spec]]`` becomes the number the build computed.
- :mod:`~tfnotes.site.i18n_jupyter`: two fixes for mkdocs-static-i18n × mkdocs-jupyter.
- :mod:`~tfnotes.site.notebooks`: notebooks executed ahead of the page build; their pages' heading ids, plot alt
  text, download button and shared stylesheet.
- :mod:`~tfnotes.site.html_fixes`: no per-page head alternates (sitemap 404s), a name for the search dialog.
- :mod:`~tfnotes.site.search`: one search index per language, with Korean stems, English spellings and the
  glossary's synonyms (:mod:`tfnotes.stems`; the browser side mirrors it), rewritten as UTF-8.
- :mod:`~tfnotes.site.katex_fonts`: KaTeX's stylesheet lists only the fonts the site ships (run at set-up).
- :mod:`~tfnotes.site.glossary`: ``[[glossary]]`` becomes the glossary tables; tooltips on the chapter pages' terms.
- :mod:`~tfnotes.site.downloads`: the path above an included code block links to a download of that file.
- :mod:`~tfnotes.site.rebuild`: under ``mkdocs serve``, a page's render and search entries reused while their inputs
  are unchanged (a page edit re-renders that page), and a quicker file watcher.
- :mod:`~tfnotes.site.provenance`: "Tested by" links above every included code block, read from the tests' markers.

Nothing outside this package imports it: the algorithms, runs, values and figures know nothing of MkDocs.
"""

from __future__ import annotations

from pathlib import Path

# Per-build state shared by the concerns (the hooks run in one process, one build at a time).
state: dict = {"start": None, "used_nb_cache": set(), "values": {}, "figures": None}


def current_language(config) -> str:
    i18n = config.plugins.get("i18n")
    return i18n.current_language if i18n else config.theme.get("language", "en")


def is_outer_build(config) -> bool:
    """True for the build MkDocs started; False for the per-language builds i18n runs inside it."""
    i18n = config.plugins.get("i18n")
    return i18n is None or not i18n.building


def root_of(config) -> Path:
    """The repository root (the folder of mkdocs.yml)."""
    return Path(config.config_file_path).parent


def cache_dir(config) -> Path:
    return root_of(config) / ".cache" / "tfnotes"


def tail(text: str, lines: int = 12) -> str:
    return " | ".join(text.strip().splitlines()[-lines:])
