"""Numbers quoted on the choosing-k page (docs/kmeans/choosing-k.*.md) and its figure texts."""

from __future__ import annotations

import tracemalloc

import numpy as np

from tfnotes.data import gaussian_blobs
from tfnotes.kmeans.metrics import silhouette_by_definition, silhouette_samples, silhouette_score
from tfnotes.runs import kmeans as runs
from tfnotes.values import value

MEMORY_N = 2000  # points for measuring the peak memory of silhouette_samples
MEMORY_EXAMPLE_N = 10_000  # the size the page talks about
FAR = 1e4  # offset of the float32 silhouette check: two blobs around (FAR, FAR)
FAR_GAP = 4.0  # distance between the two blobs' centres there (spread 1)
FAR_SIZE = 100
EXAMPLE_POSITIONS = (0, 1, 4, 7)  # the worked example: four points on a line ...
EXAMPLE_LABELS = (0, 0, 1, 1)  # ... in two clusters, A (the first two) and B


def far_blobs() -> tuple[np.ndarray, np.ndarray]:
    """Two unit-spread blobs FAR_GAP apart, shifted to (FAR, FAR): float64 data and labels."""
    return gaussian_blobs([(FAR, FAR), (FAR + FAR_GAP, FAR)], [1.0, 1.0], [FAR_SIZE, FAR_SIZE], seed=0)


def silhouette_peak_matrices(n: int = MEMORY_N) -> float:
    """Peak memory that silhouette_samples allocates, in units of one float64 (n, n) matrix."""
    x = np.random.default_rng(0).normal(size=(n, 2))
    labels = np.arange(n) % 4
    tracemalloc.start()
    try:
        silhouette_samples(x, labels)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak / (n * n * 8)


@value("kmeans-choose-k")
def choose_k_numbers() -> dict:
    """Settings of the four-blob data, the elbow, the silhouette, a rising single-start curve, memory, uniform data."""
    x, fits = runs.choose_blobs(), runs.elbow_fits()
    inertia = {k: fits[k].inertia for k in runs.CHOOSE_KS}
    ks = [k for k in runs.CHOOSE_KS if k >= 2]
    scores = {k: silhouette_samples(x, fits[k].labels) for k in ks}
    best = max(ks, key=lambda k: scores[k].mean())
    sizes = np.bincount(fits[best].labels)
    rise = runs.elbow_rise()
    uniform = runs.uniform_points()
    uniform_scores = {k: silhouette_score(uniform, r.labels) for k, r in runs.uniform_fits().items()}
    uniform_best = max(uniform_scores, key=uniform_scores.get)
    xf, yf = far_blobs()
    peak = silhouette_peak_matrices()
    return {
        "blobs": len(runs.CHOOSE_CENTERS), "per_blob": runs.CHOOSE_SIZE,
        "k_min": min(runs.CHOOSE_KS), "k_max": max(runs.CHOOSE_KS), "n_init": runs.CHOOSE_N_INIT,
        "elbow_k": runs.elbow_k(inertia),
        "monotone": bool(np.all(np.diff(list(inertia.values())) <= 0)),
        "silhouette_best_k": best, "silhouette_best": float(scores[best].mean()),
        "silhouette_negative": int(np.sum(scores[best] < 0)), "points": len(x),
        "silhouette_negative_share": float(np.mean(scores[best] < 0)),
        "band_min": int(sizes.min()), "band_max": int(sizes.max()),
        "rise_seed": rise["seed"], "rise_k": rise["k"], "rise_k_next": rise["k"] + 1,
        "rise_inertia_k": rise["inertia_k"], "rise_inertia_next": rise["inertia_next"],
        "memory_n": MEMORY_EXAMPLE_N, "matrix_mb": MEMORY_EXAMPLE_N**2 * 8 / 1e6,
        "peak_matrices": peak, "peak_gb": peak * MEMORY_EXAMPLE_N**2 * 8 / 1e9,
        "far": FAR, "far_f32_error": abs(silhouette_score(xf.astype(np.float32), yf) - silhouette_score(xf, yf)),
        "uniform_n": runs.UNIFORM_N, "uniform_best_k": uniform_best, "uniform_best": uniform_scores[uniform_best],
    }


@value("kmeans-silhouette-example")
def silhouette_example() -> dict:
    """The choosing-k page's worked example: positions, a, b and s of four points on a line, by the definition."""
    x = np.array(EXAMPLE_POSITIONS, dtype=float)[:, None]
    a, b, s = silhouette_by_definition(x, EXAMPLE_LABELS)
    out: dict = {"n": len(x)}
    for i, pos in enumerate(EXAMPLE_POSITIONS, start=1):
        out |= {f"x{i}": pos, f"a{i}": float(a[i - 1]), f"b{i}": float(b[i - 1]), f"s{i}": float(s[i - 1])}
    out |= {"d13": abs(EXAMPLE_POSITIONS[2] - EXAMPLE_POSITIONS[0]), "d14": abs(EXAMPLE_POSITIONS[3] - EXAMPLE_POSITIONS[0]),
            "mean": float(s.mean()), "lowest": int(np.argmin(s)) + 1}
    return out
