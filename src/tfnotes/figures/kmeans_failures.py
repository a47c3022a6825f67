"""Where k-means fails: four data sets that break its assumption of round, similar clusters.

Top row: the true groups; bottom row: what k-means finds, coloured like the true group it overlaps most."""

from __future__ import annotations

import itertools

import numpy as np

from tfnotes.figures import _plot, figure
from tfnotes.figures.strings import t
from tfnotes.kmeans.metrics import adjusted_rand_index, contingency
from tfnotes.runs.kmeans import failure_fits


def matched(truth: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Rename clusters to true-group ids (distinct ones, best total overlap), so colours compare across rows."""
    table = contingency(truth, labels)  # (groups, clusters)
    groups, clusters = table.shape
    best = max(itertools.permutations(range(groups), clusters),
               key=lambda perm: sum(table[g, c] for c, g in enumerate(perm)))
    return np.array(best)[np.unique(labels, return_inverse=True)[1]]


@figure("kmeans-failures")
def failures(lang: str):
    cases = failure_fits()
    fig, axes = _plot.subplots(2, len(cases), width=12.5, height=6.6, sharex="col", sharey="col")
    for col, (name, (x, truth, k, result)) in enumerate(cases.items()):
        top, bottom = axes[0, col], axes[1, col]
        _plot.clusters(top, x, truth, size=5)
        title = t(name, lang, k=k, groups=len(np.unique(truth)))
        top.set_title(f"{title}\n{t('truth', lang)}", fontsize=9)
        _plot.clusters(bottom, x, matched(truth, result.labels), size=5)
        _plot.centroids(bottom, result.centroids, size=60)
        bottom.set_title(f"{t('kmeans_result', lang)} · {t('ari', lang, v=adjusted_rand_index(truth, result.labels))}",
                         fontsize=9)
        _plot.equal(top, "box")
        _plot.equal(bottom, "box")
    return fig
