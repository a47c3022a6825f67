"""The claims of the TensorFlow page's "One compiled call per run" section, checked against the code and against
the counts the page prints (``[[value kmeans-tf-cost.*]]``, drawn in the ``kmeans-tf-cost`` figure)."""

from __future__ import annotations

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
