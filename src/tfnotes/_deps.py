"""Which project modules a piece of code depends on, and a hash of their source.

The figure cache and the result cache key their entries on this hash, so editing a module
re-renders exactly the figures (and recomputes exactly the results) whose code imports it, directly
or through other project modules. Imports are read from the source with ``ast`` without running
anything. A package that loads names lazily declares them in a ``_LAZY = {name: module}`` table,
which is read too: ``from tfnotes.kmeans import kmeans`` depends on the module that defines it. Written by hand because no library computes a static, package-local import closure.
"""

from __future__ import annotations

import ast
import hashlib
from functools import lru_cache
from pathlib import Path

PACKAGE = "tfnotes"
ROOT = Path(__file__).resolve().parent  # the tfnotes package directory


def read_source(path: Path) -> bytes:
    """The bytes that count as a module's source (a seam for tests that simulate an edit)."""
    return path.read_bytes()


@lru_cache(maxsize=None)
def module_path(name: str) -> Path | None:
    """The source file of project module ``name``, or None if ``name`` is not a module.

    Resolved from the package directory, without importing anything (importlib's find_spec would
    import the parent packages, and with them TensorFlow or matplotlib).
    """
    parts = name.split(".")
    if parts[0] != PACKAGE:
        return None
    base = ROOT.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


@lru_cache(maxsize=None)
def lazy_table(name: str) -> dict[str, str]:
    """The ``_LAZY`` table of package ``name`` (empty if it has none)."""
    path = module_path(name)
    if path is None:
        return {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "_LAZY" for t in node.targets):
            return ast.literal_eval(node.value)
    return {}


def _parents(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


@lru_cache(maxsize=None)
def direct_imports(name: str) -> frozenset[str]:
    """Project modules that ``name`` imports anywhere in its source (including inside functions)."""
    path = module_path(name)
    if path is None:
        return frozenset()
    return _imports_in(path, name)


def _imports_in(path: Path, name: str, source: str | None = None) -> frozenset[str]:
    tree = ast.parse(path.read_text(encoding="utf-8") if source is None else source)
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".") if is_package else name.split(".")[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
            lazy = lazy_table(base)
            found.update(lazy[alias.name] for alias in node.names if alias.name in lazy)
    mods = {m for m in found if m.split(".")[0] == PACKAGE and module_path(m) is not None}
    return frozenset(mods | {p for m in mods for p in _parents(m)})


def closure(name: str) -> list[str]:
    """``name``, its parent packages and every project module they import, transitively; sorted."""
    seen: set[str] = set()
    todo = [name, *_parents(name)]
    while todo:
        mod = todo.pop()
        if mod in seen or module_path(mod) is None:
            continue
        seen.add(mod)
        todo.extend(direct_imports(mod))
    return sorted(seen)


def script_closure(path: Path, source: str | None = None) -> list[str]:
    """Project modules that a script outside the package (a snippet, or the code of a notebook given
    as ``source``) imports, transitively."""
    mods: set[str] = set()
    for mod in _imports_in(Path(path), "__main__", source):
        mods.update(closure(mod))
    return sorted(mods)


def notebook_closure(path: Path) -> list[str]:
    """Project modules that the code cells of a notebook import, transitively (IPython magics skipped)."""
    import json

    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    code = "\n".join(line for line in code.splitlines() if not line.lstrip().startswith(("%", "!")))
    return script_closure(path, code)


def source_hash(modules: list[str]) -> str:
    """sha256 over the names and sources of ``modules``."""
    h = hashlib.sha256()
    for mod in modules:
        path = module_path(mod)
        h.update(mod.encode() + b"\0")
        if path is not None:
            h.update(read_source(path) + b"\0")
    return h.hexdigest()
