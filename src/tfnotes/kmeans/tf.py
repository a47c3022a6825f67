"""k-means in TensorFlow 2: vectorised assign/update steps, compiled with XLA.

The assignment uses ``‖x − c‖² = ‖x‖² − 2·x·c + ‖c‖²``: one matrix product instead of an
(n, k, d) tensor of differences. The data is cut into a few row shards whose steps run in
parallel (one XLA call per shard, all launched by one ``tf.function``): XLA's CPU kernels use one
core each, and a shard's (rows, k) distance block stays in cache.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from tfnotes._tf import tensorflow
from tfnotes.kmeans._common import KMeansHistory, KMeansResult, best_of, prepare

tf = tensorflow()


# --8<-- [start:assign]
def scores(x: tf.Tensor, centroids: tf.Tensor) -> tf.Tensor:
    """‖x − c‖² − ‖x‖² for every point and centroid: x (n, d), centroids (k, d) -> (n, k)."""
    c_sq = tf.reduce_sum(tf.square(centroids), axis=1)  # (k,)    ‖c‖²
    cross = tf.matmul(x, centroids, transpose_b=True)  # (n, d) @ (d, k) -> (n, k)    x·c
    return c_sq[None, :] - 2.0 * cross  # (1, k) - (n, k) -> (n, k)


def assign(x: tf.Tensor, centroids: tf.Tensor) -> tuple[tf.Tensor, tf.Tensor]:
    """Nearest centroid of every point: x (n, d), centroids (k, d) -> labels (n,), squared distance (n,)."""
    partial = scores(x, centroids)  # (n, k)
    labels = tf.argmin(partial, axis=1, output_type=tf.int32)  # (n,)  ‖x‖² is the same for every c
    x_sq = tf.reduce_sum(tf.square(x), axis=1)  # (n,)    ‖x‖²
    d2 = tf.maximum(x_sq + tf.reduce_min(partial, axis=1), 0.0)  # (n,)  rounding can dip below 0
    return labels, d2
# --8<-- [end:assign]


# --8<-- [start:update]
def cluster_sums(x: tf.Tensor, labels: tf.Tensor, k: int) -> tuple[tf.Tensor, tf.Tensor]:
    """Per-cluster sums (k, d) and sizes (k,) in one pass: row i is added to row labels[i]."""
    sums = tf.math.unsorted_segment_sum(x, labels, num_segments=k)  # (n, d) -> (k, d)
    counts = tf.math.unsorted_segment_sum(tf.ones_like(labels, dtype=x.dtype), labels, num_segments=k)
    return sums, counts


def new_centroids(x, sums, counts, centroids):
    """Means of the clusters; an empty cluster jumps to the farthest point (see the NumPy reference)."""
    k = sums.shape[0]
    means = sums / tf.maximum(counts, 1.0)[:, None]  # (k, d) / (k, 1)
    empty = tf.equal(counts, 0.0)

    def relocate():  # rare: the distances are recomputed only when a cluster is empty
        _, d2 = assign(x, centroids)  # (n,) squared distance of every point to its old centroid
        farthest = tf.math.top_k(d2, k=k).indices  # worst-served points first, ties by index
        rank = tf.maximum(tf.cumsum(tf.cast(empty, tf.int32)) - 1, 0)  # j-th empty cluster -> j-th point
        return tf.where(empty[:, None], tf.gather(x, tf.gather(farthest, rank)), means)

    return tf.cond(tf.reduce_any(empty), relocate, lambda: means)
# --8<-- [end:update]


@tf.function(jit_compile=True)
def _shard_step(x, centroids, previous):
    """One Lloyd step on a block of rows, fused by XLA: labels, sums, counts, and two scalars.

    The inertia is summed without a per-point ‖x‖² (added once per run by the caller): one pass
    over the (rows, k) scores gives the argmin and the minimum together.
    """
    partial = scores(x, centroids)
    labels = tf.argmin(partial, axis=1, output_type=tf.int32)
    sums, counts = cluster_sums(x, labels, centroids.shape[0])
    changed = tf.reduce_sum(tf.cast(tf.not_equal(labels, previous), tf.int32))
    return labels, sums, counts, tf.reduce_sum(tf.reduce_min(partial, axis=1)), changed


def _num_shards(n: int, k: int) -> int:
    """Enough shards to use both cores and keep each (rows, k) distance block near cache size."""
    if n < 16_384:
        return 1
    return int(min(16, max(2, math.ceil(n * k / 2**21))))


@tf.function
def _lloyd(x, start, max_iter, tol, num_shards: int):
    n, k = x.shape[0], start.shape[0]
    mean = tf.reduce_mean(x, axis=0)
    x = x - mean  # centring keeps ‖x‖² − 2x·c + ‖c‖² accurate when the data sit far from 0
    sizes = [len(s) for s in np.array_split(np.arange(n), num_shards)]
    shards = tf.split(x, sizes, axis=0)

    x_sq_total = tf.reduce_sum(tf.square(x))  # Σ‖x‖², the part of the inertia no centroid changes

    def step(c, previous):
        parts = [_shard_step(s, c, p) for s, p in zip(shards, previous)]  # independent: run in parallel
        labels, sums, counts, partial, changed = zip(*parts)
        inertia = tf.maximum(x_sq_total + tf.add_n(partial), 0.0)
        return labels, tf.add_n(sums), tf.add_n(counts), inertia, tf.add_n(changed)

    def body(i, c, previous, done, hist_c, hist_inertia):
        labels, sums, counts, inertia, changed = step(c, previous)
        new = new_centroids(x, sums, counts, c)
        shift = tf.reduce_sum(tf.square(new - c))
        done = tf.logical_or(tf.equal(changed, 0), shift <= tol)  # no label changed, or tol reached
        return i + 1, new, labels, done, hist_c.write(i + 1, new), hist_inertia.write(i, inertia)

    hist_c = tf.TensorArray(x.dtype, size=1, dynamic_size=True, element_shape=start.shape).write(0, start - mean)
    hist_inertia = tf.TensorArray(x.dtype, size=0, dynamic_size=True, element_shape=())
    no_labels = tuple(tf.fill([m], -1) for m in sizes)
    init = (tf.constant(0), start - mean, no_labels, tf.constant(False), hist_c, hist_inertia)
    i, c, labels, converged, hist_c, hist_inertia = tf.while_loop(
        lambda i, c, prev, done, *rest: tf.logical_and(i < max_iter, tf.logical_not(done)), body, init)
    labels = tf.concat(step(c, labels)[0], axis=0)
    # Exact inertia for the answer, summed in float64: the expanded form is only used to compare distances.
    per_point = tf.reduce_sum(tf.square(x - tf.gather(c, labels)), axis=1)  # (n,) exact ‖x − c‖²
    inertia = tf.reduce_sum(tf.cast(per_point, tf.float64))
    return c + mean, labels, inertia, i, converged, hist_c.stack() + mean, hist_inertia.stack()


def _run_once(x: np.ndarray, start: np.ndarray, max_iter: int, tol: float) -> KMeansResult:
    c, labels, inertia, n_iter, converged, hist_c, hist_inertia = _lloyd(
        tf.constant(x), tf.constant(start), tf.constant(max_iter), tf.constant(tol, dtype=x.dtype),
        _num_shards(*x.shape[:1], len(start)))
    return KMeansResult(
        centroids=c.numpy(), labels=labels.numpy().astype(np.int64), inertia=float(inertia),
        n_iter=int(n_iter), converged=bool(converged),
        history=KMeansHistory(hist_c.numpy(), hist_inertia.numpy()),
    )


def kmeans(x: Any, k: Any, *, init: Any = "k-means++", n_init: Any = 1, max_iter: Any = 300,
           tol: Any = 1e-4, seed: Any = 0) -> KMeansResult:
    """Cluster the rows of ``x`` into ``k`` groups with Lloyd's algorithm in TensorFlow.

    Same arguments, checks and results as :func:`tfnotes.kmeans.reference.kmeans` (see its
    docstring): from the same ``init`` the two return the same labels and centroids up to rounding.
    """
    return best_of(prepare(x, k, init, n_init, max_iter, tol, seed), _run_once)
