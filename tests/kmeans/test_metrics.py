"""Our clustering scores against scikit-learn's, and on cases worked out by hand."""

import numpy as np
import pytest
from sklearn import metrics

from tfnotes.data import gaussian_blobs
from tfnotes.kmeans.metrics import adjusted_rand_index, purity, silhouette_samples, silhouette_score


@pytest.mark.covers("src/tfnotes/kmeans/metrics.py:silhouette")
@pytest.mark.parametrize("seed", range(5))
def test_silhouette_matches_scikit_learn(seed):
    x, _ = gaussian_blobs([(0, 0), (3, 0), (0, 3)], [1, 1, 1], [30, 20, 10], seed=seed)
    labels = np.random.default_rng(seed).integers(0, 4, len(x))
    labels[:4] = [0, 1, 2, 3]
    np.testing.assert_allclose(silhouette_samples(x, labels), metrics.silhouette_samples(x, labels), atol=1e-10)
    assert silhouette_score(x, labels) == pytest.approx(metrics.silhouette_score(x, labels), abs=1e-10)


@pytest.mark.covers("src/tfnotes/kmeans/metrics.py:silhouette")
def test_silhouette_of_float32_data_far_from_the_origin_matches_scikit_learn():
    """Centring before the Gram matrix: blobs around (1e4, 1e4) in float32 score as in float64 (D5)."""
    x, labels = gaussian_blobs([(1e4, 1e4), (1e4 + 4, 1e4)], [1, 1], [100, 100], seed=0)
    x32 = x.astype(np.float32)
    expected = metrics.silhouette_score(x, labels)
    assert silhouette_score(x32, labels) == pytest.approx(expected, abs=1e-4)
    assert silhouette_score(x32, labels) == pytest.approx(metrics.silhouette_score(x32, labels), abs=1e-4)
    np.testing.assert_allclose(silhouette_samples(x32, labels), metrics.silhouette_samples(x, labels), atol=1e-3)

    # without the centring, the same expanded form in float32 is visibly off: what the first line prevents
    sq = np.sum(x32**2, axis=1)
    dist = np.sqrt(np.maximum(sq[:, None] - 2 * x32 @ x32.T + sq[None, :], 0))
    np.fill_diagonal(dist, 0)
    assert abs(metrics.silhouette_score(dist, labels, metric="precomputed") - expected) > 1e-3


@pytest.mark.parametrize("seed", range(5))
def test_adjusted_rand_index_matches_scikit_learn(seed):
    rng = np.random.default_rng(seed)
    truth, labels = rng.integers(0, 3, 200), rng.integers(0, 4, 200)
    labels[:100] = truth[:100]
    assert adjusted_rand_index(truth, labels) == pytest.approx(metrics.adjusted_rand_score(truth, labels), abs=1e-12)


def test_scores_on_hand_made_cases():
    truth = np.array(["a", "a", "b", "b", "b", "c"])
    assert adjusted_rand_index(truth, [5, 5, 7, 7, 7, 9]) == 1.0  # renaming does not matter
    assert purity(truth, [0, 0, 1, 1, 1, 1]) == pytest.approx(5 / 6)
    assert purity(truth, [0, 1, 2, 3, 4, 5]) == 1.0


def test_scores_reject_bad_labels():
    with pytest.raises(ValueError, match="labels must have 3 entries"):
        adjusted_rand_index([0, 1, 0], [0, 1])
    with pytest.raises(ValueError, match="labels must name between 2 and n - 1 clusters"):
        silhouette_score(np.zeros((4, 2)) + np.arange(4)[:, None], [0, 0, 0, 0])
