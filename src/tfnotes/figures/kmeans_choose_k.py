"""Choosing k: the elbow of inertia against k, and the silhouette."""

from __future__ import annotations

import numpy as np

from tfnotes.figures import _plot, figure
from tfnotes.figures.strings import t
from tfnotes.kmeans.metrics import silhouette_samples
from tfnotes.runs.kmeans import CHOOSE_KS, choose_blobs, elbow_fits, elbow_k


@figure("kmeans-elbow")
def elbow(lang: str):
    results = elbow_fits()
    inertia = {k: results[k].inertia for k in CHOOSE_KS}
    fig, ax = _plot.subplots(width=5.6, height=3.4)
    ax.plot(list(CHOOSE_KS), list(inertia.values()), "o-", color="#0072B2")
    ax.axvline(elbow_k(inertia), color="#D55E00", lw=1, ls="--")
    ax.set(xlabel=t("k", lang), ylabel=t("inertia", lang), title=t("elbow_title", lang), xticks=list(CHOOSE_KS))
    return fig


@figure("kmeans-silhouette")
def silhouette(lang: str):
    x, results = choose_blobs(), elbow_fits()
    ks = [k for k in CHOOSE_KS if k >= 2]
    scores = {k: silhouette_samples(x, results[k].labels) for k in ks}
    best = max(ks, key=lambda k: scores[k].mean())
    fig, (ax1, ax2) = _plot.subplots(1, 2, width=9.5, height=3.6)
    ax1.plot(ks, [scores[k].mean() for k in ks], "o-", color="#0072B2")
    ax1.axvline(best, color="#D55E00", lw=1, ls="--")
    ax1.set(xlabel=t("k", lang), ylabel=t("silhouette", lang), title=t("silhouette_title", lang), xticks=ks)
    s, labels, y0 = scores[best], results[best].labels, 0
    for j in range(best):  # one band per cluster, values sorted inside it
        values = np.sort(s[labels == j])
        ax2.fill_betweenx(np.arange(y0, y0 + len(values)), 0, values, color=_plot.COLORS[j], alpha=0.8, lw=0)
        ax2.text(-0.06, y0 + len(values) / 2, str(j), ha="right", va="center", fontsize=8)
        y0 += len(values) + 10
    ax2.axvline(s.mean(), color="black", lw=1, ls="--")
    ax2.set(xlabel=t("silhouette_value", lang), ylabel=t("cluster", lang), yticks=[],
            title=t("silhouette_k_title", lang, k=best), xlim=(-0.2, 1))
    ax2.grid(False, axis="y")
    return fig
