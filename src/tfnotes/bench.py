"""Benchmarks, as commands that print tables (never timed tests): ``python -m tfnotes.bench kmeans|rnn``.

k-means: per-iteration milliseconds of the TensorFlow implementation, the NumPy reference and
scikit-learn's Lloyd, from the same float32 data and the same k-means++ start, with the ratio of
TensorFlow to scikit-learn and how closely their inertias agree. Medians of several runs; the
first TensorFlow call (tracing and XLA compilation) is excluded.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import numpy as np

SIZES = [(100_000, 2, 5, 0.8), (1_000_000, 16, 16, 0.4)]  # n, d, k, target TF / scikit-learn ratio
ITERATIONS = 20


def _data(n: int, d: int, k: int) -> np.ndarray:
    rng = np.random.default_rng(0)
    centers = rng.uniform(-10, 10, size=(k, d))
    return (centers[rng.integers(k, size=n)] + rng.normal(size=(n, d))).astype(np.float32)


def _per_iteration(fit, repeats: int) -> tuple[float, int, float]:
    """Median ms per iteration over ``repeats`` calls of ``fit() -> (n_iter, inertia)``."""
    times, n_iter, inertia = [], 0, 0.0
    for _ in range(repeats):
        start = time.perf_counter()
        n_iter, inertia = fit()
        times.append((time.perf_counter() - start) / n_iter * 1000)
    return statistics.median(times), n_iter, inertia


def bench_kmeans(repeats: int = 5) -> None:
    from sklearn.cluster import KMeans

    from tfnotes.kmeans import kmeans as tf_kmeans
    from tfnotes.kmeans import reference
    from tfnotes.kmeans._common import kmeans_plus_plus

    print(f"k-means: ms per Lloyd iteration, float32, same data and k-means++ start, "
          f"{ITERATIONS} iterations (tol=0), median of {repeats}; {os.cpu_count()} CPU cores")
    print(f"{'size':<20}{'implementation':<16}{'ms/iter':>10}{'iters':>7}{'inertia':>18}")
    for n, d, k, target in SIZES:
        x = _data(n, d, k)
        start = kmeans_plus_plus(x, k, np.random.default_rng(0))

        def fit_tf():
            r = tf_kmeans(x, k, init=start, max_iter=ITERATIONS, tol=0.0)
            return r.n_iter, r.inertia

        def fit_sklearn():
            r = KMeans(k, init=start, n_init=1, max_iter=ITERATIONS, tol=0.0, algorithm="lloyd").fit(x)
            return r.n_iter_, r.inertia_

        def fit_numpy():
            r = reference.kmeans(x, k, init=start, max_iter=3 if n * k * d > 10**7 else ITERATIONS, tol=0.0)
            return r.n_iter, r.inertia

        tf_kmeans(x, k, init=start, max_iter=2, tol=0.0)  # warm-up: trace and compile for this shape
        rows = {"tensorflow": _per_iteration(fit_tf, repeats),
                "numpy (ref.)": _per_iteration(fit_numpy, 1),
                "scikit-learn": _per_iteration(fit_sklearn, repeats)}
        label = f"{n:,}x{d} k={k}"
        for name, (ms, iters, inertia) in rows.items():
            print(f"{label:<20}{name:<16}{ms:>10.2f}{iters:>7}{inertia:>18.6g}")
            label = ""
        ratio = rows["tensorflow"][0] / rows["scikit-learn"][0]
        agree = abs(rows["tensorflow"][2] - rows["scikit-learn"][2]) / rows["scikit-learn"][2]
        verdict = "meets" if ratio <= target else "misses"
        print(f"{'':<20}TF / scikit-learn = {ratio:.2f}x ({verdict} target <= {target}x); "
              f"inertia relative difference {agree:.1e}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tfnotes.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["kmeans", "rnn"])
    parser.add_argument("--repeats", type=int, default=5)
    args, rest = parser.parse_known_args(argv)
    if args.what == "kmeans":
        bench_kmeans(args.repeats)
    else:
        from tfnotes.rnn import bench as rnn_bench

        return rnn_bench.main(rest)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
