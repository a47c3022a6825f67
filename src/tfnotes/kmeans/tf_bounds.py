"""Lloyd's algorithm with distance bounds (Hamerly, 2010): the same labels, far fewer distances.

After the first iterations most points stay where they are, yet plain Lloyd recomputes every point's k distances
in every iteration. This run keeps, for each point, an upper bound on the distance to its own centroid and a lower
bound on the distance to every other one. When the centroids move, the triangle inequality says how far the bounds
can move: the upper bound grows by at most the shift of the point's own centroid, the lower bound shrinks by at
most the largest shift of any other. A point whose upper bound stays below its lower bound (or below half the gap
from its centroid to the nearest other centroid) cannot change cluster, and its distances are not computed.

The bounds vouch for what the plain assignment of :mod:`tfnotes.kmeans.tf` would decide, rounding included: a
point is skipped only if its margin exceeds the largest rounding error of the float scores ``‖c‖² − 2x·c`` it
would be compared by, every bound is rounded outwards, and the points left over are scored with the same
:func:`~tfnotes.kmeans.tf.scores`. The per-cluster sums are kept up to date from the points that changed cluster,
in float64, so they do not drift.

XLA needs static shapes, so the points left over are packed, in order, into a buffer of n / CHUNK points and scored
one buffer at a time (when more than n / DENSE are left over, the iteration is a plain one).
Packing keeps one 32-bit mask per block of 32 points rather than scattering all n indices.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tfnotes._tf import tensorflow
from tfnotes.kmeans._common import prepare
from tfnotes.kmeans.tf import _as_tensor, cluster_sums, fill_empty, scores

tf = tensorflow()

CHUNK = 128  # the unsure points are scored n // CHUNK at a time
DENSE = 4  # with more than n // DENSE unsure points, the iteration scores every point
BLOCK = 32  # the points left over are packed by blocks of 32 flags: one int32 bit mask per block


def _outward(eps: float):
    """Rounding helpers for a float type whose unit roundoff is ``eps``: move a value up or down by a few units
    of its own size (a product, not a sum, so that infinity stays infinity)."""
    def up(v, units=4):
        more, less = tf.constant(1 + units * eps, v.dtype), tf.constant(1 - units * eps, v.dtype)
        return v * tf.where(v >= 0, more, less)

    def down(v, units=4):
        more, less = tf.constant(1 + units * eps, v.dtype), tf.constant(1 - units * eps, v.dtype)
        return v * tf.where(v >= 0, less, more)

    return up, down


def count_blocks(flags: tf.Tensor) -> tuple[tf.Tensor, tf.Tensor]:
    """The flags (n,) as one 32-bit mask per block of 32 (bit j for entry 32·b + j), and the running count of
    flags up to each block."""
    n = flags.shape[0]
    blocks = -(-n // BLOCK)
    f = tf.reshape(tf.pad(tf.cast(flags, tf.int32), [[0, blocks * BLOCK - n]]), [blocks, BLOCK])
    masks = tf.reduce_sum(tf.bitwise.left_shift(f, tf.range(BLOCK)), axis=1)  # distinct bits: the sum is an OR
    return masks, tf.cumsum(_popcount(masks))  # counted from the masks: the flags are computed once


def _popcount(v):
    """The number of set bits of every int32 entry, as int32."""
    return tf.cast(tf.raw_ops.PopulationCount(x=v), tf.int32)


def pack(masks: tf.Tensor, running: tf.Tensor, n: int, capacity: int, first: tf.Tensor) -> tf.Tensor:
    """Indices of the flagged entries number ``first`` to ``first + capacity - 1`` (0-based, in order), padded
    with n past the last one (``masks`` and ``running`` from :func:`count_blocks`).

    Entry number s lies in the block b with running[b - 1] <= s < running[b], and b is the number of blocks whose
    running count is at most s: a histogram of the running counts and a running sum over the slots. Inside its
    block, the entry is the r-th set bit of the block's mask, found by halving the bit range five times. The work
    is in proportion to n / 32 + capacity; a scatter of all n indices, the obvious way, runs one entry at a time in
    XLA on the CPU.
    """
    blocks = masks.shape[0]
    bins = tf.clip_by_value(running - first, 0, capacity)  # bin `capacity` collects the blocks past the slots
    hist = tf.math.unsorted_segment_sum(tf.ones([blocks], tf.int32), bins, capacity + 1)
    block = tf.minimum(tf.cumsum(hist[:capacity]), blocks - 1)  # (capacity,)
    mask = tf.gather(masks, block)
    slot = first + tf.range(capacity)
    r = slot - (tf.gather(running, block) - _popcount(mask))  # 0-based rank of the entry inside its block
    pos = tf.zeros([capacity], tf.int32)
    for width in (16, 8, 4, 2, 1):
        low = _popcount(tf.bitwise.bitwise_and(tf.bitwise.right_shift(mask, pos), (1 << width) - 1))
        above = r >= low  # the entry lies in the upper half of the range
        pos = tf.where(above, pos + width, pos)
        r = tf.where(above, r - low, r)
    return tf.where(slot < running[-1], block * BLOCK + pos, n)


@tf.function(jit_compile=True)
def lloyd_bounded(x, start, max_iter, tol, record: int):
    """A whole run as one XLA computation, like :func:`tfnotes.kmeans.tf._lloyd` without a history.

    Returns the centroids, the labels (int64), the exact inertia, the iterations and whether it converged, and
    with ``record`` >= ``max_iter`` how many points had their distances computed: entry i for iteration i, entry
    ``n_iter`` for the last assignment (0 if it was not needed), zeros after that (``record = 0``: nothing).
    """
    n, d = x.shape
    k = start.shape[0]
    dtype = x.dtype
    chunk = max(n // CHUNK, 1)
    up, down = _outward(float(np.finfo(dtype.as_numpy_dtype).eps) / 2)
    # |computed − exact| of a score c² − 2x·c is below (d + 2)·u·(‖x‖ + ‖c‖)² (u the unit roundoff), however the
    # dot products are summed; two more units cover ‖x‖² and the sums of the bounds themselves.
    unit = (d + 4) * float(np.finfo(dtype.as_numpy_dtype).eps) / 2
    inf = tf.constant(np.inf, dtype)

    mean = tf.matmul(tf.ones([1, n], dtype), x)[0] / n  # column means: a product is faster than a reduction
    x = x - mean  # centred, as in the plain run
    x_sq = tf.reduce_sum(tf.square(x), axis=1)  # (n,)

    def slack(rows_sq, c_norm):  # the largest rounding error of a score, per point
        e = tf.sqrt(rows_sq) + c_norm
        return up(unit * e * e, 8)

    def bounds(rows_sq, partial, labels, c_norm):
        """Upper bound on the distance to the nearest centroid, lower bound on the second nearest's."""
        first = tf.reduce_min(partial, axis=1)
        second = tf.reduce_min(tf.where(tf.equal(tf.range(k)[None, :], labels[:, None]), inf, partial), axis=1)
        e = slack(rows_sq, c_norm)
        return (up(tf.sqrt(tf.maximum(up(rows_sq + first + e), 0.0))),
                down(tf.sqrt(tf.maximum(down(rows_sq + second - e), 0.0))))

    def largest_norm(c):
        return up(tf.sqrt(tf.reduce_max(tf.reduce_sum(tf.square(c), axis=1))), 8)

    def stats_of(labels):  # per-cluster sums (kept in float64 from here on) and sizes
        sums, counts = cluster_sums(x, labels, k)
        return tf.cast(sums, tf.float64), counts

    def update(c, sums, counts):
        """Means of the clusters; an empty cluster jumps to the farthest point, as in the plain run."""
        means = tf.cast(sums / tf.cast(tf.maximum(counts, 1.0), tf.float64)[:, None], dtype)
        return fill_empty(x, means, counts, c)

    def moves(old, new):
        """Per centroid: its shift, the largest shift of any other centroid, half the gap to its nearest one."""
        shift = up(tf.sqrt(tf.reduce_sum(tf.square(new - old), axis=1)), 8)
        if k == 1:
            return shift, tf.zeros([1], dtype), tf.fill([1], inf), largest_norm(new)
        largest = tf.argmax(shift, output_type=tf.int32)
        runner_up = tf.reduce_max(tf.where(tf.equal(tf.range(k), largest), tf.zeros_like(shift), shift))
        others = tf.where(tf.equal(tf.range(k), largest), runner_up, tf.reduce_max(shift))
        gaps = tf.reduce_sum(tf.square(new[:, None, :] - new[None, :, :]), axis=-1) + tf.linalg.diag(tf.fill([k], inf))
        half = down(0.5 * tf.sqrt(tf.reduce_min(gaps, axis=1)), 8)
        return shift, others, half, largest_norm(new)

    def reassign(new, labels, upper, lower, sums, counts, shift, others, half, c_norm):
        """Labels for the centroids ``new``, given bounds for the previous ones and how far each centroid moved."""
        # --8<-- [start:test]
        # The own centroid moved by shift[a], every other one by at most others[a]:
        upper = up(upper + tf.gather(shift, labels), 2)
        lower = down(lower - tf.gather(others, labels), 2)
        # Within half the gap to its nearest neighbour, no other centroid is nearer.
        floor = tf.maximum(lower, down(2.0 * tf.gather(half, labels) - upper))
        # Unsure: the squared-distance gap to the second nearest does not beat
        # twice the largest rounding error of a score.
        unsure = down((floor - upper) * (floor + upper)) <= 2.0 * slack(x_sq, c_norm)
        # --8<-- [end:test]
        masks, running = count_blocks(unsure)
        m = running[-1]

        def some():  # the unsure points, a buffer of `chunk` at a time
            before = labels  # each point is in one buffer at most: its label before this loop is its old label

            def part(j, idx, labels, upper, lower, sums, counts, stay):
                # idx, this buffer's points, comes in through the loop state: a materialised array. Computed here,
                # XLA would fuse the packing into each of the gathers below and redo it for every element.
                rows = tf.gather(x, idx)  # padding (index n) reads the last row; its writes below are dropped
                rows_sq = tf.gather(x_sq, idx)
                partial = scores(rows, new)
                new_labels = tf.argmin(partial, axis=1, output_type=tf.int32)
                u, l = bounds(rows_sq, partial, new_labels, c_norm)
                old_labels = tf.gather(before, idx)
                moved = tf.logical_and(j * chunk + tf.range(chunk) < m, tf.not_equal(new_labels, old_labels))
                # Each moved point leaves its old cluster and joins its new one: +1 and -1 in a (chunk, k) table,
                # whose product with the rows gives the change of the sums.
                w = tf.cast(moved, tf.float64)[:, None]
                table = (tf.cast(tf.equal(new_labels[:, None], tf.range(k)), tf.float64)
                         - tf.cast(tf.equal(old_labels[:, None], tf.range(k)), tf.float64)) * w
                delta = tf.matmul(table, tf.cast(rows, tf.float64), transpose_a=True)
                delta_counts = tf.cast(tf.reduce_sum(table, axis=0), dtype)
                at = idx[:, None]  # out-of-range rows of the padding: XLA drops their updates
                return (j + 1, pack(masks, running, n, chunk, (j + 1) * chunk),
                        tf.tensor_scatter_nd_update(labels, at, new_labels),
                        tf.tensor_scatter_nd_update(upper, at, u), tf.tensor_scatter_nd_update(lower, at, l),
                        sums + delta, counts + delta_counts,
                        tf.logical_and(stay, tf.logical_not(tf.reduce_any(moved))))

            _, _, *out = tf.while_loop(lambda j, *rest: j * chunk < m, part,
                                       (0, pack(masks, running, n, chunk, 0), labels, upper, lower, sums, counts, True))
            return (*out, m)

        def every():
            partial = scores(x, new)
            new_labels = tf.argmin(partial, axis=1, output_type=tf.int32)
            u, l = bounds(x_sq, partial, new_labels, c_norm)
            return (new_labels, u, l, *stats_of(new_labels), tf.reduce_all(tf.equal(new_labels, labels)),
                    tf.constant(n))

        return tf.cond(m <= max(n // DENSE, 1), some, every)

    # One assignment per pass of the loop: iteration i's, then (phase 1) the last one, to the final centroids,
    # unless the last iteration changed no label (phase 2 ends the loop). Iteration 0 starts from bounds that
    # vouch for nothing (upper ∞, lower 0), so it scores every point and sets the bounds.
    c0 = start - mean
    iterating, finishing, finished = 0, 1, 2

    def body(i, c, labels, upper, lower, sums, counts, phase, done, work, shift, others, half, c_norm):
        labels, upper, lower, sums, counts, strict, m = reassign(c, labels, upper, lower, sums, counts,
                                                                 shift, others, half, c_norm)
        if record:
            work = tf.tensor_scatter_nd_update(work, [[i]], [m])

        def step():  # the update of iteration i, and what comes next
            following = update(c, sums, counts)
            done = tf.logical_or(strict, tf.reduce_sum(tf.square(following - c)) <= tol)
            last = tf.logical_or(done, i + 1 >= max_iter)
            phase = tf.where(last, tf.where(strict, finished, finishing), iterating)
            return (i + 1, following, phase, done, *moves(c, following))

        def stop():
            return (i, c, finished, done, shift, others, half, c_norm)

        i, c, phase, done, *moved = tf.cond(tf.equal(phase, iterating), step, stop)
        return (i, c, labels, upper, lower, sums, counts, phase, done, work, *moved)

    state = (0, c0, tf.fill([n], -1), tf.fill([n], inf), tf.zeros([n], dtype), tf.zeros([k, d], tf.float64),
             tf.zeros([k], dtype), iterating, False, tf.zeros([record + 1 if record else 0], tf.int32),
             *moves(c0, c0))
    i, c, labels, *_, done, work, _, _, _, _ = tf.while_loop(lambda *s: s[7] != finished, body, state)
    # The exact inertia of the answer: ‖x − c‖² from the differences, summed in float64.
    per_point = tf.reduce_sum(tf.square(x - tf.gather(c, labels)), axis=1)
    inertia = tf.reduce_sum(tf.cast(per_point, tf.float64))
    return c + mean, tf.cast(labels, tf.int64), inertia, i, done, work


def scored_points(x: Any, k: Any, *, init: Any = "k-means++", max_iter: Any = 300, tol: Any = 1e-4,
                  seed: Any = 0) -> np.ndarray:
    """How many points a bounded run scores, assignment by assignment: entry i for iteration i (iteration 0 scores
    every point), the last entry for the last assignment (0 when the last iteration changed no label).

    One run, with the arguments and checks of :func:`tfnotes.kmeans.kmeans` (no restarts, no history).
    """
    spec = prepare(x, k, init, 1, max_iter, tol, seed)
    out = lloyd_bounded(_as_tensor(spec.x), tf.constant(spec.inits[0]), tf.constant(spec.max_iter),
                        tf.constant(spec.tol, dtype=spec.x.dtype), spec.max_iter)
    return out[-1].numpy()[: int(out[3]) + 1].astype(np.int64)
