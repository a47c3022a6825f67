"""Real data: Palmer penguins and Old Faithful, unscaled against standardised."""

from __future__ import annotations

import itertools

import numpy as np

from tfnotes.data import load_faithful, load_penguins, standardize
from tfnotes.figures import _plot, figure
from tfnotes.figures.strings import t
from tfnotes.kmeans import reference
from tfnotes.kmeans.metrics import adjusted_rand_index, contingency
from tfnotes.runs import kmeans as runs

SPECIES = ("Adelie", "Chinstrap", "Gentoo")
PLANE = runs.PENGUIN_PLANE


def _match(labels: np.ndarray, truth_ids: np.ndarray) -> np.ndarray:
    """Rename clusters to distinct species ids with the best total overlap, so colours are comparable across
    panels and two clusters never share a colour (a species split in two shows as two colours)."""
    table = contingency(truth_ids, labels)  # (species, clusters)
    best = max(itertools.permutations(range(table.shape[0]), table.shape[1]),
               key=lambda perm: sum(table[g, c] for c, g in enumerate(perm)))
    return np.array(best)[np.unique(labels, return_inverse=True)[1]]


@figure("kmeans-penguins")
def penguins(lang: str):
    data, (unscaled, scaled) = load_penguins(), runs.penguin_fits()
    truth = np.searchsorted(SPECIES, data.target)
    x = data.x[:, list(PLANE)]  # bill length, flipper length: a plane in which the species separate well
    panels = [(truth, t("penguins_truth", lang)),
              (_match(unscaled.labels, truth), t("penguins_unscaled", lang, v=adjusted_rand_index(data.target, unscaled.labels))),
              (_match(scaled.labels, truth), t("penguins_scaled", lang, v=adjusted_rand_index(data.target, scaled.labels)))]
    fig, axes = _plot.subplots(1, 3, width=11, height=3.6, sharex=True, sharey=True)
    for ax, (labels, title) in zip(axes, panels):
        _plot.clusters(ax, x, labels, size=10)
        ax.set(title=title, xlabel=t(data.feature_names[PLANE[0]], lang))
    axes[0].set_ylabel(t(data.feature_names[PLANE[1]], lang))
    handles = [axes[0].scatter([], [], color=_plot.COLORS[i], s=20, label=t(f"species_{s}", lang))
               for i, s in enumerate(SPECIES)]
    axes[0].legend(handles=handles, loc="upper left", fontsize=8)
    return fig


@figure("kmeans-faithful")
def faithful(lang: str):
    data, (unscaled, scaled) = load_faithful(), runs.faithful_fits()
    _, mean, std = standardize(data.x)
    lo, hi = data.x.min(axis=0) - [0.3, 4], data.x.max(axis=0) + [0.3, 4]
    gx, gy = np.meshgrid(np.linspace(lo[0], hi[0], 300), np.linspace(lo[1], hi[1], 300))
    grid = np.column_stack([gx.ravel(), gy.ravel()])  # in minutes, like the data
    panels = [(unscaled, grid, unscaled.centroids, "faithful_unscaled"),
              (scaled, (grid - mean) / std, scaled.centroids * std + mean, "faithful_scaled")]
    fig, axes = _plot.subplots(1, 2, width=10, height=4, sharex=True, sharey=True)
    for ax, (result, query, centres, title) in zip(axes, panels):
        cells = reference.assign(query, result.centroids)[0].reshape(gx.shape)
        ax.imshow(cells, origin="lower", extent=(lo[0], hi[0], lo[1], hi[1]), cmap=_plot.region_cmap(2),
                  interpolation="nearest", aspect="auto")
        ax.contour(gx, gy, cells, levels=[0.5], colors="#444444", linewidths=1)
        _plot.clusters(ax, data.x, result.labels, size=10)
        _plot.centroids(ax, centres, size=70)
        ax.set(title=t(title, lang), xlabel=t("eruptions", lang))
        ax.grid(False)
    axes[0].set_ylabel(t("waiting", lang))
    return fig
