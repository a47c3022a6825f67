"""Claims of the choosing-k page's worked silhouette example and its plain-loop version (review §5.4)."""

from __future__ import annotations

import numpy as np
import pytest

from tfnotes.kmeans.metrics import silhouette_by_definition, silhouette_samples, silhouette_score
from tfnotes.values import get
from tfnotes.values.kmeans_choose_k import EXAMPLE_LABELS, EXAMPLE_POSITIONS


@pytest.fixture(scope="module")
def example():
    return get("kmeans-silhouette-example")


@pytest.mark.covers("src/tfnotes/kmeans/metrics.py:silhouette_loop")
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_loop_version_matches_the_vectorised_silhouette(seed):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(60, 3)) + rng.integers(0, 3, size=(60, 1)) * 2.0
    labels = rng.integers(0, 4, size=60)
    labels[0] = 9  # a point alone in its cluster scores 0 in both
    a, b, s = silhouette_by_definition(x, labels)
    np.testing.assert_allclose(s, silhouette_samples(x, labels), atol=1e-12)
    assert s[0] == 0.0 and a[0] == 0.0 and b[0] > 0
    assert np.all(b > 0)


@pytest.mark.covers("src/tfnotes/kmeans/metrics.py:silhouette_loop")
def test_the_loop_version_rejects_a_single_cluster():
    with pytest.raises(ValueError, match="labels"):
        silhouette_by_definition(np.zeros((4, 2)), [0, 0, 0, 0])


def test_the_worked_example_is_the_definition_by_hand(example):
    pos, labels = np.array(EXAMPLE_POSITIONS, float), np.array(EXAMPLE_LABELS)
    assert example["n"] == len(pos) and len(set(labels)) == 2  # one other cluster: b needs no minimum
    assert list(labels) == [0, 0, 1, 1]  # the page calls the left two A and the right two B
    assert np.all(np.diff(pos) > 0)
    for i in range(len(pos)):
        own = [abs(pos[i] - pos[j]) for j in range(len(pos)) if j != i and labels[j] == labels[i]]
        other = [abs(pos[i] - pos[j]) for j in range(len(pos)) if labels[j] != labels[i]]
        a, b = np.mean(own), np.mean(other)
        assert example[f"a{i + 1}"] == pytest.approx(a)
        assert example[f"b{i + 1}"] == pytest.approx(b)
        assert example[f"s{i + 1}"] == pytest.approx((b - a) / max(a, b))
    # the sentence on the first point: one other point in its cluster, distances d13 and d14 to B, and b > a
    assert example["a1"] == abs(example["x2"] - example["x1"])
    assert example["b1"] == pytest.approx((example["d13"] + example["d14"]) / 2)
    assert example["b1"] > example["a1"]


def test_the_worked_example_agrees_with_the_site_silhouette(example):
    x = np.array(EXAMPLE_POSITIONS, float)[:, None]
    s = silhouette_samples(x, EXAMPLE_LABELS)
    np.testing.assert_allclose(s, [example[f"s{i}"] for i in range(1, 5)], atol=1e-12)
    assert example["mean"] == pytest.approx(silhouette_score(x, EXAMPLE_LABELS))


def test_the_point_at_the_third_position_scores_lowest_because_its_cluster_is_loose(example):
    assert example["lowest"] == 3
    assert example["s3"] == min(example[f"s{i}"] for i in range(1, 5))
    assert example["a3"] > example["a1"]  # cluster B is looser than A
    assert example["b3"] < min(example[f"b{i}"] for i in (1, 2, 4))  # and it is the point nearest the other cluster
    assert example["a3"] < example["b3"]  # still on the right side: s > 0


def test_the_uniform_silhouette_is_far_above_zero_yet_below_the_blobs():
    choose = get("kmeans-choose-k")
    assert 0.2 < choose["uniform_best"] < choose["silhouette_best"]
    assert choose["points"] == choose["blobs"] * choose["per_blob"]
    assert choose["silhouette_negative"] <= 0.01 * choose["points"]


def test_the_elbow_curve_falls_on_uniform_data_too():
    """'The elbow curve falls on any data': on the structureless square it falls at every k as well."""
    from tfnotes.runs import kmeans as runs

    fits = runs.uniform_fits()
    curve = [fits[k].inertia for k in sorted(fits)]
    assert len(curve) >= 5 and all(b < a for a, b in zip(curve, curve[1:]))


@pytest.mark.covers("src/tfnotes/kmeans/metrics.py:silhouette_loop")
def test_the_loop_version_needs_no_centring_far_from_the_origin():
    """'The loop version squares the differences directly and needs no centring': float32 far out = float64."""
    from tfnotes.values.kmeans_choose_k import far_blobs

    x, labels = far_blobs()
    x32 = x.astype(np.float32)
    s32 = silhouette_by_definition(x32, labels)[2]
    s64 = silhouette_by_definition(x32.astype(np.float64), labels)[2]  # the same points, in float64 arithmetic
    assert np.abs(s32 - s64).max() < 1e-5  # float32 arithmetic far from the origin loses nothing that matters
    choose = get("kmeans-choose-k")
    assert abs(s32.mean() - silhouette_score(x, labels)) <= 2 * choose["far_f32_error"]  # as good as centred
    np.testing.assert_allclose(silhouette_by_definition(x, labels)[2], silhouette_samples(x, labels), atol=1e-10)
