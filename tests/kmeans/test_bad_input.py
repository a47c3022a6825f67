"""Every bad input raises a clear error that names the argument, in both implementations."""

import numpy as np
import pytest

from tfnotes.kmeans import kmeans as tf_kmeans
from tfnotes.kmeans.reference import kmeans as np_kmeans

X = np.random.default_rng(0).normal(size=(20, 2))
IMPLEMENTATIONS = {"tf": tf_kmeans, "numpy": np_kmeans}

BAD = [  # (args, kwargs, error type, words the message must contain)
    ((X, 0), {}, ValueError, ["k", ">= 1", "0"]),
    ((X, -2), {}, ValueError, ["k", ">= 1"]),
    ((X, 21), {}, ValueError, ["k", "21", "20 samples"]),
    ((X, 2.5), {}, TypeError, ["k", "integer"]),
    ((X, True), {}, TypeError, ["k", "integer"]),
    ((X, "3"), {}, TypeError, ["k", "integer"]),
    ((X[:, 0], 2), {}, ValueError, ["x", "2-D", "(20,)"]),
    ((X[None], 2), {}, ValueError, ["x", "2-D"]),
    ((np.empty((0, 2)), 1), {}, ValueError, ["x", "empty"]),
    ((np.where(np.arange(40).reshape(20, 2) == 5, np.nan, X), 2), {}, ValueError, ["x", "NaN"]),
    ((np.where(np.arange(40).reshape(20, 2) == 5, np.inf, X), 2), {}, ValueError, ["x", "infinite"]),
    ((np.array([["a", "b"], ["c", "d"]]), 1), {}, TypeError, ["x", "numbers"]),
    (([[1, 2], [3]], 1), {}, ValueError, ["x", "rectangular"]),
    (("not an array", 1), {}, TypeError, ["x", "str"]),
    ((X, 3), {"init": "kmeans++"}, ValueError, ["init", "'kmeans++'", "k-means++"]),
    ((X, 3), {"init": X[:2]}, ValueError, ["init", "(3, 2)", "(2, 2)"]),
    ((X, 3), {"init": np.full((3, 2), np.nan)}, ValueError, ["init", "NaN"]),
    ((X, 3), {"init": X[:3], "n_init": 4}, ValueError, ["n_init", "explicit"]),
    ((X, 3), {"max_iter": 0}, ValueError, ["max_iter", ">= 1"]),
    ((X, 3), {"max_iter": 1.5}, TypeError, ["max_iter", "integer"]),
    ((X, 3), {"tol": -1e-3}, ValueError, ["tol", ">= 0"]),
    ((X, 3), {"tol": "small"}, TypeError, ["tol", "real number"]),
    ((X, 3), {"n_init": 0}, ValueError, ["n_init", ">= 1"]),
    ((X, 3), {"seed": -1}, ValueError, ["seed", ">= 0"]),
    ((X, 3), {"seed": 1.0}, TypeError, ["seed", "integer"]),
]


@pytest.mark.parametrize("impl", IMPLEMENTATIONS)
@pytest.mark.parametrize("args,kwargs,error,words", BAD, ids=[f"case{i}" for i in range(len(BAD))])
def test_bad_input_raises_naming_the_argument(impl, args, kwargs, error, words):
    with pytest.raises(error) as info:
        IMPLEMENTATIONS[impl](*args, **kwargs)
    message = str(info.value)
    assert message.split()[0] == words[0], f"message should start with the argument name: {message}"
    for word in words:
        assert word in message, f"{word!r} missing from: {message}"


@pytest.mark.parametrize("impl", IMPLEMENTATIONS)
def test_integer_and_list_input_is_accepted(impl):
    result = IMPLEMENTATIONS[impl]([[0, 0], [0, 1], [10, 10], [10, 11]], 2, seed=0)
    assert sorted(np.bincount(result.labels)) == [2, 2]
    assert result.inertia == pytest.approx(1.0)


@pytest.mark.covers("src/tfnotes/kmeans/tf.py:update", "src/tfnotes/kmeans/reference.py:update")
@pytest.mark.parametrize("impl", IMPLEMENTATIONS)
def test_empty_cluster_moves_to_the_farthest_point(impl):
    """A centroid that wins no point jumps to the worst-served point (documented policy)."""
    x = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [10.0, 10.0], [10.0, 11.0], [30.0, 30.0]])
    start = np.array([[0.0, 0.5], [10.0, 10.5], [-500.0, -500.0]])  # the third wins nothing
    result = IMPLEMENTATIONS[impl](x, 3, init=start, max_iter=1, history=True)
    np.testing.assert_allclose(result.history.centroids[1][2], [30.0, 30.0])  # farthest from its centroid
    final = IMPLEMENTATIONS[impl](x, 3, init=start)
    assert sorted(np.bincount(final.labels, minlength=3)) == [1, 2, 3]
    assert np.all(np.isfinite(final.centroids))


def test_both_implementations_relocate_identically_with_several_empty_clusters():
    x = np.random.default_rng(3).normal(size=(50, 2))
    start = np.array([[0.0, 0.0], [100.0, 100.0], [-100.0, 100.0], [100.0, -100.0]])
    a, b = tf_kmeans(x, 4, init=start, history=True), np_kmeans(x, 4, init=start, history=True)
    np.testing.assert_array_equal(a.labels, b.labels)
    np.testing.assert_allclose(a.history.centroids[1], b.history.centroids[1], atol=1e-12)
    assert len(np.unique(a.labels)) == 4
