"""The minimal 2016-style TF 2 loop on the TensorFlow page gives the NumPy reference's answer from the same start."""

import numpy as np
import pytest

from tfnotes.data import classic_points, gaussian_blobs
from tfnotes.kmeans import reference
from tfnotes.kmeans.tf_minimal import lloyd_2016_style
from tfnotes.values import get


@pytest.mark.covers("src/tfnotes/kmeans/tf_minimal.py:loop")
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_minimal_tf2_loop_matches_numpy_from_same_init(seed):
    x = classic_points(2000, seed=0)
    start = x[np.random.default_rng(seed).choice(len(x), 4, replace=False)]
    centroids, labels, steps = lloyd_2016_style(x, start)
    ref = reference.kmeans(x, 4, init=start, tol=0.0)  # tol=0: stop only when no label changes, like the loop
    np.testing.assert_array_equal(labels, ref.labels)
    np.testing.assert_allclose(centroids, ref.centroids, atol=1e-12, rtol=0)
    assert steps == ref.n_iter


@pytest.mark.covers("src/tfnotes/kmeans/tf_minimal.py:loop")
def test_minimal_loop_in_3d_and_the_values_the_page_quotes():
    x, _ = gaussian_blobs([(0, 0, 0), (4, 0, 1), (0, 5, 2)], [1, 1, 1], [60] * 3, seed=4)
    start = x[[0, 70, 140]]
    centroids, labels, steps = lloyd_2016_style(x, start)
    ref = reference.kmeans(x, 3, init=start, tol=0.0)
    np.testing.assert_array_equal(labels, ref.labels)
    np.testing.assert_allclose(centroids, ref.centroids, atol=1e-12, rtol=0)
    v = get("kmeans-tf-minimal")
    assert v["labels_equal"] and v["steps"] == v["reference_steps"]
    assert v["max_centroid_diff"] <= 1e-12
    assert 15 <= v["lines"] <= 30  # "about 25 lines"


def test_minimal_loop_keeps_the_2016_nan_for_an_empty_cluster():
    """What the page warns about: an empty cluster's mean is NaN in the 2016 code and in this translation."""
    x = np.array([[0.0], [0.1], [10.0], [10.1]])
    centroids, labels, _ = lloyd_2016_style(x, np.array([[0.0], [10.0], [100.0]]), max_steps=2)
    assert np.isnan(centroids[2]).all() and np.isfinite(centroids[:2]).all()
    # "A NaN centroid is never the nearest to anything, so it stays empty and NaN for the rest of the run"
    centroids, labels, steps = lloyd_2016_style(x, np.array([[0.0], [10.0], [100.0]]), max_steps=50)
    assert np.isnan(centroids[2]).all() and 2 not in labels.tolist() and steps < 50


@pytest.mark.parametrize("points,start,words", [
    (np.zeros((5, 2)), np.zeros((6, 2)), "k must be <= the number of samples"),
    (np.zeros((5, 2)), np.zeros((2, 3)), "init must have shape"),
    (np.full((5, 2), np.nan), np.zeros((2, 2)), "NaN"),
    ("points", np.zeros((2, 2)), "x must be a 2-D array"),
    (np.zeros((5, 2)), np.zeros(2), "init must be 2-D"),
])
def test_minimal_loop_rejects_bad_input_with_the_package_errors(points, start, words):
    with pytest.raises((ValueError, TypeError), match=words):
        lloyd_2016_style(points, start)
