"""The claims of the home page, the chapter opener, the Lloyd page and the TensorFlow page, computed from the values
those pages print (``[[value ...]]``), so a sentence cannot stay true while the code changes under it."""

from __future__ import annotations

import ast
import inspect
import math
from pathlib import Path

import numpy as np
import pytest

from tfnotes.data import CLASSIC_P_WIDE, CLASSIC_TIGHT, CLASSIC_WIDE
from tfnotes.kmeans import reference
from tfnotes.runs import kmeans_basics as runs
from tfnotes.runs import kmeans_classic
from tfnotes.runs import kmeans_tutorial as tutorial
from tfnotes.values import get

ROOT = Path(__file__).resolve().parents[2]


def _calls(path: Path) -> dict[str, ast.Call]:
    """The calls of a script by function name (the last one wins)."""
    return {node.func.id: node for node in ast.walk(ast.parse(path.read_text()))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}


def test_quickstart_and_classic_figure_make_the_same_call():
    """D28: the printed quickstart and the kmeans-classic figure are one run."""
    calls = _calls(ROOT / "snippets/kmeans_quickstart.py")
    data = calls["classic_points"]
    assert [ast.literal_eval(a) for a in data.args] == [tutorial.CLASSIC_DATA["n"]]
    assert {kw.arg: ast.literal_eval(kw.value) for kw in data.keywords} == {"seed": tutorial.CLASSIC_DATA["seed"]}
    call = calls["kmeans"]
    assert [ast.unparse(a) for a in call.args] == ["x"]
    assert {kw.arg: ast.literal_eval(kw.value) for kw in call.keywords} == tutorial.CLASSIC_CALL
    from tfnotes.figures import kmeans_classic as classic_figure

    assert "runs.classic_result()" in inspect.getsource(classic_figure.classic)


@pytest.mark.covers("src/tfnotes/data/__init__.py:classic")
def test_classic_points_are_the_two_tutorial_blobs():
    x, blob = tutorial.classic_data(with_blob=True)
    v = get("kmeans-classic")
    assert (v["n"], v["d"], v["blobs"]) == (len(x), x.shape[1], 2)
    assert v["p_wide"] == CLASSIC_P_WIDE
    n_wide = int(np.sum(blob == 0))
    assert abs(n_wide - CLASSIC_P_WIDE * len(x)) < 4 * math.sqrt(len(x) * CLASSIC_P_WIDE * (1 - CLASSIC_P_WIDE))
    for b, ((cx, cy), sd), keys in ((0, CLASSIC_WIDE, ("wide_x", "wide_y", "wide_sd")),
                                    (1, CLASSIC_TIGHT, ("tight_x", "tight_y", "tight_sd"))):
        pts = x[blob == b]
        assert (v[keys[0]], v[keys[1]], v[keys[2]]) == (cx, cy, sd)
        np.testing.assert_allclose(pts.mean(axis=0), (cx, cy), atol=5 * sd / math.sqrt(len(pts)))
        np.testing.assert_allclose(pts.std(axis=0), sd, rtol=0.1)
    np.testing.assert_array_equal(tutorial.classic_data(), x)  # the blob flag does not change the points


def test_k_means_keeps_the_tight_blob_nearly_whole_and_cuts_the_wide_one_into_the_rest():
    """TensorFlow page: 'keeps almost all of the tight blob in one cluster and slices the wide one into k - 1'."""
    v = get("kmeans-classic")
    assert v["tight_share"] >= 0.95 and v["tight_purity"] >= 0.95
    assert v["wide_pieces"] == v["k"] - 1
    x, blob = tutorial.classic_data(with_blob=True)
    labels = kmeans_classic.classic_result().labels
    tight = np.bincount(labels[blob == 1], minlength=v["k"])
    assert tight.max() / tight.sum() == pytest.approx(v["tight_share"])


