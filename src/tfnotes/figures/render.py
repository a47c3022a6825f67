"""Render every registered figure for every language, with a cache keyed on the code behind it.

Key of one file = sha256 of the figure's module and every project module it imports
(:mod:`tfnotes._deps`), the matplotlib style, the figure's name, language and format, and the
versions of the libraries that draw it. A warm rebuild therefore renders nothing, and an edit to
``kmeans/reference.py`` re-renders exactly the figures whose code imports it.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from tfnotes import _deps
from tfnotes.figures import FigureSpec, load_all
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


def filename(spec: FigureSpec, lang: str) -> str:
    return f"{spec.name}.{lang}.{spec.fmt}"


def figure_key(spec: FigureSpec, lang: str) -> str:
    """The cache key of one figure file (see the module docstring)."""
    from tfnotes.figures.style import STYLE

    h = hashlib.sha256()
    h.update(_deps.source_hash(_deps.closure(spec.module)).encode())
    h.update(_deps.read_source(STYLE))
    h.update(f"{spec.name}|{lang}|{spec.fmt}".encode())
    for lib in LIBRARIES:
        h.update(f"|{lib}={metadata.version(lib)}".encode())
    return h.hexdigest()


def render_all(out_dir: Path, cache_dir: Path | None = None, *, langs=LANGS, names=None) -> Report:
    """Draw what changed into ``out_dir`` (``<name>.<lang>.<fmt>``); return what was done.

    Args:
        out_dir: where the figure files go (the site's ``docs/assets/figures``).
        cache_dir: where the manifest of keys lives; None renders everything.
        langs: languages to draw.
        names: only these figures (default: all registered).
    """
    from tfnotes.figures import style

    start = time.perf_counter()
    out_dir, report = Path(out_dir), Report()
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest_path = Path(cache_dir) / MANIFEST if cache_dir else None
    manifest = json.loads(manifest_path.read_text()) if manifest_path and manifest_path.exists() else {}
    registry = load_all()
    specs = [registry[n] for n in (names or sorted(registry))]
    style.use_style()
    for spec in specs:
        for lang in langs:
            fname, key = filename(spec, lang), figure_key(spec, lang)
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
    """``python -m tfnotes.figures.render [OUT_DIR]``: render into docs/assets/figures (cached)."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else Path("docs/assets/figures")
    print(render_all(out, Path(".cache/tfnotes")).summary())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
