"""Data for the in-browser demos, exported by the build from the package (never typed into the JavaScript).

One module per demo, ``tfnotes.demos.<name>``, defines ``export() -> dict``: plain JSON (nested lists of numbers,
strings). :func:`export_all` writes ``<out>/<name>.json`` for each demo whose key changed; the key is the sha256 of
the module and every project module it imports (:mod:`tfnotes._deps`) and the library versions, exactly like the
figures, so a warm build exports nothing and an edit to ``kmeans/reference.py`` re-exports the k-means data.
The browser code is ``docs/assets/javascripts/demos/<name>.js``; its UI text is ``<name>.toml`` here, read into
:data:`tfnotes.demos.strings.STRINGS`, which the page embeds in its own language (:mod:`tfnotes.site.demos`).

Floats are written with ``repr`` (the shortest string that reads back as the same double), so the browser starts
from bit-identical numbers.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import math
import time
from importlib import metadata
from pathlib import Path

from tfnotes import _deps, _memo

HERE = Path(__file__).parent
# Every module of this package but this one and ``strings`` is a demo: tfnotes.demos.<name> with export(), its UI
# text <name>.toml beside it, its script docs/assets/javascripts/demos/<name>.js (a test checks all three).
DEMOS: tuple[str, ...] = tuple(sorted(p.stem for p in HERE.glob("*.py") if p.stem not in ("__init__", "strings")))
MANIFEST = "demos.json"
LIBRARIES = ("numpy", "tensorflow")


class DemoError(RuntimeError):
    """A demo's export failed or returned something that is not finite JSON; the message names the demo."""


def module(name: str) -> str:
    return f"tfnotes.demos.{name}"


def filename(name: str) -> str:
    return f"{name}.json"


def demo_key(name: str) -> str:
    h = hashlib.sha256(name.encode())
    h.update(_deps.source_hash(_deps.closure(module(name))).encode())
    h.update("|".join(f"{lib}={metadata.version(lib)}" for lib in LIBRARIES).encode())
    return h.hexdigest()


def _manifest(cache_dir: Path | None) -> dict[str, str]:
    path = Path(cache_dir) / MANIFEST if cache_dir else None
    try:
        return json.loads(path.read_text()) if path and path.exists() else {}
    except json.JSONDecodeError:  # a half-written file from an interrupted build: export again
        return {}


def stale(out_dir: Path, cache_dir: Path | None) -> list[str]:
    """Demos whose data file is missing or whose code changed. Imports no demo module."""
    manifest = _manifest(cache_dir)
    return [name for name in DEMOS
            if manifest.get(name) != demo_key(name) or not (Path(out_dir) / filename(name)).exists()]


def _checked(name: str, value: object, where: str = "") -> object:
    """``value`` as plain JSON types; NaN, infinity and other types fail with the demo and the place named."""
    if isinstance(value, dict):
        return {str(k): _checked(name, v, f"{where}.{k}") for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_checked(name, v, f"{where}[{i}]") for i, v in enumerate(value)]
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):  # NumPy arrays and scalars
        return _checked(name, value.tolist(), where)
    if isinstance(value, bool) or value is None or isinstance(value, (str, int)):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise DemoError(f"demo {name!r}: {value} at {where or 'top level'} is not a finite number")
        return value
    raise DemoError(f"demo {name!r}: {type(value).__name__} at {where or 'top level'} is not JSON")


def dumps(name: str, data: object) -> bytes:
    """The file's bytes: compact, keys sorted, the same bytes for the same data."""
    return json.dumps(_checked(name, data), separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()


def export(name: str) -> dict:
    """Run ``tfnotes.demos.<name>.export()`` (no file written)."""
    if name not in DEMOS:
        raise DemoError(f"unknown demo {name!r}; known: {list(DEMOS)}")
    try:
        return importlib.import_module(module(name)).export()
    except DemoError:
        raise
    except Exception as exc:
        raise DemoError(f"demo {name!r} failed: {type(exc).__name__}: {exc}") from exc


def export_all(out_dir: Path, cache_dir: Path | None = None) -> tuple[list[str], float]:
    """Write ``<out_dir>/<name>.json`` for every demo whose key changed; returns (names exported, seconds)."""
    start = time.perf_counter()
    keys = {name: demo_key(name) for name in DEMOS}  # from the sources before they are imported
    manifest = _manifest(cache_dir)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    done = []
    saved, _memo.CACHE_DIR = _memo.CACHE_DIR, Path(cache_dir) if cache_dir else None  # runs the figures memoised
    try:
        for name in DEMOS:
            target = out_dir / filename(name)
            if manifest.get(name) == keys[name] and target.exists():
                continue
            data = dumps(name, export(name))
            if not target.exists() or target.read_bytes() != data:  # untouched files don't wake `mkdocs serve`
                target.write_bytes(data)
            manifest[name] = keys[name]
            done.append(name)
    finally:
        _memo.CACHE_DIR = saved
    if cache_dir:
        Path(cache_dir).mkdir(parents=True, exist_ok=True)
        (Path(cache_dir) / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return done, time.perf_counter() - start
