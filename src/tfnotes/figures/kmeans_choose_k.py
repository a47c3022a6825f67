"""Choosing k: the elbow of inertia against k, and the silhouette."""

from __future__ import annotations

import functools

import numpy as np

from tfnotes.data import gaussian_blobs
from tfnotes.figures import _plot, figure
from tfnotes.figures.strings import t
from tfnotes.kmeans import reference
from tfnotes.kmeans.metrics import silhouette_samples

KS = range(1, 11)


def blobs():
    """Four blobs of different spread: a clear but not perfect answer."""
    return gaussian_blobs([(0, 0), (5, 0), (0, 5), (5.5, 5.5)], [0.9, 1.1, 0.8, 1.0], [150] * 4, seed=2)[0]


@functools.cache  # computed once, drawn in both languages
def fits():
    x = blobs()
    return x, {k: reference.kmeans(x, k, n_init=5, seed=0) for k in KS}


@figure("kmeans-elbow")
def elbow(lang: str):
    _, results = fits()
    fig, ax = _plot.subplots(width=5.6, height=3.4)
    ax.plot(list(KS), [results[k].inertia for k in KS], "o-", color="#0072B2")
    ax.axvline(4, color="#D55E00", lw=1, ls="--")
    ax.set(xlabel=t("k", lang), ylabel=t("inertia", lang), title=t("elbow_title", lang), xticks=list(KS))
    return fig


@figure("kmeans-silhouette")
def silhouette(lang: str):
    x, results = fits()
    ks = [k for k in KS if k >= 2]
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
