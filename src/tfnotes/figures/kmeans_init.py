"""Initialisation: different starts reach different local optima; k-means++ against random starts."""

from __future__ import annotations

import functools

import numpy as np

from tfnotes.data import gaussian_blobs
from tfnotes.figures import _plot, figure
from tfnotes.figures.strings import t
from tfnotes.kmeans import reference

SEEDS = range(60)


def blobs():
    """Six well-separated blobs in two rows: easy for the global optimum, easy to get wrong locally."""
    centers = [(0, 0), (4, 0), (8, 0), (0, 4), (4, 4), (8, 4)]
    return gaussian_blobs(centers, [0.6] * 6, [80] * 6, seed=1)[0]


@functools.cache  # computed once, drawn in both languages
def runs(init: str):
    x = blobs()
    return [reference.kmeans(x, 6, init=init, seed=s) for s in SEEDS]


@figure("kmeans-local-optima")
def local_optima(lang: str):
    x = blobs()
    results = runs("random")
    # four runs with distinct outcomes, best first: the lowest inertia, then increasingly worse ones
    distinct = {}
    for seed, r in zip(SEEDS, results):
        distinct.setdefault(round(r.inertia, 6), (seed, r))
    picked = [distinct[v] for v in sorted(distinct)]
    picked = [picked[i] for i in np.linspace(0, len(picked) - 1, 4).round().astype(int)]
    fig, axes = _plot.subplots(1, 4, width=11, height=3.2, sharex=True, sharey=True)
    for ax, (seed, r) in zip(axes, picked):
        _plot.clusters(ax, x, r.labels, size=5)
        ax.scatter(*r.history.centroids[0].T, marker="o", s=60, facecolors="none", edgecolors="black",
                   linewidths=1, zorder=6, label=t("start", lang))
        _plot.centroids(ax, r.centroids, size=70, label=t("centroids", lang))
        ax.set_title(f"{t('seed', lang, s=seed)} · {t('inertia_eq', lang, v=r.inertia)}", fontsize=9)
        _plot.equal(ax, "box")
    fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=2, fontsize=8)
    return fig


@figure("kmeans-init-compare")
def init_compare(lang: str):
    random_runs, kpp_runs = runs("random"), runs("k-means++")
    fig, (ax1, ax2) = _plot.subplots(1, 2, width=9.5, height=3.6)
    inertia = {key: np.array([r.inertia for r in rs]) for key, rs in (("random_init", random_runs), ("kpp_init", kpp_runs))}
    bins = np.linspace(min(v.min() for v in inertia.values()), max(v.max() for v in inertia.values()), 25)
    for (key, values), color in zip(inertia.items(), ("#D55E00", "#0072B2")):
        ax1.hist(values, bins=bins, alpha=0.65, color=color, label=t(key, lang))
    ax1.axvline(min(v.min() for v in inertia.values()), color="black", lw=1, ls="--", label=t("best_possible", lang))
    ax1.set(xlabel=t("final_inertia", lang), ylabel=t("runs", lang), title=t("init_hist_title", lang, n=len(SEEDS)))
    ax1.legend()
    iters = [[r.n_iter for r in rs] for rs in (random_runs, kpp_runs)]
    parts = ax2.boxplot(iters, tick_labels=[t("random_init", lang), t("kpp_init", lang)], patch_artist=True, widths=0.5)
    for patch, color in zip(parts["boxes"], ("#D55E00", "#0072B2")):
        patch.set(facecolor=_plot.light(color, 0.4))
    ax2.set(ylabel=t("n_iter", lang), title=t("init_iter_title", lang))
    return fig
