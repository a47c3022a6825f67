"""k-means chapter, first pages: the raw data, Lloyd's steps, inertia per iteration, Voronoi cells."""

from __future__ import annotations

import numpy as np

from tfnotes.figures import _plot, figure
from tfnotes.figures.strings import t
from tfnotes.kmeans import reference
from tfnotes.runs import kmeans_basics as runs
from tfnotes.runs import kmeans_tutorial as tutorial


def steps_run():
    """Three blobs and a deliberately poor start (three points of one blob), so the steps show."""
    x, _, _ = runs.steps_data()
    return x, runs.steps_run()  # one run per build, shared with the values the Lloyd page quotes


@figure("kmeans-data")
def data(lang: str):
    x = tutorial.classic_data()
    fig, ax = _plot.subplots(width=5.6, height=4.2)
    ax.scatter(x[:, 0], x[:, 1], s=5, c="#555555", alpha=0.5, linewidths=0, rasterized=_plot.dense(x))
    ax.set(title=t("raw_title", lang, n=len(x)), xlabel=t("x1", lang), ylabel=t("x2", lang))
    _plot.equal(ax)
    return fig


@figure("kmeans-steps")
def steps(lang: str):
    x, result = steps_run()
    hist = result.history.centroids
    fig, axes = _plot.subplots(2, 3, width=10, height=6.6, sharex=True, sharey=True)
    for i in range(3):
        labels, _ = reference.assign(x, hist[i])
        for row, (c, key) in enumerate([(hist[i], "iter_assign"), (hist[i + 1], "iter_update")]):
            ax = axes[row, i]
            _plot.clusters(ax, x, labels, size=7)
            path = hist[: i + 1 + row]
            for j in range(hist.shape[1]):
                ax.plot(path[:, j, 0], path[:, j, 1], "-", color="black", lw=1, alpha=0.6,
                        label=t("path", lang) if j == 0 else None)
            _plot.centroids(ax, c, label=t("centroids", lang), size=70)
            ax.set_title(t(key, lang, i=i + 1))
            _plot.equal(ax, "box")
    for ax in axes[1]:
        ax.set_xlabel(t("x1", lang))
    for ax in axes[:, 0]:
        ax.set_ylabel(t("x2", lang))
    fig.legend(*axes[0, 0].get_legend_handles_labels(), loc="outside lower center", ncols=2, fontsize=8)
    return fig


@figure("kmeans-inertia")
def inertia(lang: str):
    _, result = steps_run()
    values = result.history.inertia
    fig, ax = _plot.subplots(width=5.6, height=3.2)
    ax.plot(np.arange(1, len(values) + 1), values, "o-", color="#0072B2")
    ax.set(xlabel=t("iteration", lang), ylabel=t("inertia", lang),
           title=t("final", lang, i=result.n_iter))
    ax.set_xticks(np.arange(1, len(values) + 1))
    return fig


@figure("kmeans-voronoi")
def voronoi(lang: str):
    x = tutorial.classic_data()
    result = runs.classic_reference()  # the quickstart's call (same seed, same starts) with the NumPy reference
    k = len(result.centroids)
    lo, hi = x.min(axis=0) - 0.5, x.max(axis=0) + 0.5
    gx, gy = np.meshgrid(np.linspace(lo[0], hi[0], 300), np.linspace(lo[1], hi[1], 300))
    cells, _ = reference.assign(np.column_stack([gx.ravel(), gy.ravel()]), result.centroids)
    fig, ax = _plot.subplots(width=5.6, height=4.2)
    ax.imshow(cells.reshape(gx.shape), origin="lower", extent=(lo[0], hi[0], lo[1], hi[1]),
              cmap=_plot.region_cmap(k), interpolation="nearest", aspect="auto")
    ax.contour(gx, gy, cells.reshape(gx.shape), levels=np.arange(k) + 0.5, colors="#444444", linewidths=0.8)
    ax.scatter(x[:, 0], x[:, 1], s=3, c="#333333", alpha=0.35, linewidths=0, rasterized=_plot.dense(x))
    _plot.centroids(ax, result.centroids, label=t("centroids", lang))
    ax.set(title=t("voronoi_title", lang), xlabel=t("x1", lang), ylabel=t("x2", lang))
    ax.grid(False)
    ax.legend(loc="upper left")
    return fig
