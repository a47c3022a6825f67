"""Execute notebooks into mkdocs-jupyter's cache ahead of the page build, several at once.

mkdocs-jupyter executes each notebook when MkDocs renders its page, one after another, in both
languages. The site build starts them here instead, as subprocesses running next to the figure
renderer, and writes the result where mkdocs-jupyter looks first (its cache, same key, same JSON),
so the page build finds them done. Written by hand: mkdocs-jupyter has no parallel or ahead-of-time
mode.

Twins (``x.ko.ipynb`` and ``x.en.ipynb``) have the same code cells (``tests/site/test_parity.py``), and their code
prints the same output, so one process runs the code once: it executes the first notebook of the group as
mkdocs-jupyter would, and the others get its outputs, cell by cell, before they are converted without running
(the group is formed only from notebooks whose code cells are identical; a notebook whose code differs is executed
on its own). ``python -m tfnotes.site.notebook_runner OPTIONS_JSON NOTEBOOK CACHE_FILE [NOTEBOOK CACHE_FILE ...]``.
"""

from __future__ import annotations

import copy
import json
import sys
import tempfile
from pathlib import Path

# The options of mkdocs-jupyter's own call to nb2html, read from the plugin's config.
OPTIONS = ("kernel_name", "theme", "allow_errors", "show_input", "no_input", "no_prompt",
           "remove_tag_config", "highlight_extra_classes", "include_requirejs", "custom_mathjax_url")


def code_cells(nb: dict) -> list[str]:
    """The sources of a notebook's code cells (what twins share), as one string each."""
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in nb["cells"] if c["cell_type"] == "code"]


def _write_cache(notebook: str, cache_file: str, body: str, options: dict) -> None:
    from mkdocs_jupyter.plugin import _get_nb_toc_tokens

    toc_tokens, title = _get_nb_toc_tokens(notebook, options["toc_depth"])
    Path(cache_file).parent.mkdir(parents=True, exist_ok=True)
    Path(cache_file).write_text(json.dumps({"content": body, "toc_tokens": toc_tokens, "title": title}),
                                encoding="utf-8")


def merge_streams(nb) -> None:
    """Join consecutive stream outputs of one cell that have the same name (stdout, stderr). The kernel sends what
    a cell prints in as many messages as the timing of its flushes makes (more on a loaded machine), and each
    message became its own block on the page; joined, the page no longer depends on the machine's load."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        merged = []
        for out in cell.get("outputs", []):
            if (out.get("output_type") == "stream" and merged and merged[-1].get("output_type") == "stream"
                    and merged[-1].get("name") == out.get("name")):
                merged[-1]["text"] += out["text"]
            else:
                merged.append(out)
        cell.outputs = merged


def execute_to_cache(notebook: str, cache_file: str, options: dict):
    """Execute ``notebook`` and convert it as mkdocs-jupyter does; returns the executed notebook node."""
    from mkdocs_jupyter import convert
    from nbconvert.preprocessors import ExecutePreprocessor

    executed = []
    original = ExecutePreprocessor.preprocess

    def keep(self, nb, resources=None, km=None):  # the exporter's own execution step, its result kept
        nb, resources = original(self, nb, resources, km)
        merge_streams(nb)
        executed.append(copy.deepcopy(nb))
        return nb, resources

    ExecutePreprocessor.preprocess = keep
    try:
        body = convert.nb2html(notebook, execute=True, **{k: options[k] for k in OPTIONS})
    finally:
        ExecutePreprocessor.preprocess = original
    _write_cache(notebook, cache_file, body, options)
    return executed[0] if executed else None


def convert_with_outputs(notebook: str, cache_file: str, executed, options: dict) -> bool:
    """Convert ``notebook`` with the outputs of ``executed`` (its twin, run); False if their code differs."""
    import nbformat
    from mkdocs_jupyter import convert

    nb = nbformat.read(notebook, as_version=4)
    mine = [c for c in nb.cells if c.cell_type == "code"]
    theirs = [c for c in executed.cells if c.cell_type == "code"]
    if [c.source for c in mine] != [c.source for c in theirs]:
        return False
    for cell, done in zip(mine, theirs):
        cell.outputs = copy.deepcopy(done.outputs)
        cell.execution_count = done.execution_count
    with tempfile.TemporaryDirectory() as tmp:  # same file name, so the converter sees the same notebook name
        copy_path = Path(tmp) / Path(notebook).name
        nbformat.write(nb, copy_path)
        body = convert.nb2html(str(copy_path), execute=False, **{k: options[k] for k in OPTIONS})
    _write_cache(notebook, cache_file, body, options)
    return True


def run_group(pairs: list[tuple[str, str]], options: dict) -> None:
    executed = execute_to_cache(*pairs[0], options)
    for notebook, cache_file in pairs[1:]:
        if executed is None or not convert_with_outputs(notebook, cache_file, executed, options):
            execute_to_cache(notebook, cache_file, options)


if __name__ == "__main__":
    args = sys.argv[2:]
    run_group(list(zip(args[::2], args[1::2])), json.loads(sys.argv[1]))
