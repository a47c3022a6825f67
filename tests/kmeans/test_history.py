"""The per-iteration history is recorded only when asked for, and asking for it changes no result."""

import numpy as np
import pytest

from tfnotes.data import classic_points
from tfnotes.kmeans import kmeans as tf_kmeans
from tfnotes.kmeans.reference import kmeans as np_kmeans

IMPLEMENTATIONS = {"tensorflow": tf_kmeans, "numpy": np_kmeans}


@pytest.mark.covers("src/tfnotes/kmeans/tf.py:lloyd")
@pytest.mark.parametrize("impl", IMPLEMENTATIONS)
def test_history_only_when_asked_and_results_unchanged(impl):
    x = classic_points(1500, seed=2)
    start = x[:4].copy()
    plain = IMPLEMENTATIONS[impl](x, 4, init=start)
    recorded = IMPLEMENTATIONS[impl](x, 4, init=start, history=True)
    assert plain.history is None
    assert recorded.history.centroids.shape == (recorded.n_iter + 1, 4, 2)
    assert recorded.history.inertia.shape == (recorded.n_iter,)
    np.testing.assert_array_equal(recorded.history.centroids[0], start)
    np.testing.assert_allclose(recorded.history.centroids[-1], recorded.centroids, rtol=1e-12)  # the answer
    np.testing.assert_array_equal(plain.labels, recorded.labels)
    np.testing.assert_array_equal(plain.centroids, recorded.centroids)
    assert (plain.inertia, plain.n_iter, plain.converged) == (recorded.inertia, recorded.n_iter, recorded.converged)


@pytest.mark.parametrize("impl", IMPLEMENTATIONS)
def test_history_of_the_best_restart_is_kept(impl):
    x = classic_points(800, seed=5)
    result = IMPLEMENTATIONS[impl](x, 4, init="random", n_init=3, seed=1, history=True)
    # the last recorded centroids are the answer, so the history is that of the returned (best) run
    np.testing.assert_allclose(result.history.centroids[-1], result.centroids, rtol=1e-12)


@pytest.mark.parametrize("impl", IMPLEMENTATIONS)
@pytest.mark.parametrize("bad", ["yes", 1, None])
def test_history_must_be_true_or_false(impl, bad):
    with pytest.raises(TypeError, match="history must be True or False"):
        IMPLEMENTATIONS[impl](classic_points(50, seed=0), 2, history=bad)


def test_read_only_input_works():
    """A read-only array cannot lend its buffer to TensorFlow: it is copied instead, with the same result."""
    x = classic_points(500, seed=3)
    frozen = x.copy()
    frozen.flags.writeable = False
    a, b = tf_kmeans(x, 3, init=x[:3]), tf_kmeans(frozen, 3, init=x[:3])
    np.testing.assert_array_equal(a.labels, b.labels)
    assert a.inertia == b.inertia
