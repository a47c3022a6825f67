"""Drawing helpers for the RNN diagrams: nodes, boxes and arrows in data coordinates on a blank axes.

The diagrams are drawn on an axes with equal aspect and no frame, so one data unit is the same length across and
up, and a figure's layout reads like a sketch on squared paper. Colours: one per weight matrix, the same in every
RNN figure, so "the same weights at every step" can also be seen.
"""

from __future__ import annotations

from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

from tfnotes.figures import _plot

INK = "#222222"  # forward pass, outlines
GRAD = "#D55E00"  # backward pass (Okabe-Ito vermillion)
WEIGHT = {"W_xh": "#0072B2", "W_hh": "#E69F00", "W_hy": "#009E73"}  # blue, orange, green
FILL = {"x": _plot.light("#0072B2", 0.85), "h": _plot.light("#E69F00", 0.8), "y": _plot.light("#009E73", 0.82),
        "loss": "#f2f2f2", "note": "#f7f7f7", "highlight": _plot.light("#F0E442", 0.6)}


def canvas(width: float, height: float, xlim: tuple[float, float], ylim: tuple[float, float]):
    """A figure with one frameless axes whose data units are equal in x and y."""
    fig, ax = _plot.subplots(width=width, height=height)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig, ax


def node(ax, x: float, y: float, text: str, *, r: float = 0.32, fill: str = "white", edge: str = INK,
         size: float = 11, lw: float = 1.2, **kw) -> Circle:
    """A circle with centred text (a vector: an input, a state, an output)."""
    circle = Circle((x, y), r, facecolor=fill, edgecolor=edge, lw=lw, zorder=3)
    ax.add_patch(circle)
    ax.text(x, y, text, ha="center", va="center", fontsize=size, zorder=4, **kw)
    return circle


def box(ax, x: float, y: float, w: float, h: float, text: str = "", *, fill: str = "white", edge: str = INK,
        size: float = 11, lw: float = 1.2, pad: float = 0.06, ls: str = "-", zorder: float = 3, **kw):
    """A rounded rectangle centred at (x, y) with centred text."""
    patch = FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle=f"round,pad={pad},rounding_size=0.12",
                           facecolor=fill, edgecolor=edge, lw=lw, ls=ls, zorder=zorder)
    ax.add_patch(patch)
    if text:
        ax.text(x, y, text, ha="center", va="center", fontsize=size, zorder=zorder + 1, **kw)
    return patch


def arrow(ax, start, end, *, color: str = INK, lw: float = 1.4, ls: str = "-", rad: float = 0.0,
          head: float = 11, shrink: float = 0.0, zorder: float = 2, patches=(None, None)) -> FancyArrowPatch:
    """An arrow from ``start`` to ``end``; ``patches`` clips it at the outlines of the shapes it joins."""
    a = FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=head, color=color, lw=lw, ls=ls,
                        connectionstyle=f"arc3,rad={rad}", shrinkA=shrink, shrinkB=shrink,
                        patchA=patches[0], patchB=patches[1], zorder=zorder)
    ax.add_patch(a)
    return a


def label(ax, x: float, y: float, text: str, *, color: str = INK, size: float = 10, ha: str = "center",
          va: str = "center", halo: bool = True, **kw):
    """Text with a white halo, so it stays readable where it crosses a line."""
    bbox = dict(boxstyle="round,pad=0.12", facecolor="white", edgecolor="none", alpha=0.9) if halo else None
    return ax.text(x, y, text, color=color, fontsize=size, ha=ha, va=va, bbox=bbox, zorder=5, **kw)
