"""Render every registered figure for every language, with a cache keyed on the code behind it.

Key of one file = sha256 of the figure's module and every project module it imports
(:mod:`tfnotes._deps`), the matplotlib style, the figure's name, language and format, and the
versions of the libraries that draw it. A warm rebuild therefore renders nothing, and an edit to
``kmeans/reference.py`` re-renders exactly the figures whose code imports it.
"""

from __future__ import annotations

import argparse
import ast
import functools
import hashlib
import json
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from tfnotes import _deps
from tfnotes.figures import MODULES, STYLE, load_all
from tfnotes.figures.strings import LANGS

LIBRARIES = ("matplotlib", "numpy", "tensorflow")
MANIFEST = "figures.json"


class FigureError(RuntimeError):
    """A figure function raised; the message names the figure and the language."""


@dataclass
class Report:
    rendered: list[str] = field(default_factory=list)  # file names drawn this time
    cached: list[str] = field(default_factory=list)  # file names whose key had not changed
    removed: list[str] = field(default_factory=list)  # stale files of figures that no longer exist
    seconds: float = 0.0

    def summary(self) -> str:
        return (f"figures: {len(self.rendered)} rendered, {len(self.cached)} cached, "
                f"{len(self.removed)} removed in {self.seconds:.1f} s")


@dataclass(frozen=True)
class StaticSpec:
    """What the cache needs to know of a figure, read from source without importing it."""

    name: str
    module: str
    fmt: str


def discover() -> dict[str, StaticSpec]:
    """Every ``@figure(...)`` in the figure modules, found by reading their source.

    Computing cache keys this way imports neither matplotlib nor TensorFlow, so a warm build that
    has nothing to draw stays fast. A test checks that this agrees with the imported registry.
    """
    found: dict[str, StaticSpec] = {}
    for module in MODULES:
        path = _deps.module_path(module)
        if path is None:
            raise FigureError(f"figure module {module!r} not found")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef):
                continue
            for deco in node.decorator_list:
                if isinstance(deco, ast.Call) and getattr(deco.func, "id", None) == "figure":
                    name = ast.literal_eval(deco.args[0])
                    fmt = next((ast.literal_eval(kw.value) for kw in deco.keywords if kw.arg == "fmt"), "svg")
                    found[name] = StaticSpec(name, module, fmt)
    return found


def filename(spec, lang: str) -> str:
    return f"{spec.name}.{lang}.{spec.fmt}"


@functools.lru_cache(maxsize=None)
def _versions() -> str:
    return "|".join(f"{lib}={metadata.version(lib)}" for lib in LIBRARIES)


def figure_key(spec, lang: str) -> str:
    """The cache key of one figure file (see the module docstring)."""
    h = hashlib.sha256()
    h.update(_deps.source_hash(_deps.closure(spec.module)).encode())
    h.update(_deps.read_source(STYLE))
    h.update(f"{spec.name}|{lang}|{spec.fmt}".encode())
    h.update(_versions().encode())
    return h.hexdigest()


def _manifest(cache_dir: Path | None) -> dict[str, str]:
    path = Path(cache_dir) / MANIFEST if cache_dir else None
    return json.loads(path.read_text()) if path and path.exists() else {}


def stale(out_dir: Path, cache_dir: Path | None, *, langs=LANGS) -> list[str]:
    """File names that a render would draw now (missing, or their key changed). Imports no figure."""
    manifest = _manifest(cache_dir)
    return [filename(spec, lang) for spec in discover().values() for lang in langs
            if manifest.get(filename(spec, lang)) != figure_key(spec, lang)
            or not (Path(out_dir) / filename(spec, lang)).exists()]


def render_all(out_dir: Path, cache_dir: Path | None = None, *, langs=LANGS, names=None) -> Report:
    """Draw what changed into ``out_dir`` (``<name>.<lang>.<fmt>``); return what was done.

    Args:
        out_dir: where the figure files go (the site's ``docs/assets/figures``).
        cache_dir: where the manifest of keys lives; None renders everything.
        langs: languages to draw.
        names: only these figures (default: all registered).
    """
    import matplotlib

    matplotlib.use("Agg")  # files only; notebooks that import tfnotes.figures.style keep their backend
    from tfnotes import _memo as memo
    from tfnotes.figures import style

    start = time.perf_counter()
    memo.CACHE_DIR = Path(cache_dir) if cache_dir else None
    out_dir, report = Path(out_dir), Report()
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest_path = Path(cache_dir) / MANIFEST if cache_dir else None
    manifest = _manifest(cache_dir)
    # keys from the sources before they are imported: a file saved during the render cannot label an old drawing new
    keys = {filename(spec, lang): figure_key(spec, lang) for spec in discover().values() for lang in langs}
    registry = load_all()
    specs = [registry[n] for n in (names or sorted(registry))]
    style.use_style()
    for spec in specs:
        for lang in langs:
            fname = filename(spec, lang)
            key = keys.get(fname) or figure_key(spec, lang)
            target = out_dir / fname
            if manifest.get(fname) == key and target.exists():
                report.cached.append(fname)
                continue
            try:
                data = style.save(spec.draw(lang), spec.fmt)
            except Exception as exc:
                raise FigureError(f"figure {spec.name!r} ({lang}) failed: {type(exc).__name__}: {exc}") from exc
            if not target.exists() or target.read_bytes() != data:  # untouched files don't wake `mkdocs serve`
                target.write_bytes(data)
            manifest[fname] = key
            report.rendered.append(fname)
    if names is None:  # a full run also clears files of figures that were renamed or deleted
        expected = {filename(s, lang) for s in specs for lang in langs}
        for path in sorted(out_dir.glob("*.*.*")):
            if path.name not in expected:
                path.unlink()
                manifest.pop(path.name, None)
                report.removed.append(path.name)
    if manifest_path:
        manifest_path.parent.mkdir(parents=True, exist_ok=True)
        manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True))
    report.seconds = time.perf_counter() - start
    return report


def main(argv: list[str] | None = None) -> int:
    """``python -m tfnotes.figures.render``: draw what changed (the site build runs this through tfnotes.products)."""
    parser = argparse.ArgumentParser(prog="python -m tfnotes.figures.render", description=main.__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/assets/figures"), help="figure directory")
    parser.add_argument("--cache", type=Path, default=Path(".cache/tfnotes"), help="cache directory")
    parser.add_argument("names", nargs="*", help="only these figures (default: all)")
    args = parser.parse_args(argv)
    try:
        report = render_all(args.out, args.cache, names=args.names or None)
    except FigureError as exc:
        print(f"error: {exc}")
        return 1
    print(report.summary())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
