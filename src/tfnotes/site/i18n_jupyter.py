"""Two fixes for mkdocs-static-i18n × mkdocs-jupyter, made at the source (no plugin option does either).

1. mkdocs-static-i18n rebuilds every File object and so drops mkdocs-jupyter's NotebookFile wrapper (upstream
   ultrabug/mkdocs-static-i18n#198): .ipynb files then count as static files and are copied as raw JSON. Making
   File itself call .ipynb files documentation pages fixes it.
2. mkdocs-jupyter's cache key covers the notebook only, not the project code it imports, so an edit to src/ would
   leave stale output on the page: the key adds the source of every project module the notebook's code imports,
   directly or not (:mod:`tfnotes._deps`). It also evicts, after every build, entries that build did not use; i18n
   runs one build per language, so each language evicted the other's entries and every build re-executed every
   notebook. Eviction now happens once, at shutdown, against the entries all languages used.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from mkdocs.structure.files import File

from tfnotes import _deps
from tfnotes.site import state

_is_documentation_page = File.is_documentation_page


def _is_documentation_page_or_notebook(self: File) -> bool:
    return _is_documentation_page(self) or self.src_uri.endswith(".ipynb")


def patch() -> None:
    """Apply both patches (idempotent: `mkdocs serve` reloads the hooks)."""
    File.is_documentation_page = _is_documentation_page_or_notebook
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


def swap_eviction(config):
    """Swap mkdocs-jupyter's post-build eviction for one that only remembers what was used.

    MkDocs binds plugin methods when it loads the config (before hooks are imported), so the bound method is
    replaced in the event list rather than on the class.
    """
    events = config.plugins.events["post_build"]
    for i, method in enumerate(events):
        plugin = getattr(method, "__self__", None)
        if type(plugin).__module__ == "mkdocs_jupyter.plugin" and method.__name__ == "on_post_build":
            def remember_used(config, plugin=plugin):
                state["used_nb_cache"].update(plugin._used_cache_paths)
                state["nb_cache_dir"] = Path(plugin.config["cache_dir"])
            remember_used.__name__ = "tfnotes_remember_used"
            events[i] = remember_used
    return config


def evict_unused() -> None:
    cache = state.get("nb_cache_dir")
    if cache and cache.is_dir() and state["used_nb_cache"]:
        for entry in cache.glob("*.json"):
            if entry not in state["used_nb_cache"]:
                entry.unlink()
