"""Where the time of a TensorFlow k-means call goes, counted rather than timed: memory traffic and compiled calls.

The TensorFlow page compares two ways to organise the same Lloyd run of :mod:`tfnotes.kmeans.tf`:

- ``"sharded"``, the package's earlier structure: the rows were split into row shards, one XLA call per shard and
  iteration, driven by a ``tf.while_loop`` in an ordinary ``tf.function``. Around the loop: the data copied into a
  tensor, the variance for ``tol`` computed even when ``tol=0``, the data centred and cut into shards (two more copies),
  ``Σ‖x‖²`` for a history that every call recorded, and the labels converted to int64 on the host.
- ``"one-call"``, the current structure: the whole run (centring, the loop, the last assignment and the exact inertia)
  is one XLA computation; the input is lent to TensorFlow without a copy; no variance when ``tol=0``; no history
  unless asked for.

The iteration itself, a matrix product, an ``argmin`` and the per-cluster sums, is the same in both. Traffic is counted
in *passes over the data*: bytes read or written divided by the size of ``x`` (n·d numbers), so an (n, k) array of
distances is k/d passes and the n labels (int32) 1/d. The tests check the claims the page makes from these counts
against the code (one compiled call, no copy of the input, no variance pass when ``tol=0``).
"""

from __future__ import annotations

import math

LAYOUTS = ("sharded", "one-call")
PHASES = ("setup", "iterations", "finish")


def shards(n: int, k: int) -> int:
    """Row shards of the sharded structure: enough for both cores, each (rows, k) block near 2**21 numbers."""
    if n < 16_384:
        return 1
    return int(min(16, max(2, math.ceil(n * k / 2**21))))


def iteration(d: int, k: int) -> float:
    """One Lloyd iteration (both structures): x read for the product and again for the sums, the (n, k) distances
    written and read back, the labels written once and read three times (change check, sums, counts)."""
    return 2 + 2 * k / d + 4 / d


def setup(layout: str) -> dict[str, float]:
    """Passes over the data before the first iteration, step by step."""
    steps = {"finite": 1.5}  # np.isfinite reads x and writes n·d booleans (1/4 of x), np.all reads them
    if layout == "sharded":
        steps["copy"] = 2.0  # tf.constant(x): read and write
        steps["variance"] = 6.0  # np.var: mean (read), x - mean (read, write), square (read, write), sum (read)
    steps["centre"] = 3.0  # mean (read), x - mean (read, write)
    if layout == "sharded":
        steps["shards"] = 2.0  # tf.split into row shards: read and write
        steps["x_sq"] = 1.0  # Σ‖x‖² for the recorded history
    return steps


def finish(layout: str, d: int, k: int) -> float:
    """Passes after the loop: the last assignment, the exact inertia and the int64 labels handed back."""
    exact_inertia = 1 + 1 / d  # x and the labels read once more: ‖x − c‖² from the differences
    if layout == "sharded":
        return iteration(d, k) + exact_inertia + 3 / d  # a whole step again; astype(int64) on the host
    last_assignment = 1 + 2 * k / d + 1 / d  # the product and the argmin, no sums
    return last_assignment + exact_inertia + 3 / d  # int64 labels written by the compiled call


def passes(layout: str, n: int, d: int, k: int, iterations: int) -> dict[str, float]:
    """Passes over the data of one call, by phase."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}, got {layout!r}")
    return {"setup": sum(setup(layout).values()), "iterations": iterations * iteration(d, k),
            "finish": finish(layout, d, k)}


def compiled_calls(layout: str, n: int, k: int, iterations: int) -> int:
    """XLA computations launched by one call: one per shard and step (the last assignment is a step), or one."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}, got {layout!r}")
    return shards(n, k) * (iterations + 1) if layout == "sharded" else 1
