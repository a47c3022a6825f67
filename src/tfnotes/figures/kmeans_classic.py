"""The tutorial result, computed by the TensorFlow implementation (the only k-means figure that uses it)."""

from __future__ import annotations

from tfnotes.data import classic_points
from tfnotes.figures import _plot, figure
from tfnotes.figures.strings import t
from tfnotes.kmeans.tf import kmeans


@figure("kmeans-classic")
def classic(lang: str):
    x = classic_points()
    result = kmeans(x, 4, seed=0)
    fig, ax = _plot.subplots(width=5.6, height=4.2)
    _plot.clusters(ax, x, result.labels, size=5, alpha=0.6)
    _plot.centroids(ax, result.centroids, label=t("centroids", lang))
    ax.set(title=t("classic_title", lang), xlabel=t("x1", lang), ylabel=t("x2", lang))
    ax.legend(loc="upper left")
    _plot.equal(ax)
    return fig
