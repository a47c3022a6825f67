"""Drawing helpers shared by the figure modules: clusters, centroids, light region colours."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap, to_rgb

from tfnotes.figures.style import COLORS  # noqa: F401  (re-exported for figure modules)


def subplots(nrows: int = 1, ncols: int = 1, *, width: float = 8.0, height: float = 4.0, **kw):
    return plt.subplots(nrows, ncols, figsize=(width, height), layout="constrained", **kw)


def light(color: str, amount: float = 0.75) -> tuple[float, float, float]:
    """``color`` mixed with white: for regions behind the points."""
    r, g, b = to_rgb(color)
    return (r + (1 - r) * amount, g + (1 - g) * amount, b + (1 - b) * amount)


def region_cmap(k: int) -> ListedColormap:
    return ListedColormap([light(COLORS[j % len(COLORS)]) for j in range(k)])


def clusters(ax, x: np.ndarray, labels: np.ndarray, *, size: float = 8, alpha: float = 0.8) -> None:
    """Points coloured by cluster (colour j for label j)."""
    colors = np.array(COLORS)[np.asarray(labels) % len(COLORS)]
    ax.scatter(x[:, 0], x[:, 1], c=colors, s=size, alpha=alpha, linewidths=0, rasterized=dense(x))


def dense(x: np.ndarray) -> bool:
    """Point clouds this large are embedded as a bitmap inside the SVG (text and axes stay vector):
    one vector marker per point would make the page heavy."""
    return len(x) > 300


def centroids(ax, c: np.ndarray, *, label: str | None = None, size: float = 90) -> None:
    """Centroids as black crosses with a white halo, readable on any cluster colour."""
    ax.scatter(c[:, 0], c[:, 1], marker="X", s=size, c="black", edgecolors="white", linewidths=1.2,
               zorder=5, label=label)


def equal(ax, adjustable: str = "datalim") -> None:
    ax.set_aspect("equal", adjustable=adjustable)
