"""Properties that hold on any data: Lloyd never increases the inertia, labels are valid."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tfnotes.kmeans import kmeans as tf_kmeans
from tfnotes.kmeans.reference import assign
from tfnotes.kmeans.reference import kmeans as np_kmeans


@st.composite
def datasets(draw, max_n=120):
    n = draw(st.integers(2, max_n))
    d = draw(st.integers(1, 4))
    k = draw(st.integers(1, min(n, 6)))
    seed = draw(st.integers(0, 2**31 - 1))
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, d)) * rng.uniform(0.1, 10, size=d) + rng.uniform(-50, 50, size=d)
    if draw(st.booleans()):  # duplicated points make ties and empty clusters likely
        x = np.resize(x[: max(1, n // 3)], (n, d))
    return x, k, seed


def check(result, x, k):
    n_iter = result.n_iter
    assert result.labels.shape == (len(x),)
    assert result.labels.min() >= 0 and result.labels.max() < k
    assert result.centroids.shape == (k, x.shape[1]) and np.all(np.isfinite(result.centroids))
    assert result.history.centroids.shape == (n_iter + 1, k, x.shape[1])
    assert result.history.inertia.shape == (n_iter,)
    inertia = result.history.inertia
    scale = 1e-9 * max(1.0, float(inertia.max()))
    assert np.all(np.diff(inertia) <= scale), f"inertia went up: {inertia}"
    assert result.inertia <= inertia[-1] + scale
    _, d2 = assign(x, result.centroids)  # the reported inertia is that of the nearest centroids
    np.testing.assert_allclose(result.inertia, d2.sum(), rtol=1e-8, atol=1e-9)


@pytest.mark.covers("src/tfnotes/kmeans/reference.py:assign", "src/tfnotes/kmeans/reference.py:update",
                    "src/tfnotes/kmeans/reference.py:lloyd")
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets(), st.sampled_from(["k-means++", "random"]))
def test_reference_inertia_never_increases(data, init):
    x, k, seed = data
    check(np_kmeans(x, k, init=init, seed=seed, tol=0.0, history=True), x, k)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets(max_n=60))
def test_tf_inertia_never_increases(data):
    x, k, seed = data
    check(tf_kmeans(x, k, seed=seed, tol=0.0, history=True), x, k)
