"""Before the first language is built (once per build), three kinds of work start side by side, each only for
what changed: the figures and values (one subprocess, :mod:`tfnotes.products`: TensorFlow imported once, fresh
imports under ``mkdocs serve``, a crash cannot take the server down), the snippets whose output a page shows (one
subprocess) and the notebooks (one kernel each, into mkdocs-jupyter's cache). Any failure fails the build and names
the figure, value, snippet or notebook."""

from __future__ import annotations

import logging
import resource
import subprocess
import sys
import time
from pathlib import Path

from mkdocs.exceptions import PluginError

from tfnotes import _deps, demos
from tfnotes.figures import render
from tfnotes.site import cache_dir, figures, notebooks, outputs, rebuild, root_of, state, tail
from tfnotes.values import _compute as values_compute

log = logging.getLogger("mkdocs.hooks.tfnotes")
DEMO_DIR = "assets/demos"  # the data files of tfnotes.demos, beside the figures


def build(config) -> None:
    state["start"] = time.perf_counter()
    key, key_file = rebuild.products_key(config), cache_dir(config) / "products.key"
    if key is not None and key == (state.get("products_key") or (key_file.read_text() if key_file.exists() else "")):
        log.info("figures, values, demos, snippet outputs, notebooks: nothing they read changed")
        state["pre_build_seconds"] = time.perf_counter() - state["start"]
        state["output_dirs"] = (root_of(config), cache_dir(config) / "outputs")
        # every entry was current when the key was taken (values_compute.load would check each key again)
        state["values"] = state.get("values") or {name: entry["value"] for name, entry
                                                  in values_compute._read(cache_dir(config)).items()}
        return
    state["figures"] = None  # re-read the registry once per build (files may have changed under serve)
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    _deps.direct_imports.cache_clear()  # under `mkdocs serve`, sources change between builds
    _deps.lazy_table.cache_clear()
    root, cache = root_of(config), cache_dir(config)
    out_dir = Path(config.docs_dir) / figures.FIGURE_DIR
    snippet_runs = outputs.start(Path(config.docs_dir), root, cache / "outputs")
    if snippet_runs:
        log.info(f"snippets: running {len(snippet_runs['stale'])} for their output")
    notebook_runs = notebooks.start(config)
    if notebook_runs:
        log.info(f"notebooks: executing {sum(len(nbs) for nbs, _ in notebook_runs)} "
                 f"({len(notebook_runs)} kernels in parallel, twins share one)")
    demo_dir = Path(config.docs_dir) / DEMO_DIR
    todo, values_todo = render.stale(out_dir, cache), values_compute.stale(cache)
    demos_todo = demos.stale(demo_dir, cache)
    if not todo and not values_todo and not demos_todo:
        log.info(f"figures: all {len(render.discover()) * 2} cached; values: all cached; demos: all cached")
    else:
        log.info(f"figures: drawing {len(todo)} file(s), values: computing {len(values_todo)}, "
                 f"demos: exporting {len(demos_todo)}, whose code changed")
        proc = subprocess.run([sys.executable, "-m", "tfnotes.products", "--out", str(out_dir),
                               "--demos", str(demo_dir), "--cache", str(cache)],
                              capture_output=True, text=True, check=False, cwd=root)
        if proc.returncode != 0:
            raise PluginError("figures or values failed: " + tail(proc.stdout + proc.stderr))
        log.info(proc.stdout.strip())
    products_done = time.perf_counter()
    state["values"] = values_compute.load(cache)
    outputs.finish(snippet_runs)
    snippets_done = time.perf_counter()
    notebooks.finish(notebook_runs)
    now, cpu = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    state["pre_build_seconds"] = now - state["start"]
    log.info(f"pre-build: {now - state['start']:.1f} s; figures, values and demos ready after "
             f"{products_done - state['start']:.1f} s, snippet outputs after {snippets_done - state['start']:.1f} s, "
             f"notebooks after {now - state['start']:.1f} s; "
             f"{cpu.ru_utime + cpu.ru_stime - cpu_before.ru_utime - cpu_before.ru_stime:.1f} s of CPU in those "
             f"processes")
    state["products_key"] = rebuild.products_key(config)  # as they are now that everything is made
    if state["products_key"] is not None:
        key_file.write_text(state["products_key"])
