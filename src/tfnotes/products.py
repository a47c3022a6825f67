"""``python -m tfnotes.products``: draw the figures, compute the values and export the demos' data whose code
changed, in one process.

The site build runs this once per build (TensorFlow, when something needs it, is imported once, and a run that a
figure and a sentence both quote is computed once: :mod:`tfnotes.runs` memoises it in memory and on disk).
Prints one summary line per kind; exits 1 with the failing figure or value named.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from tfnotes import demos
from tfnotes.figures import render
from tfnotes.values import PageValueError, _compute


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tfnotes.products", description=main.__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/assets/figures"), help="figure directory")
    parser.add_argument("--demos", type=Path, default=Path("docs/assets/demos"), help="demo data directory")
    parser.add_argument("--cache", type=Path, default=Path(".cache/tfnotes"), help="cache directory")
    args = parser.parse_args(argv)
    try:
        value_keys = _compute.current_keys()  # before the figures import the code the values run
        report = render.render_all(args.out, args.cache)
        print(report.summary())
        start = time.perf_counter()
        computed = _compute.compute_all(args.cache, value_keys)
        print(f"values: {len(computed)} computed in {time.perf_counter() - start:.1f} s"
              + (f" ({', '.join(computed)})" if computed else ""))
        exported, seconds = demos.export_all(args.demos, args.cache)
        print(f"demos: {len(exported)} exported in {seconds:.1f} s" + (f" ({', '.join(exported)})" if exported else ""))
    except (render.FigureError, PageValueError, demos.DemoError) as exc:
        print(f"error: {exc}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
