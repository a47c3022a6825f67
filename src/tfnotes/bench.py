"""Benchmarks, as commands that print tables (never timed tests): ``python -m tfnotes.bench kmeans|rnn``.

k-means: milliseconds per Lloyd iteration (a whole call divided by its iterations) of the TensorFlow
implementation and of scikit-learn's Lloyd, from the same float32 data and the same explicit start, and
the ratio TF / scikit-learn for every size side by side. The two are timed in alternation (TF, scikit-learn,
scikit-learn, TF, ...), each after a short rest, so that whatever else loads the machine hits both alike; the
table gives medians, and the ratio is the median of the per-pair ratios (the ratio of the fastest calls, which load elsewhere on the
machine can only slow down, is printed too). The first call of each (tracing and XLA compilation for
TensorFlow) is a warm-up and is not timed. It also prints how closely the two results agree.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import numpy as np

SIZES = [(100_000, 2, 5, 0.8), (1_000_000, 16, 16, 0.4)]  # n, d, k, target TF / scikit-learn ratio
ITERATIONS = 15
# Seconds of rest before each timed call. Both libraries leave worker threads spinning for a while after a call
# (OpenMP in scikit-learn, the Eigen pool in TensorFlow); a call started in that window shares the cores with them.
PAUSE = 0.3


def bench_data(n: int, d: int, k: int) -> np.ndarray:
    """The benchmark's input: n points in d dimensions around k centres drawn in [-10, 10]^d, unit noise, float32."""
    rng = np.random.default_rng(0)
    centers = rng.uniform(-10, 10, size=(k, d))
    return (centers[rng.integers(k, size=n)] + rng.normal(size=(n, d))).astype(np.float32)


def _timed(fit) -> tuple[float, object]:
    """(ms per iteration, result) of one call ``fit() -> (n_iter, result)``."""
    start = time.perf_counter()
    n_iter, result = fit()
    return (time.perf_counter() - start) / n_iter * 1000, result


def _exact_inertia(x: np.ndarray, centroids: np.ndarray, labels: np.ndarray) -> float:
    """Σ‖x − c‖² of a result, in float64 from the differences (the yardstick for both reported inertias)."""
    total = 0.0
    for rows in np.array_split(np.arange(len(x)), max(1, len(x) // 100_000)):
        diff = x[rows].astype(np.float64) - centroids.astype(np.float64)[labels[rows]]
        total += float(np.einsum("ij,ij->", diff, diff))
    return total


def bench_kmeans(repeats: int = 5) -> None:
    from sklearn.cluster import KMeans

    from tfnotes.kmeans import kmeans as tf_kmeans
    from tfnotes.kmeans._common import kmeans_plus_plus

    print(f"k-means: ms per Lloyd iteration (whole call / iterations), float32, same data and same k-means++ start, "
          f"{ITERATIONS} iterations (tol=0); TF and scikit-learn timed in alternation, {repeats} pairs after a "
          f"warm-up; {os.cpu_count()} CPU cores")
    rows = []
    for n, d, k, target in SIZES:
        x = bench_data(n, d, k)
        start = kmeans_plus_plus(x, k, np.random.default_rng(0))

        def fit_tf():
            r = tf_kmeans(x, k, init=start, max_iter=ITERATIONS, tol=0.0)
            return r.n_iter, r

        def fit_sklearn():
            r = KMeans(k, init=start, n_init=1, max_iter=ITERATIONS, tol=0.0, algorithm="lloyd").fit(x)
            return r.n_iter_, r

        fit_tf(), fit_sklearn()  # warm-up: trace and compile for this shape; scikit-learn's threads start
        tf_ms, sk_ms = [], []
        for i in range(repeats):
            for name in (("tf", "sk") if i % 2 == 0 else ("sk", "tf")):
                time.sleep(PAUSE)  # let the other library's worker threads stop spinning
                ms, result = _timed(fit_tf if name == "tf" else fit_sklearn)
                (tf_ms if name == "tf" else sk_ms).append(ms)
                if name == "tf":
                    ours = result
                else:
                    theirs = result
        ratio = statistics.median(a / b for a, b in zip(tf_ms, sk_ms))
        rows.append(dict(size=f"{n:,}x{d} k={k}", tf=statistics.median(tf_ms), sk=statistics.median(sk_ms),
                         ratio=ratio, fastest=min(tf_ms) / min(sk_ms), target=target, iters=(ours.n_iter, theirs.n_iter_),
                         same_labels=float(np.mean(ours.labels == theirs.labels_)),
                         inertia=(ours.inertia, theirs.inertia_),
                         exact=(_exact_inertia(x, ours.centroids, ours.labels),
                                _exact_inertia(x, theirs.cluster_centers_, theirs.labels_))))

    def line(head, cell):
        print(f"{head:<34}" + "".join(f"{cell(r):>26}" for r in rows))

    line("", lambda r: r["size"])
    line("TF ms/iter", lambda r: f"{r['tf']:.2f}")
    line("scikit-learn ms/iter", lambda r: f"{r['sk']:.2f}")
    line("TF / scikit-learn (median ratio)", lambda r: f"{r['ratio']:.2f}x")
    line("TF / scikit-learn (fastest of each)", lambda r: f"{r['fastest']:.2f}x")
    line("target", lambda r: f"<= {r['target']}x {'met' if r['ratio'] <= r['target'] else 'MISSED'}")
    line("iterations TF, scikit-learn", lambda r: "{}, {}".format(*r["iters"]))
    line("labels equal", lambda r: f"{r['same_labels']:.6%}")
    line("inertia TF vs scikit-learn", lambda r: f"{(r['inertia'][0] - r['inertia'][1]) / r['inertia'][1]:+.1e}")
    line("TF inertia vs its float64 value", lambda r: f"{(r['inertia'][0] - r['exact'][0]) / r['exact'][0]:+.1e}")
    line("sklearn inertia vs its float64 value", lambda r: f"{(r['inertia'][1] - r['exact'][1]) / r['exact'][1]:+.1e}")
    line("float64 inertias TF vs scikit-learn", lambda r: f"{(r['exact'][0] - r['exact'][1]) / r['exact'][1]:+.1e}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tfnotes.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["kmeans", "rnn"])
    parser.add_argument("--repeats", type=int, default=5)
    args, rest = parser.parse_known_args(argv)
    if args.what == "kmeans":
        bench_kmeans(args.repeats)
    else:
        from tfnotes.rnn import bench as rnn_bench

        return rnn_bench.main([*rest, "--repeats", str(args.repeats)])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
