"""k-means in plain NumPy: the reference that the TensorFlow version is tested against.

Written for reading, not speed: the distance is the textbook broadcast ``(x - c)²`` and the update
is a loop over clusters. Same signature and same results as :func:`tfnotes.kmeans.kmeans`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tfnotes.kmeans._common import KMeansHistory, KMeansResult, best_of, prepare


# --8<-- [start:assign]
def assign(x: np.ndarray, centroids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Assignment step: the index of the nearest centroid for every point, and its squared distance."""
    # (1, n, d) - (k, 1, d) -> (k, n, d) -> sum over d -> (k, n)
    d2 = np.sum((x[None, :, :] - centroids[:, None, :]) ** 2, axis=2)
    labels = np.argmin(d2, axis=0)  # (n,)
    return labels, d2[labels, np.arange(len(x))]
# --8<-- [end:assign]


# --8<-- [start:update]
def update(x: np.ndarray, labels: np.ndarray, d2: np.ndarray, k: int) -> np.ndarray:
    """Update step: every centroid moves to the mean of its points.

    Empty-cluster policy: a centroid that lost all its points jumps to the point that is
    farthest from its own centroid (the worst-served point), one distinct point per empty cluster.
    """
    centroids = np.empty((k, x.shape[1]), dtype=x.dtype)
    farthest = np.argsort(-d2, kind="stable")  # worst-served points first
    n_empty = 0
    for j in range(k):
        members = x[labels == j]
        if len(members):
            centroids[j] = members.mean(axis=0)
        else:
            centroids[j] = x[farthest[n_empty]]
            n_empty += 1
    return centroids
# --8<-- [end:update]


# --8<-- [start:lloyd]
def lloyd(x: np.ndarray, start: np.ndarray, max_iter: int, tol: float) -> KMeansResult:
    """One run of Lloyd's algorithm from the given starting centroids."""
    centroids, k = start.copy(), len(start)
    history_c, history_inertia = [centroids], []
    previous = None
    converged = False
    for _ in range(max_iter):
        labels, d2 = assign(x, centroids)  # 1. assign every point to its nearest centroid
        history_inertia.append(d2.sum())
        new = update(x, labels, d2, k)  # 2. move every centroid to the mean of its points
        shift = np.sum((new - centroids) ** 2)
        centroids = new
        history_c.append(centroids)
        if previous is not None and np.array_equal(labels, previous):
            converged = True  # 3a. no point changed cluster: a fixed point
            break
        if shift <= tol:
            converged = True  # 3b. centroids moved less than tol
            break
        previous = labels
    labels, d2 = assign(x, centroids)
    return KMeansResult(
        centroids=centroids, labels=labels.astype(np.int64), inertia=float(d2.sum()),
        n_iter=len(history_inertia), converged=converged,
        history=KMeansHistory(np.array(history_c), np.array(history_inertia)),
    )
# --8<-- [end:lloyd]


def kmeans(x: Any, k: Any, *, init: Any = "k-means++", n_init: Any = 1, max_iter: Any = 300,
           tol: Any = 1e-4, seed: Any = 0, history: Any = False) -> KMeansResult:
    """Cluster the rows of ``x`` into ``k`` groups with Lloyd's algorithm (NumPy).

    Args:
        x: (n, d) numbers, finite. float32 stays float32; anything else is computed in float64.
        k: number of clusters, 1 <= k <= n.
        init: "k-means++", "random", or an explicit (k, d) array of starting centroids.
        n_init: restarts from different seeds; the lowest inertia wins (must be 1 for an array init).
        max_iter: at most this many assign/update iterations per run.
        tol: stop when the summed squared centroid shift is <= tol * mean feature variance.
        seed: seed for the initialisation.
        history: True keeps the per-iteration record (``result.history``, which the figures draw);
            False (the default) leaves ``result.history`` as None.
    """
    return best_of(prepare(x, k, init, n_init, max_iter, tol, seed, history), lloyd)
