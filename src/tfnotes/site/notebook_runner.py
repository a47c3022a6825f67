"""Execute notebooks into mkdocs-jupyter's cache ahead of the page build, several at once.

mkdocs-jupyter executes each notebook when MkDocs renders its page, one after another, in both
languages. The site build starts them all here instead, as subprocesses running next to the figure
renderer, and writes the result where mkdocs-jupyter looks first (its cache, same key, same JSON),
so the page build finds them done. Written by hand: mkdocs-jupyter has no parallel or ahead-of-time
mode. ``python -m tfnotes.site.notebook_runner NOTEBOOK CACHE_FILE OPTIONS_JSON``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

# The options of mkdocs-jupyter's own call to nb2html, read from the plugin's config.
OPTIONS = ("kernel_name", "theme", "allow_errors", "show_input", "no_input", "no_prompt",
           "remove_tag_config", "highlight_extra_classes", "include_requirejs", "custom_mathjax_url")


def execute_to_cache(notebook: str, cache_file: str, options: dict) -> None:
    from mkdocs_jupyter import convert
    from mkdocs_jupyter.plugin import _get_nb_toc_tokens

    body = convert.nb2html(notebook, execute=True, **{k: options[k] for k in OPTIONS})
    toc_tokens, title = _get_nb_toc_tokens(notebook, options["toc_depth"])
    Path(cache_file).parent.mkdir(parents=True, exist_ok=True)
    Path(cache_file).write_text(json.dumps({"content": body, "toc_tokens": toc_tokens, "title": title}),
                                encoding="utf-8")


if __name__ == "__main__":
    execute_to_cache(sys.argv[1], sys.argv[2], json.loads(sys.argv[3]))
