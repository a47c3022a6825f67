"""Numbers of the TensorFlow page's minimal loop: the 2016-style TF 2 loop against the NumPy reference."""

from __future__ import annotations

import numpy as np

from tfnotes.kmeans import reference
from tfnotes.kmeans.tf_minimal import lloyd_2016_style
from tfnotes.runs import kmeans_tutorial as runs
from tfnotes.values import value

START_SEED = 1  # which k data points the comparison starts from


def minimal_vs_reference():
    """Both loops from the same k data points of the tutorial data; the reference with tol=0 (stop on labels)."""
    x = runs.classic_data()
    k = runs.CLASSIC_CALL["k"]
    start = x[np.random.default_rng(START_SEED).choice(len(x), size=k, replace=False)]
    centroids, labels, steps = lloyd_2016_style(x, start)
    ref = reference.kmeans(x, k, init=start, tol=0.0)
    return centroids, labels, steps, ref


@value("kmeans-tf-minimal")
def minimal() -> dict:
    centroids, labels, steps, ref = minimal_vs_reference()
    return {
        "k": int(len(centroids)), "steps": steps, "reference_steps": ref.n_iter,
        "labels_equal": bool(np.array_equal(labels, ref.labels)),
        "max_centroid_diff": float(np.abs(centroids - ref.centroids).max()),
        "lines": _loop_lines(),
    }


def _loop_lines() -> int:
    """Lines of code in the included section (what the page calls "about N lines")."""
    from pathlib import Path

    import tfnotes.kmeans.tf_minimal as m

    text = Path(m.__file__).read_text()
    body = text.split("# --8<-- [start:loop]\n", 1)[1].split("# --8<-- [end:loop]", 1)[0]
    return sum(1 for line in body.splitlines() if line.strip())


@value("kmeans-tf-cost")
def cost() -> dict:
    """Counted work of one benchmark call (the larger size), in the earlier sharded structure and now."""
    from tfnotes.bench import ITERATIONS, SIZES
    from tfnotes.kmeans import tf_bounds
    from tfnotes.kmeans.tf import BOUNDS_FROM, FEW_FEATURES
    from tfnotes.runs import kmeans_cost

    (n_small, _, k_small, _), (n, d, k, _) = SIZES
    if BOUNDS_FROM & (BOUNDS_FROM - 1):
        raise ValueError(f"BOUNDS_FROM = {BOUNDS_FROM} is not a power of two: the TensorFlow page writes it as 2^n")
    before = kmeans_cost.passes("sharded", n, d, k, ITERATIONS)
    after = kmeans_cost.passes("one-call", n, d, k, ITERATIONS)
    return {
        "n": n, "d": d, "k": k, "iterations": ITERATIONS,
        "iteration_passes": kmeans_cost.iteration(d, k),
        "setup_before": before["setup"], "setup_after": after["setup"],
        "finish_before": before["finish"], "finish_after": after["finish"],
        "total_before": sum(before.values()), "total_after": sum(after.values()),
        "calls_before": kmeans_cost.compiled_calls("sharded", n, k, ITERATIONS),
        "calls_after": kmeans_cost.compiled_calls("one-call", n, k, ITERATIONS),
        "shards": kmeans_cost.shards(n, k),
        "calls_before_small": kmeans_cost.compiled_calls("sharded", n_small, k_small, ITERATIONS),
        "few_features": FEW_FEATURES,
        "bounds_from_log2": BOUNDS_FROM.bit_length() - 1,
        "buffer_share": tf_bounds.CHUNK, "plain_share": tf_bounds.DENSE,
    }
