"""The claims of the TensorFlow page's "One compiled call per run" section, checked against the code and against
the counts the page prints (``[[value kmeans-tf-cost.*]]``, drawn in the ``kmeans-tf-cost`` figure)."""

from __future__ import annotations

import re

import numpy as np
import pytest

from tfnotes.bench import ITERATIONS, SIZES
from tfnotes.data import classic_points
from tfnotes.kmeans import _common
from tfnotes.kmeans import tf as tf_impl
from tfnotes.runs import kmeans_cost
from tfnotes.values import get


@pytest.fixture(scope="module")
def cost():
    return get("kmeans-tf-cost")


def test_a_run_is_one_compiled_call(monkeypatch):
    assert tf_impl._lloyd._jit_compile is True  # tf.function(jit_compile=True): XLA compiles the whole run
    calls = []
    real = tf_impl._lloyd

    def counting(*args):
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(tf_impl, "_lloyd", counting)
    x = classic_points(400, seed=1)
    tf_impl.kmeans(x, 3, init=x[:3])
    assert len(calls) == 1
    tf_impl.kmeans(x, 3, n_init=3, seed=0)
    assert len(calls) == 1 + 3  # one call per restart, nothing else


def test_the_input_is_lent_to_tensorflow_not_copied():
    x = classic_points(300, seed=2).astype(np.float32)
    assert np.shares_memory(np.asarray(tf_impl._as_tensor(x)), x)
    frozen = x.copy()
    frozen.flags.writeable = False  # a read-only array cannot be lent: it is copied
    assert not np.shares_memory(np.asarray(tf_impl._as_tensor(frozen)), frozen)


def test_the_variance_for_tol_is_computed_only_when_tol_is_positive(monkeypatch):
    x = classic_points(300, seed=3)

    def no_variance(*args, **kwargs):
        raise AssertionError("np.var was called")

    monkeypatch.setattr(_common.np, "var", no_variance)
    assert _common.prepare(x, 3, x[:3], 1, 10, 0.0, 0).tol == 0.0
    with pytest.raises(AssertionError, match="np.var was called"):
        _common.prepare(x, 3, x[:3], 1, 10, 1e-4, 0)


def test_the_history_is_compiled_in_only_when_asked_for():
    x = classic_points(300, seed=4)
    plain, recorded = tf_impl.kmeans(x, 3, init=x[:3]), tf_impl.kmeans(x, 3, init=x[:3], history=True)
    assert plain.history is None and recorded.history is not None
    # record=0 and record=max_iter are different compiled functions: without history, no history outputs at all
    outputs = tf_impl._lloyd(tf_impl._as_tensor(x), tf_impl.tf.constant(x[:3]), tf_impl.tf.constant(5),
                             tf_impl.tf.constant(0.0, dtype=x.dtype), 0)
    assert len(outputs) == 5  # centroids, labels, inertia, n_iter, converged


def test_the_counts_the_page_prints(cost):
    (n, d, k, _) = SIZES[-1]
    assert (cost["n"], cost["d"], cost["k"], cost["iterations"]) == (n, d, k, ITERATIONS)
    before = kmeans_cost.passes("sharded", n, d, k, ITERATIONS)
    after = kmeans_cost.passes("one-call", n, d, k, ITERATIONS)
    # "the work of an iteration is the same": both structures run the same iteration
    assert before["iterations"] == after["iterations"] == ITERATIONS * cost["iteration_passes"]
    # "what changed is the work around the loop": set-up and finish shrink, and that is all of the difference
    assert (cost["setup_before"], cost["setup_after"]) == (before["setup"], after["setup"])
    assert cost["setup_after"] < cost["setup_before"] and after["finish"] <= before["finish"]
    assert cost["total_before"] - cost["total_after"] == pytest.approx(
        (before["setup"] - after["setup"]) + (before["finish"] - after["finish"]))
    # the set-up steps the page names as gone are exactly the ones the sharded structure has and the current lacks
    assert set(kmeans_cost.setup("sharded")) - set(kmeans_cost.setup("one-call")) == {"copy", "variance", "shards",
                                                                                        "x_sq"}
    # launches: one per shard and step before, one per call now
    assert cost["calls_before"] == cost["shards"] * (ITERATIONS + 1) and cost["calls_after"] == 1
    assert cost["shards"] > 1


def test_counts_refuse_an_unknown_layout():
    with pytest.raises(ValueError, match="layout must be one of"):
        kmeans_cost.passes("blocked", 10, 2, 2, 3)
    with pytest.raises(ValueError, match="layout must be one of"):
        kmeans_cost.compiled_calls("blocked", 10, 2, 3)


def _unfused_lines(hlo: str) -> list[str]:
    """The instructions of the computations that are not the body of a fusion (those write to memory)."""
    fused = set(re.findall(r"calls=%([\w.\-]+)", hlo))
    lines = []
    for block in re.split(r"\n(?=\S)", hlo):
        name = re.match(r"(?:ENTRY )?%([\w.\-]+)", block)
        if name and name.group(1) not in fused:
            lines += block.splitlines()[1:]
    return lines


def _scores_product(hlo: str, n: int, k: int) -> bool:
    """Whether the compiled run has a matrix product with an (n, k) result: x @ centroids.T."""
    return re.search(rf"f32\[{n},{k}\]\{{[0-9,]*\}} dot\(", hlo) is not None


def _optimized_hlo(x, k):
    return tf_impl._lloyd.experimental_get_compiler_ir(
        tf_impl.tf.constant(x), tf_impl.tf.constant(x[:k]), tf_impl.tf.constant(5),
        tf_impl.tf.constant(0.0, dtype=x.dtype), 0)(stage="optimized_hlo")


def test_few_features_need_no_matrix_product_and_store_no_scores(cost):
    assert cost["few_features"] == tf_impl.FEW_FEATURES >= 2  # the tutorial data (d = 2) take this path
    n, k = 5000, 3
    rng = np.random.default_rng(0)
    few = rng.normal(size=(n, tf_impl.FEW_FEATURES)).astype(np.float32)
    hlo = _optimized_hlo(few, k)
    assert not _scores_product(hlo, n, k)  # (the column means are a product too: that one is (d,))
    # no step outside a fusion produces an (n, k) array: the scores exist only inside the fused argmin
    assert not [line for line in _unfused_lines(hlo) if line.split("=", 1)[-1].strip().startswith(f"f32[{n},{k}]")]
    many = rng.normal(size=(n, tf_impl.FEW_FEATURES + 1)).astype(np.float32)
    assert _scores_product(_optimized_hlo(many, k), n, k)


@pytest.mark.parametrize("d", [1, 2, 4])
def test_feature_by_feature_scores_equal_the_matrix_product(d):
    rng = np.random.default_rng(d)
    x, c = rng.normal(size=(300, d)), rng.normal(size=(5, d))
    expected = np.sum(c**2, axis=1)[None, :] - 2.0 * x @ c.T
    np.testing.assert_allclose(tf_impl.scores(tf_impl.tf.constant(x), tf_impl.tf.constant(c)).numpy(), expected,
                               rtol=1e-12, atol=1e-12)
