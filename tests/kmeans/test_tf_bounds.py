"""The k-means run with distance bounds (tfnotes.kmeans.tf_bounds) returns what the plain loop returns.

The bounds may only skip a point whose label they prove, rounding included; the points they cannot vouch for are
packed into buffers and scored like every point of the plain loop. These tests compare the two runs through the
public ``kmeans`` (the size at which it switches to bounds is moved for the test) on data chosen to reach every
branch: pruning, the packed buffers, the plain fallback when most points are unsure, an empty cluster, exact ties,
a single cluster, float64 far from the origin.
"""

import numpy as np
import pytest

import tfnotes.kmeans.tf as tf_module
from tfnotes.bench import bench_data
from tfnotes.kmeans import kmeans
from tfnotes.kmeans._common import kmeans_plus_plus, random_init
from tfnotes.kmeans.tf_bounds import count_blocks, lloyd_bounded, pack, tf

RECORD = 300  # one compiled variant per shape: work is recorded for up to RECORD iterations


def _cases():
    rng = np.random.default_rng(1)
    blobs = bench_data(3000, 3, 6)
    big = bench_data(20_000, 16, 8)
    ties = np.repeat(rng.integers(0, 4, size=(60, 3)), 50, axis=0).astype(np.float32)  # many equal points
    empty_start = np.vstack([blobs[:5], [[500.0, 500.0, 500.0]]]).astype(np.float32)  # one centroid far away
    far = (rng.normal(size=(3000, 3)) * [1, 2, 3] + 1e4).astype(np.float64)
    return {
        "blobs": (blobs, kmeans_plus_plus(blobs, 6, np.random.default_rng(0))),
        "blobs-random-start": (blobs, random_init(blobs, 6, np.random.default_rng(3))),
        "empty-cluster": (blobs, empty_start),
        "ties": (ties, ties[::500][:6].copy()),
        "one-cluster": (blobs, blobs[:1].copy()),
        "float64-far-from-origin": (far, random_init(far, 6, np.random.default_rng(2))),
        "16d-k8": (big, kmeans_plus_plus(big, 8, np.random.default_rng(0))),
    }


CASES = _cases()


def _run(monkeypatch, bounds: bool, x, start, **kw):
    monkeypatch.setattr(tf_module, "BOUNDS_FROM", 0 if bounds else 2**62)
    return kmeans(x, len(start), init=start, **kw)


@pytest.mark.covers("src/tfnotes/kmeans/tf_bounds.py:test")
@pytest.mark.parametrize("max_iter, tol", [(300, 0.0), (3, 0.0), (1, 0.0), (300, 1e-3)])
@pytest.mark.parametrize("case", CASES)
def test_bounds_give_the_plain_labels(monkeypatch, case, max_iter, tol):
    x, start = CASES[case]
    plain = _run(monkeypatch, False, x, start, max_iter=max_iter, tol=tol)
    bounded = _run(monkeypatch, True, x, start, max_iter=max_iter, tol=tol)
    np.testing.assert_array_equal(bounded.labels, plain.labels)
    assert (bounded.n_iter, bounded.converged) == (plain.n_iter, plain.converged)
    # The sums behind the means are float64 here and float32 there: equal up to float32 rounding.
    np.testing.assert_allclose(bounded.centroids, plain.centroids, rtol=0, atol=1e-5 * np.abs(x).max())
    assert bounded.inertia == pytest.approx(plain.inertia, rel=1e-6)


def test_public_kmeans_uses_bounds_from_the_documented_size(monkeypatch):
    """At BOUNDS_FROM distances per iteration the public call is the bounded run, below it the plain one."""
    x, start = CASES["16d-k8"]
    calls = []
    original = lloyd_bounded
    monkeypatch.setattr("tfnotes.kmeans.tf_bounds.lloyd_bounded", lambda *a: calls.append(1) or original(*a))
    monkeypatch.setattr(tf_module, "BOUNDS_FROM", len(x) * len(start) + 1)
    kmeans(x, len(start), init=start, max_iter=2)
    assert not calls
    monkeypatch.setattr(tf_module, "BOUNDS_FROM", len(x) * len(start))
    kmeans(x, len(start), init=start, max_iter=2)
    assert calls == [1]


def _work(x, start, max_iter=300):
    out = lloyd_bounded(tf.constant(x), tf.constant(start), tf.constant(max_iter), tf.constant(0.0, x.dtype), RECORD)
    n_iter = int(out[3])
    return out[-1].numpy(), n_iter


def test_bounds_skip_most_distances_once_the_centroids_settle():
    x, start = CASES["16d-k8"]
    work, n_iter = _work(x, start)
    assert work[0] == len(x)  # iteration 0 scores every point and sets the bounds
    assert n_iter > 10
    assert np.all(work[3:n_iter] < 0.1 * len(x)), work[:n_iter]  # afterwards, fewer than one point in ten
    assert np.all(work[n_iter + 1:] == 0)


def test_unsure_points_are_every_point_when_all_coincide():
    """Exact ties can never be vouched for: every point with a tie is scored in every iteration."""
    x, start = CASES["ties"]
    work, n_iter = _work(x, start)
    assert np.all(work[:n_iter] > 0)


@pytest.mark.parametrize("n, share, capacity, first", [
    (1000, 0.01, 15, 0), (1000, 0.01, 50, 3), (100_003, 0.013, 1562, 700), (77, 0.5, 40, 0), (64, 0.0, 3, 0),
    (5, 1.0, 5, 0), (40, 1.0, 10, 30), (100_000, 0.5, 20_000, 12_345),
])
def test_pack_lists_the_flagged_indices_in_order(n, share, capacity, first):
    flags = np.random.default_rng(n).random(n) < share
    run = tf.function(lambda f: pack(*count_blocks(f), n, capacity, tf.constant(first)), jit_compile=True)
    got = run(tf.constant(flags)).numpy()
    want = np.flatnonzero(flags)[first:first + capacity]
    np.testing.assert_array_equal(got, np.concatenate([want, np.full(capacity - len(want), n)]))


def test_benchmark_sizes_fall_on_either_side_of_the_switch():
    """The TensorFlow page: the benchmark's larger input takes the bounded path, the smaller one does not."""
    from tfnotes.bench import SIZES

    (n_small, _, k_small, _), (n, _, k, _) = SIZES
    assert n_small * k_small < tf_module.BOUNDS_FROM <= n * k


def test_bounded_run_is_a_larger_program_than_the_plain_loop():
    """The TensorFlow page: 'several times the operations of the loop above' (HLO instructions, before XLA's passes)."""
    args = (tf.zeros([64, 4]), tf.zeros([3, 4]), tf.constant(5), tf.constant(0.0), 0)

    def size(fn):
        return sum(" = " in line for line in fn.experimental_get_compiler_ir(*args)(stage="hlo").splitlines())

    assert size(lloyd_bounded) >= 2 * size(tf_module._lloyd)


def test_scored_points_checks_its_arguments_like_kmeans():
    from tfnotes.kmeans.tf_bounds import scored_points

    x, _ = CASES["blobs"]
    with pytest.raises(ValueError, match="^k must be <= the number of samples"):
        scored_points(x[:4], 5)
    with pytest.raises(ValueError, match="^x contains 1 NaN"):
        scored_points(np.where(np.arange(x.size).reshape(x.shape) == 7, np.nan, x), 3)
