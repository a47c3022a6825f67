"""Scores for a clustering: silhouette (no labels needed), adjusted Rand index and purity
(agreement with reference labels). NumPy only; the tests check them against scikit-learn."""

from __future__ import annotations

from typing import Any

import numpy as np

from tfnotes import _checks


def _labels(name: str, labels: Any, n: int | None = None) -> np.ndarray:
    arr = np.asarray(labels)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D, got shape {arr.shape}")
    if n is not None and len(arr) != n:
        raise ValueError(f"{name} must have {n} entries (one per sample), got {len(arr)}")
    if len(arr) == 0:
        raise ValueError(f"{name} is empty")
    return arr


# --8<-- [start:silhouette_loop]
def silhouette_by_definition(x: Any, labels: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """a, b and s of every point, from the definition, one point at a time (slow: written to be read)."""
    x = _checks.as_float_matrix("x", x)
    labels = _labels("labels", labels, len(x))
    clusters = np.unique(labels)
    if not 2 <= len(clusters) <= len(x) - 1:
        raise ValueError(f"labels must name between 2 and n - 1 clusters for a silhouette, got {len(clusters)}")
    a, b, s = np.zeros(len(x)), np.zeros(len(x)), np.zeros(len(x))
    for i in range(len(x)):
        dist = np.sqrt(np.sum((x - x[i]) ** 2, axis=1))  # from point i to every point, itself included (0)
        own = labels == labels[i]
        b[i] = min(dist[labels == c].mean() for c in clusters if c != labels[i])  # nearest other cluster
        if own.sum() == 1:
            continue  # alone in its cluster: a is undefined and s = 0 by convention
        a[i] = dist[own].sum() / (own.sum() - 1)  # mean over the OTHER points of its cluster
        s[i] = (b[i] - a[i]) / max(a[i], b[i])
    return a, b, s
# --8<-- [end:silhouette_loop]


# --8<-- [start:silhouette]
def silhouette_samples(x: Any, labels: Any) -> np.ndarray:
    """s(i) = (b − a) / max(a, b): a = mean distance to the own cluster, b = to the nearest other one."""
    x = _checks.as_float_matrix("x", x)
    labels = _labels("labels", labels, len(x))
    ids, labels = np.unique(labels, return_inverse=True)
    if not 2 <= len(ids) <= len(x) - 1:
        raise ValueError(f"labels must name between 2 and n - 1 clusters for a silhouette, got {len(ids)}")
    x = x - x.mean(axis=0)  # centred: same distances, but small norms, so the expanded form below loses no digits
    sq = np.sum(x**2, axis=1)
    dist = np.sqrt(np.maximum(sq[:, None] - 2 * x @ x.T + sq[None, :], 0))  # (n, n)
    np.fill_diagonal(dist, 0)
    sizes = np.bincount(labels)
    mean_to = np.stack([dist[:, labels == j].sum(axis=1) for j in range(len(ids))], axis=1)  # (n, k)
    own = sizes[labels]
    a = mean_to[np.arange(len(x)), labels] / np.maximum(own - 1, 1)
    mean_to = mean_to / sizes[None, :]
    mean_to[np.arange(len(x)), labels] = np.inf
    b = mean_to.min(axis=1)
    s = (b - a) / np.maximum(a, b)
    return np.where(own > 1, s, 0.0)  # a point alone in its cluster scores 0 by convention


def silhouette_score(x: Any, labels: Any) -> float:
    """Mean silhouette over all points: near 1 compact and separated, near 0 overlapping."""
    return float(np.mean(silhouette_samples(x, labels)))
# --8<-- [end:silhouette]


def contingency(truth: Any, labels: Any) -> np.ndarray:
    """Counts table: rows = reference groups, columns = clusters (names sorted, any hashable labels)."""
    truth = _labels("truth", truth)
    labels = _labels("labels", labels, len(truth))
    _, t = np.unique(truth, return_inverse=True)
    _, p = np.unique(labels, return_inverse=True)
    table = np.zeros((t.max() + 1, p.max() + 1))
    np.add.at(table, (t, p), 1)
    return table


def adjusted_rand_index(truth: Any, labels: Any) -> float:
    """Agreement of two partitions, 1 = identical up to renaming, about 0 = chance."""
    table = contingency(truth, labels)

    def pairs(m: np.ndarray) -> float:
        return float(np.sum(m * (m - 1) / 2))

    index, rows, cols = pairs(table), pairs(table.sum(axis=1)), pairs(table.sum(axis=0))
    expected = rows * cols / pairs(np.array([table.sum()]))
    maximum = (rows + cols) / 2
    if maximum == expected:  # both partitions trivial (one cluster, or all singletons)
        return 1.0
    return (index - expected) / (maximum - expected)


def purity(truth: Any, labels: Any) -> float:
    """Share of points whose cluster's majority reference label is their own."""
    table = contingency(truth, labels)
    return float(table.max(axis=0).sum() / table.sum())
