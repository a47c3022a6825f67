"""The figure registry: every figure on the site, as a pure function of the page language.

A figure module decorates a function ``f(lang) -> matplotlib.figure.Figure`` with :func:`figure`.
Its alt text and caption come from :data:`tfnotes.figures.strings.FIGURES` (both languages), so a
figure cannot be registered with text in one language only. :func:`tfnotes.figures.render.render_all`
draws every registered figure for every language; the MkDocs hook calls it at build time.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from tfnotes.figures.strings import FIGURES, LANGS

STYLE = Path(__file__).with_name("tfnotes.mplstyle")  # the matplotlib style of every figure

# Figure modules, one idea per file. render_all imports them all.
MODULES = (
    "tfnotes.figures.kmeans_basics",
    "tfnotes.figures.kmeans_classic",
    "tfnotes.figures.kmeans_cost",
    "tfnotes.figures.kmeans_init",
    "tfnotes.figures.kmeans_choose_k",
    "tfnotes.figures.kmeans_failures",
    "tfnotes.figures.kmeans_real",
    "tfnotes.figures.rnn_cell",
    "tfnotes.figures.rnn_hello",
    "tfnotes.figures.rnn_bptt",
    "tfnotes.figures.rnn_training",
)


@dataclass(frozen=True)
class FigureSpec:
    name: str  # file stem on the site: assets/figures/<name>.<lang>.<fmt>
    draw: Callable  # draw(lang) -> matplotlib.figure.Figure
    module: str  # the module that defines draw (its import closure keys the cache)
    fmt: str  # "svg" for line art, "png" for dense scatter

    def alt(self, lang: str) -> str:
        return FIGURES[self.name]["alt"][lang]

    def caption(self, lang: str) -> str:
        return FIGURES[self.name]["caption"][lang]


REGISTRY: dict[str, FigureSpec] = {}


def figure(name: str, *, fmt: str = "svg") -> Callable[[Callable], Callable]:
    """Register ``draw(lang)`` as figure ``name``; its alt text and caption must exist in every language."""
    if fmt not in ("svg", "png"):
        raise ValueError(f"fmt must be 'svg' or 'png', got {fmt!r}")
    text = FIGURES.get(name)
    if text is None:
        raise KeyError(f"figure {name!r} has no entry in tfnotes.figures.strings.FIGURES")
    for field in ("alt", "caption"):
        missing = [lang for lang in LANGS if not text.get(field, {}).get(lang)]
        if missing:
            raise KeyError(f"figure {name!r} has no {field} for language(s) {missing}")

    def register(draw: Callable) -> Callable:
        if name in REGISTRY and REGISTRY[name].draw.__qualname__ != draw.__qualname__:
            raise ValueError(f"figure name {name!r} is registered twice")
        REGISTRY[name] = FigureSpec(name, draw, draw.__module__, fmt)
        return draw

    return register


def load_all() -> dict[str, FigureSpec]:
    """Import every figure module and return the registry."""
    for module in MODULES:
        importlib.import_module(module)
    return REGISTRY
