"""Where k-means fails: four data sets that break its assumption of round, similar clusters."""

from __future__ import annotations

from tfnotes.data import failure_cases
from tfnotes.figures import _plot, figure
from tfnotes.figures.strings import t
from tfnotes.kmeans import reference
from tfnotes.kmeans.metrics import adjusted_rand_index


@figure("kmeans-failures")
def failures(lang: str):
    cases = failure_cases(seed=0)
    fig, axes = _plot.subplots(2, 2, width=8.5, height=7.4)
    for ax, (name, (x, truth, k)) in zip(axes.ravel(), cases.items()):
        result = reference.kmeans(x, k, n_init=10, seed=0)
        _plot.clusters(ax, x, result.labels, size=6)
        _plot.centroids(ax, result.centroids, size=70)
        ax.set_title(f"{t(name, lang)}\n{t('ari', lang, v=adjusted_rand_index(truth, result.labels))}")
        _plot.equal(ax)
    return fig
