"""The tutorial result, computed by the TensorFlow implementation (the only k-means figure that uses it).

It draws the run of :func:`tfnotes.runs.kmeans_classic.classic_result`: the very call the quickstart snippet prints.
"""

from __future__ import annotations

from tfnotes.figures import _plot, figure
from tfnotes.figures.strings import t
from tfnotes.runs import kmeans_classic as runs
from tfnotes.runs import kmeans_tutorial as tutorial


@figure("kmeans-classic")
def classic(lang: str):
    x = tutorial.classic_data()
    result = runs.classic_result()
    fig, ax = _plot.subplots(width=5.6, height=4.2)
    _plot.clusters(ax, x, result.labels, size=5, alpha=0.6)
    _plot.centroids(ax, result.centroids, label=t("centroids", lang))
    ax.set(title=t("classic_title", lang, k=len(result.centroids), n_init=tutorial.CLASSIC_CALL["n_init"]),
           xlabel=t("x1", lang), ylabel=t("x2", lang))
    ax.legend(loc="upper left")
    _plot.equal(ax)
    return fig
