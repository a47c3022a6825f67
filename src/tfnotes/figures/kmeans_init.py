"""Initialisation: different starts reach different local optima; k-means++ against random starts."""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import MaxNLocator

from tfnotes.figures import _plot, figure
from tfnotes.figures.strings import t
from tfnotes.runs.kmeans import INIT_SEEDS, LOCAL_OPTIMA_PANELS as PANELS, init_blobs, init_runs, init_summary


def local_optima_picks() -> list[tuple[int, object]]:
    """PANELS runs with distinct outcomes, best first: the lowest inertia, then increasingly worse ones."""
    distinct = {}
    for seed, r in zip(INIT_SEEDS, init_runs("random")):
        distinct.setdefault(round(r.inertia, 6), (seed, r))
    picked = [distinct[v] for v in sorted(distinct)]
    return [picked[i] for i in np.linspace(0, len(picked) - 1, PANELS).round().astype(int)]


@figure("kmeans-local-optima")
def local_optima(lang: str):
    x, _ = init_blobs()
    fig, axes = _plot.subplots(1, PANELS, width=11, height=3.2, sharex=True, sharey=True)
    for ax, (seed, r) in zip(axes, local_optima_picks()):
        _plot.clusters(ax, x, r.labels, size=5)
        ax.scatter(*r.history.centroids[0].T, marker="o", s=60, facecolors="none", edgecolors="black",
                   linewidths=1, zorder=6, label=t("start", lang))
        _plot.centroids(ax, r.centroids, size=70, label=t("final_centroids", lang))
        ax.set_title(f"{t('seed', lang, s=seed)} · {t('inertia_eq', lang, v=r.inertia)}", fontsize=9)
        _plot.equal(ax, "box")
    fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=2, fontsize=8)
    return fig


@figure("kmeans-init-compare")
def init_compare(lang: str):
    random_runs, kpp_runs = init_runs("random"), init_runs("k-means++")
    fig, (ax1, ax2) = _plot.subplots(1, 2, width=10, height=3.9)
    inertia = {key: np.array([r.inertia for r in rs]) for key, rs in (("random_init", random_runs), ("kpp_init", kpp_runs))}
    bins = np.linspace(min(v.min() for v in inertia.values()), max(v.max() for v in inertia.values()), 25)
    # side by side in each bin (no overlap, so no third colour where both methods land)
    ax1.hist(list(inertia.values()), bins=bins, color=["#D55E00", "#0072B2"], alpha=0.8,
             label=[t(key, lang) for key in inertia])
    ax1.axvline(min(v.min() for v in inertia.values()), color="black", lw=1, ls="--", label=t("best_possible", lang))
    ax1.set(xlabel=t("final_inertia", lang), ylabel=t("runs", lang), title=t("init_hist_title", lang, n=len(INIT_SEEDS)))
    ax1.legend(loc="upper right", fontsize=8)
    # the counts the page quotes, printed in the panel: one seed per blob at the start, best reached at the end
    lines = [t("init_counts_head", lang, n=len(INIT_SEEDS))]
    for key, init in (("random_init", "random"), ("kpp_init", "k-means++")):
        s = init_summary(init)
        lines.append(t("init_counts_row", lang, name=t(key, lang), one=s.one_per_blob, best=s.reached_best, n=s.runs))
    ax1.text(0.98, 0.55, "\n".join(lines), transform=ax1.transAxes, ha="right", va="top", fontsize=7.5,
             bbox={"boxstyle": "round,pad=0.4", "facecolor": "white", "edgecolor": "#999999", "alpha": 0.9})
    iters = [[r.n_iter for r in rs] for rs in (random_runs, kpp_runs)]
    parts = ax2.boxplot(iters, tick_labels=[t("random_init", lang), t("kpp_init", lang)], patch_artist=True, widths=0.5)
    for patch, color in zip(parts["boxes"], ("#D55E00", "#0072B2")):
        patch.set(facecolor=_plot.light(color, 0.4))
    ax2.set(ylabel=t("n_iter", lang), title=t("init_iter_title", lang))
    ax2.yaxis.set_major_locator(MaxNLocator(integer=True))  # iterations are counts
    return fig
