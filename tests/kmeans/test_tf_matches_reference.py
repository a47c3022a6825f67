"""The TensorFlow k-means, the NumPy reference and scikit-learn agree from the same start."""

import numpy as np
import pytest
from sklearn.cluster import KMeans

from tfnotes.data import classic_points, gaussian_blobs
from tfnotes.kmeans import kmeans as tf_kmeans
from tfnotes.kmeans.reference import kmeans as np_kmeans

CASES = {
    "classic-k4": (classic_points(2000, seed=0), 4),
    "blobs-3d-k5": (gaussian_blobs([(0, 0, 0), (4, 0, 1), (0, 5, 2), (3, 3, 3), (6, 6, 0)], [1, 1, 1, 1, 1],
                                   [80] * 5, seed=4)[0], 5),
    "far-from-origin": (gaussian_blobs([(1000, -500), (1004, -500), (1000, -496)], [1, 1, 1], [100] * 3,
                                       seed=5)[0], 3),
    "sharded-50k": (gaussian_blobs([(0, 0), (5, 5), (0, 6)], [1.5, 1.5, 1.5], [17_000] * 3, seed=6)[0], 3),
}


@pytest.mark.covers("src/tfnotes/kmeans/tf.py:assign", "src/tfnotes/kmeans/tf.py:update",
                    "src/tfnotes/kmeans/reference.py:assign", "src/tfnotes/kmeans/reference.py:update",
                    "src/tfnotes/kmeans/reference.py:lloyd")
@pytest.mark.parametrize("case", CASES)
def test_tf_matches_numpy_from_same_init(case):
    x, k = CASES[case]
    start = x[np.random.default_rng(1).choice(len(x), k, replace=False)]
    a = tf_kmeans(x, k, init=start, history=True)
    b = np_kmeans(x, k, init=start, history=True)
    np.testing.assert_array_equal(a.labels, b.labels)
    np.testing.assert_allclose(a.centroids, b.centroids, atol=1e-5, rtol=0)
    assert a.n_iter == b.n_iter
    assert a.inertia == pytest.approx(b.inertia, rel=1e-9)
    np.testing.assert_allclose(a.history.centroids, b.history.centroids, atol=1e-5)
    np.testing.assert_allclose(a.history.inertia, b.history.inertia, rtol=1e-7)


@pytest.mark.parametrize("case", CASES)
def test_inertia_matches_scikit_learn_lloyd(case):
    x, k = CASES[case]
    start = x[np.random.default_rng(2).choice(len(x), k, replace=False)]
    ours = tf_kmeans(x, k, init=start)
    theirs = KMeans(k, init=start, n_init=1, algorithm="lloyd", max_iter=300, tol=1e-4).fit(x)
    assert ours.inertia == pytest.approx(theirs.inertia_, rel=1e-4)
    np.testing.assert_allclose(np.sort(ours.centroids, axis=0), np.sort(theirs.cluster_centers_, axis=0), atol=1e-4)
    assert ours.n_iter == theirs.n_iter_


def test_float32_input_is_computed_in_float32_and_agrees():
    x = classic_points(2000, seed=3).astype(np.float32)
    start = x[:4].copy()
    a, b = tf_kmeans(x, 4, init=start), np_kmeans(x, 4, init=start)
    assert a.centroids.dtype == np.float32
    assert (a.labels == b.labels).mean() > 0.999  # float32 rounding may flip a tie-like point
    np.testing.assert_allclose(a.centroids, b.centroids, atol=1e-3)


def test_same_seed_same_result_and_n_init_keeps_the_best():
    x = classic_points(600, seed=7)
    first, again = tf_kmeans(x, 5, seed=11), tf_kmeans(x, 5, seed=11)
    np.testing.assert_array_equal(first.labels, again.labels)
    best = np_kmeans(x, 5, init="random", n_init=8, seed=0)
    # n_init runs draw their starts from one seeded stream: the best of 8 is the min over those 8
    rng = np.random.default_rng(0)
    from tfnotes.kmeans._common import random_init
    starts = [random_init(x, 5, rng) for _ in range(8)]
    assert best.inertia == pytest.approx(min(np_kmeans(x, 5, init=s).inertia for s in starts))