def test_search_space_has_the_quoted_number_of_digits():
    v = get("kmeans-classic")
    n, k = v["n"], v["k"]
    assert len(str(k**n // math.factorial(k))) == v["search_digits"]
    assert v["search_digits"] > 1000  # "more than a thousand digits": far beyond brute force
    assert v["broadcast_numbers"] == v["k"] * v["n"] * v["d"]


def test_lloyd_steps_start_in_one_blob_and_end_with_a_centroid_per_blob():
    v = get("kmeans-steps")
    x, blob, start = runs.steps_data()
    assert v["start_one_blob"] and len({int(blob[i]) for i in runs.STEPS_START}) == 1
    assert v["blob_each"]
    assert (v["blobs"], v["k"]) == (len(np.unique(blob)), len(start))


def test_lloyd_stops_after_a_handful_of_iterations():
    v = get("kmeans-steps")
    assert v["n_iter"] == runs.steps_run().n_iter
    assert 2 <= v["n_iter"] <= 10


def test_inertia_never_increases_drops_most_in_the_first_iteration_and_falls_whenever_a_centroid_moves():
    v = get("kmeans-steps")
    assert v["never_increases"] and v["strict_when_moved"]
    assert v["first_drop_share"] > 0.5  # "a large drop in the first iteration, then a flat tail"
    inertia = runs.steps_run().history.inertia
    assert np.all(np.diff(inertia) <= 0)


def test_termination_argument_no_partition_recurs():
    """D13 on many starts: J strictly falls whenever a centroid moves, so no labelling comes back."""
    x, _, _ = runs.steps_data()
    for seed in range(20):
        start = x[np.random.default_rng(seed).choice(len(x), 3, replace=False)]
        hist = reference.kmeans(x, 3, init=start, tol=0.0, history=True).history
        labels = [reference.assign(x, c)[0].tobytes() for c in hist.centroids[:-1]]
        assert len(set(labels[:-1])) == len(labels) - 1  # the last assignment only confirms the one before
        moved = np.sum(np.diff(hist.centroids, axis=0) ** 2, axis=(1, 2))[:-1] > 0
        assert np.all(np.diff(hist.inertia)[moved] < 0)


def test_memory_and_float32_numbers():
    m = get("kmeans-memory")
    assert m["numbers"] == m["big_n"] * m["big_d"] * m["big_k"]
    assert m["gb"] == pytest.approx(m["numbers"] * 4 / 1e9)
    assert m["spacing_lo"] == np.spacing(np.float32(m["offset"] ** 2))
    assert m["spacing_hi"] == np.spacing(np.float32(4 * m["offset"] ** 2))
    assert m["spacing_lo"] > m["spread"]  # rounding steps larger than the distances compared


def test_quoted_tol_is_the_default_of_both_implementations():
    from tfnotes.kmeans import tf

    tol = get("kmeans-steps")["tol"]
    for fn in (reference.kmeans, tf.kmeans):
        assert inspect.signature(fn).parameters["tol"].default == tol


def test_home_page_python_version_is_the_package_minimum():
    import tomllib

    spec = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert spec == ">=" + get("home")["python"]


def test_relative_tol_stops_at_the_same_iteration_whatever_the_units():
    """Lloyd page: millimetres instead of metres change every squared shift by 10^6, not the stopping iteration."""
    x, _, start = runs.steps_data()
    for tol in (1e-4, 1e-2):
        metres = reference.kmeans(x, len(start), init=start, tol=tol)
        millimetres = reference.kmeans(1000 * x, len(start), init=1000 * start, tol=tol)
        assert metres.n_iter == millimetres.n_iter
        np.testing.assert_array_equal(metres.labels, millimetres.labels)


def test_tutorial_data_take_the_few_features_path():
    """TensorFlow page: 'With very few features, N or fewer like the tutorial's two, ...' (feature by feature)."""
    from tfnotes.kmeans.tf import FEW_FEATURES
    from tfnotes.runs.kmeans_tutorial import classic_data

    assert classic_data().shape[1] == 2  # "the tutorial's two"
    assert 2 <= FEW_FEATURES == get("kmeans-tf-cost")["few_features"]
