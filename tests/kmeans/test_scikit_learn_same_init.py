"""From the same float32 data and the same start, the TensorFlow k-means gives scikit-learn's Lloyd result.

The benchmark (``python -m tfnotes.bench kmeans``) compares the speed of exactly these calls; these tests hold the
results to scikit-learn's: the same labels, the same number of iterations, the inertia within 1e-5 relative.
"""

import numpy as np
import pytest
from sklearn.cluster import KMeans

from tfnotes.bench import bench_data
from tfnotes.data import classic_points, gaussian_blobs
from tfnotes.kmeans import kmeans as tf_kmeans
from tfnotes.kmeans._common import kmeans_plus_plus

CASES = {  # float32 like the benchmark; (x, k)
    "bench-data-2d-k5": (bench_data(100_000, 2, 5), 5),
    "bench-data-16d-k16": (bench_data(20_000, 16, 16), 16),
    "classic-k4": (classic_points(2000, seed=0).astype(np.float32), 4),
    "far-from-origin": (gaussian_blobs([(1000, -500), (1004, -500), (1000, -496)], [1, 1, 1], [3000] * 3,
                                       seed=5)[0].astype(np.float32), 3),
}


@pytest.mark.covers("src/tfnotes/kmeans/tf.py:lloyd", "src/tfnotes/kmeans/tf.py:assign", "src/tfnotes/kmeans/tf.py:update")
@pytest.mark.parametrize("max_iter", [15, 300])
@pytest.mark.parametrize("case", CASES)
def test_tf_gives_scikit_learn_labels_from_same_init(case, max_iter):
    x, k = CASES[case]
    start = kmeans_plus_plus(x, k, np.random.default_rng(0))
    ours = tf_kmeans(x, k, init=start, max_iter=max_iter, tol=0.0)
    theirs = KMeans(k, init=start, n_init=1, max_iter=max_iter, tol=0.0, algorithm="lloyd").fit(x)
    np.testing.assert_array_equal(ours.labels, theirs.labels_)
    assert ours.n_iter == theirs.n_iter_
    assert ours.inertia == pytest.approx(theirs.inertia_, rel=1e-5)
    np.testing.assert_allclose(ours.centroids, theirs.cluster_centers_, rtol=0, atol=1e-4 * np.abs(x).max())


def test_reported_inertia_is_the_float64_sum_of_squared_differences():
    """The inertia is not the expanded form used to compare distances: it is exact to float64 summation."""
    x, k = CASES["bench-data-16d-k16"]
    result = tf_kmeans(x, k, init=x[:k], max_iter=15, tol=0.0)
    diff = x.astype(np.float64) - result.centroids.astype(np.float64)[result.labels]
    assert result.inertia == pytest.approx(float(np.sum(diff**2)), rel=1e-6)
