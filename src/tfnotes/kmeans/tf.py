"""k-means in TensorFlow 2: vectorised assign/update steps, a whole run compiled by XLA into one call.

The assignment uses ``‖x − c‖² = ‖x‖² − 2·x·c + ‖c‖²``: one matrix product instead of an
(n, k, d) tensor of differences. Everything a run does (centring, the Lloyd loop, the last
assignment and the exact inertia) is one ``tf.function(jit_compile=True)``: one call from Python,
one XLA computation, buffers allocated once per call. The per-iteration history is recorded only
when asked for (``history=True``). A large run without history (n·k from ``BOUNDS_FROM`` on) goes through
:mod:`tfnotes.kmeans.tf_bounds` instead: the same loop with distance bounds, the same labels.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np

from tfnotes._tf import tensorflow
from tfnotes.kmeans._common import KMeansHistory, KMeansResult, best_of, prepare

tf = tensorflow()

FEW_FEATURES = 4  # up to this many features, x·c is summed feature by feature instead of a matrix product


# --8<-- [start:assign]
def scores(x: tf.Tensor, centroids: tf.Tensor) -> tf.Tensor:
    """‖x − c‖² − ‖x‖² for every point and centroid: x (n, d), centroids (k, d) -> (n, k)."""
    c_sq = tf.reduce_sum(tf.square(centroids), axis=1)  # (k,)    ‖c‖²
    if x.shape[1] <= FEW_FEATURES:  # x·c as d outer products: XLA fuses them into whatever reads the scores
        cross = sum(x[:, j, None] * centroids[None, :, j] for j in range(x.shape[1]))  # (n, 1) * (1, k)
    else:
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
    means = sums / tf.maximum(counts, 1.0)[:, None]  # (k, d) / (k, 1)
    return fill_empty(x, means, counts, centroids)


def fill_empty(x, means, counts, centroids):
    """``means`` with the row of every empty cluster replaced by the point farthest from its own centroid."""
    k = means.shape[0]
    empty = tf.equal(counts, 0.0)

    def relocate():  # rare: the distances are recomputed only when a cluster is empty
        _, d2 = assign(x, centroids)  # (n,) squared distance of every point to its old centroid
        farthest = tf.math.top_k(d2, k=k).indices  # worst-served points first, ties by index
        rank = tf.maximum(tf.cumsum(tf.cast(empty, tf.int32)) - 1, 0)  # j-th empty cluster -> j-th point
        return tf.where(empty[:, None], tf.gather(x, tf.gather(farthest, rank)), means)

    return tf.cond(tf.reduce_any(empty), relocate, lambda: means)
# --8<-- [end:update]


# --8<-- [start:lloyd]
@tf.function(jit_compile=True)
def _lloyd(x, start, max_iter, tol, record: int):
    """A whole run as one XLA computation; record = max_iter keeps the history, record = 0 keeps none."""
    n, k = x.shape[0], start.shape[0]
    mean = tf.matmul(tf.ones([1, n], x.dtype), x)[0] / n  # column means: a product is faster than a reduction
    x = x - mean  # centring keeps ‖x‖² − 2x·c + ‖c‖² accurate when the data sit far from 0
    x_sq_total = tf.reduce_sum(tf.square(x)) if record else None  # Σ‖x‖², for the recorded inertia

    def body(i, c, previous, strict, done, *history):
        partial = scores(x, c)  # (n, k)
        labels = tf.argmin(partial, axis=1, output_type=tf.int32)
        sums, counts = cluster_sums(x, labels, k)
        new = new_centroids(x, sums, counts, c)
        strict = tf.reduce_all(tf.equal(labels, previous))  # no label changed: a fixed point
        done = tf.logical_or(strict, tf.reduce_sum(tf.square(new - c)) <= tol)
        if record:  # compiled in only when the history is asked for
            inertia = tf.maximum(x_sq_total + tf.reduce_sum(tf.reduce_min(partial, axis=1)), 0.0)
            history = (_put(history[0], i + 1, new + mean), _put(history[1], i, inertia))
        return (i + 1, new, labels, strict, done, *history)

    def running(i, c, labels, strict, done, *history):
        return tf.logical_and(i < max_iter, tf.logical_not(done))

    history = ()
    if record:  # row 0 holds the start, row i + 1 the centroids after iteration i
        history = (tf.zeros([record + 1, k, x.shape[1]], x.dtype) + start, tf.zeros([record], x.dtype))
    init = (0, start - mean, tf.fill([n], -1), False, False, *history)
    i, c, labels, strict, done, *history = tf.while_loop(running, body, init)
    # The last assignment, to the final centroids (known already if the last iteration changed no label),
    # and the exact inertia of the answer: ‖x − c‖² from the differences, summed in float64.
    labels = tf.cond(strict, lambda: labels, lambda: tf.argmin(scores(x, c), axis=1, output_type=tf.int32))
    per_point = tf.reduce_sum(tf.square(x - tf.gather(c, labels)), axis=1)  # (n,)
    inertia = tf.reduce_sum(tf.cast(per_point, tf.float64))
    return (c + mean, tf.cast(labels, tf.int64), inertia, i, done, *history)
# --8<-- [end:lloyd]


def _put(buffer, i, value):
    """``buffer`` with row ``i`` replaced by ``value`` (the history, written inside the compiled loop)."""
    return tf.tensor_scatter_nd_update(buffer, [[i]], value[None])


def _as_tensor(a: np.ndarray) -> tf.Tensor:
    """The array as a tensor without a copy where NumPy can lend its buffer (DLPack), else copied."""
    try:
        return tf.experimental.dlpack.from_dlpack(a.__dlpack__())
    except (BufferError, TypeError, ValueError, tf.errors.InvalidArgumentError):  # e.g. a read-only array
        return tf.constant(a)


# From this many distances per iteration (n·k) on, a run without history keeps distance bounds
# (tfnotes.kmeans.tf_bounds): same labels, most distances skipped, at the price of a longer first compilation.
BOUNDS_FROM = 2**21


def _run_once(x: np.ndarray, start: np.ndarray, max_iter: int, tol: float, history: bool = False) -> KMeansResult:
    """One Lloyd run from ``start``: the loop above, or, for a large input without history, the same run with
    distance bounds, which returns the same labels while computing a fraction of the distances."""
    args = (_as_tensor(x), tf.constant(start), tf.constant(max_iter), tf.constant(tol, dtype=x.dtype))
    if history or x.shape[0] * len(start) < BOUNDS_FROM:
        c, labels, inertia, n_iter, converged, *hist = _lloyd(*args, max_iter if history else 0)
    else:
        from tfnotes.kmeans.tf_bounds import lloyd_bounded

        c, labels, inertia, n_iter, converged, _ = lloyd_bounded(*args, 0)
    n_iter = int(n_iter)
    return KMeansResult(
        centroids=c.numpy(), labels=labels.numpy(), inertia=float(inertia), n_iter=n_iter, converged=bool(converged),
        history=KMeansHistory(hist[0].numpy()[: n_iter + 1], hist[1].numpy()[:n_iter]) if history else None,
    )


def kmeans(x: Any, k: Any, *, init: Any = "k-means++", n_init: Any = 1, max_iter: Any = 300,
           tol: Any = 1e-4, seed: Any = 0, history: Any = False) -> KMeansResult:
    """Cluster the rows of ``x`` into ``k`` groups with Lloyd's algorithm in TensorFlow.

    Same arguments, checks and results as :func:`tfnotes.kmeans.reference.kmeans` (see its
    docstring): from the same ``init`` the two return the same labels and centroids up to rounding.
    """
    spec = prepare(x, k, init, n_init, max_iter, tol, seed, history)
    return best_of(spec, functools.partial(_run_once, history=spec.history))
