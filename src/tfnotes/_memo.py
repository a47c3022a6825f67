"""A disk cache for expensive results that figures and values share (a trained model, a loss curve).

``@memo`` caches a function's result on disk, keyed on its arguments and on the source of every
project module its own module imports (:mod:`tfnotes._deps`) except the figure string table (a
module of ``tfnotes.figures`` imports it through the package, but no result depends on a caption
or label, so editing a caption must not retrain a model), so the figures and the values of both
languages use one training run per build, and a warm build trains nothing.

A result is written to disk only if the sources are still those the process imported: a file edited while a build
runs (an editor saving under ``mkdocs serve``) would otherwise store what the old code computed under the new
code's key. Results must be
picklable (NumPy arrays, dicts, lists, numbers, strings).
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
from pathlib import Path
from typing import Callable

from tfnotes import _deps

TEXT_ONLY = "tfnotes.figures.strings"
CACHE_DIR: Path | None = None  # set by tfnotes.products (figures and values); None keeps results in memory only


def memo(fn: Callable) -> Callable:
    """Cache ``fn(*args, **kwargs)`` in memory and, when :data:`CACHE_DIR` is set, on disk."""
    in_memory: dict[str, object] = {}
    loaded = _files_hash(fn)  # the files as this process imported them

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        code = _code_hash(fn)
        h = hashlib.sha256(f"{fn.__module__}.{fn.__qualname__}|{args!r}|{sorted(kwargs.items())!r}".encode())
        h.update(code.encode())
        key = h.hexdigest()[:24]
        path = CACHE_DIR / "results" / f"{fn.__qualname__}-{key}.pickle" if CACHE_DIR else None
        if key in in_memory:
            result = in_memory[key]  # computed earlier in this process, perhaps before CACHE_DIR was set
        elif path is not None and path.exists():
            result = pickle.loads(path.read_bytes())
        else:
            result = fn(*args, **kwargs)
        # Every process then reads the same result: TensorFlow's float64 sums differ by ~1e-15 between processes,
        # so a second computation would not be byte-identical to the first.
        if path is not None and not path.exists() and _files_hash(fn) == loaded:
            path.parent.mkdir(parents=True, exist_ok=True)
            for old in path.parent.glob(f"{fn.__qualname__}-*.pickle"):
                old.unlink(missing_ok=True)  # another process (a test worker, a build) may have removed it
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            tmp.write_bytes(pickle.dumps(result))
            tmp.replace(path)  # atomic: a process reading the cache never sees half a file
        in_memory[key] = result
        return result

    return wrapper


def _code_hash(fn: Callable) -> str:
    return _deps.source_hash([m for m in _deps.closure(fn.__module__) if m != TEXT_ONLY])


def disk_source(path: Path) -> bytes:
    """A module file's bytes on disk (a seam for the test that simulates a save during a run)."""
    return path.read_bytes()


def _files_hash(fn: Callable) -> str:
    """The files behind ``fn`` as they are on disk now. Unlike the key this ignores ``_deps.read_source``, which
    tests patch to simulate an edit, so a process that imported code during such a test still stores results."""
    h = hashlib.sha256()
    for mod in _deps.closure(fn.__module__):
        path = _deps.module_path(mod)
        if path is not None:
            h.update(disk_source(path))
    return h.hexdigest()
