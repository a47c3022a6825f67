"""Compute the values pages quote, with a cache keyed on the code behind each one (like the figures).

Key of one value = sha256 of its module and every project module that imports (:mod:`tfnotes._deps`), its name,
and the versions of the numerical libraries. The cache is one JSON file, ``values.json`` in the build's cache
directory: ``{name: {"key": ..., "value": ...}}``. :func:`stale` reads the value modules' source with ``ast`` and
imports nothing, so a warm build that has nothing to compute stays fast; the site build calls :func:`compute_all`
in the same process that draws the figures (:mod:`tfnotes.products`), so TensorFlow is imported once per build and
results the figures memoised are reused.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import json
from importlib import metadata
from pathlib import Path

from tfnotes import _deps
from tfnotes.values import PageValueError, clean, load_all, modules

CACHE_FILE = "values.json"
LIBRARIES = ("numpy", "tensorflow", "scikit-learn")


def discover() -> dict[str, str]:
    """``{value name: module}`` for every ``@value("...")`` in the value modules, read from source."""
    found: dict[str, str] = {}
    for module in modules():
        tree = ast.parse(_deps.module_path(module).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                for deco in node.decorator_list:
                    if isinstance(deco, ast.Call) and getattr(deco.func, "id", None) == "value":
                        name = ast.literal_eval(deco.args[0])
                        if name in found:
                            raise PageValueError(f"value {name!r} is defined twice ({found[name]}, {module})")
                        found[name] = module
    return found


@functools.lru_cache(maxsize=None)
def _versions() -> str:
    out = []
    for lib in LIBRARIES:
        try:
            out.append(f"{lib}={metadata.version(lib)}")
        except metadata.PackageNotFoundError:
            out.append(f"{lib}=none")
    return "|".join(out)


def value_key(name: str, module: str) -> str:
    h = hashlib.sha256(f"{name}|{module}|{_versions()}".encode())
    h.update(_deps.source_hash(_deps.closure(module)).encode())
    return h.hexdigest()


def _read(cache_dir: Path | None) -> dict:
    path = Path(cache_dir) / CACHE_FILE if cache_dir else None
    if path and path.exists():
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError:  # a half-written file from an interrupted build: recompute
            return {}
    return {}


def stale(cache_dir: Path | None) -> list[str]:
    """Names of the values whose cached entry is missing or whose code changed. Imports no value module."""
    cached = _read(cache_dir)
    return sorted(name for name, module in discover().items()
                  if cached.get(name, {}).get("key") != value_key(name, module))


def load(cache_dir: Path | None) -> dict[str, object]:
    """``{name: value}`` of every value whose cached entry is current (what the pages print)."""
    cached = _read(cache_dir)
    return {name: cached[name]["value"] for name, module in discover().items()
            if cached.get(name, {}).get("key") == value_key(name, module)}


def _compute_one(name: str) -> object:
    registry = load_all()
    if name not in registry:
        raise PageValueError(f"unknown value {name!r}; known: {sorted(registry)}")
    try:
        return clean(name, registry[name].compute())
    except PageValueError:
        raise
    except Exception as exc:
        raise PageValueError(f"value {name!r} failed: {type(exc).__name__}: {exc}") from exc


def current_keys() -> dict[str, str]:
    """``{name: key}`` of every value, from the sources on disk now (take them before importing the code)."""
    return {name: value_key(name, module) for name, module in discover().items()}


def compute_all(cache_dir: Path, keys: dict[str, str] | None = None) -> list[str]:
    """Compute every stale value into ``cache_dir``; drop entries of values that no longer exist. Returns the
    names computed.

    ``keys`` (from :func:`current_keys`, taken before the process imported any project code) is what each result
    is stored under, so a file edited while the values compute cannot label an old result as new.
    """
    from tfnotes import _memo

    keys = keys if keys is not None else current_keys()
    cached_now = _read(cache_dir)
    todo = sorted(name for name, key in keys.items() if cached_now.get(name, {}).get("key") != key)
    known = discover()
    cached = {name: entry for name, entry in _read(cache_dir).items() if name in known}
    if not todo and len(cached) == len(_read(cache_dir)):
        return []
    saved, _memo.CACHE_DIR = _memo.CACHE_DIR, Path(cache_dir)
    try:
        for name in todo:
            cached[name] = {"key": keys[name], "value": _compute_one(name)}
    finally:
        _memo.CACHE_DIR = saved
    path = Path(cache_dir) / CACHE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(cached, indent=1, sort_keys=True, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)
    return todo


def get(name: str, cache_dir: Path | None) -> object:
    """One value: from the cache if current, else computed now (memoised runs read from ``cache_dir``)."""
    known = discover()
    if name not in known:
        raise PageValueError(f"unknown value {name!r}; known: {sorted(known)}")
    entry = _read(cache_dir).get(name, {})
    if entry.get("key") == value_key(name, known[name]):
        return entry["value"]
    from tfnotes import _memo

    saved = _memo.CACHE_DIR
    if cache_dir:  # runs computed here are stored where the build looks: one computation for tests and build
        Path(cache_dir).mkdir(parents=True, exist_ok=True)
        _memo.CACHE_DIR = Path(cache_dir)
    try:
        return _compute_one(name)
    finally:
        _memo.CACHE_DIR = saved
