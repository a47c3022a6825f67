"""The hand-written forward pass and BPTT, checked against direct formulas, finite differences and TF."""

import numpy as np
import pytest
from rnn_helpers import random_problem
from hypothesis import given, settings
from hypothesis import strategies as st

from tfnotes.rnn.gradcheck import central_difference, check_finite_differences, check_gradient_tape, relative_error
from tfnotes.rnn.numpy_rnn import forward, loss_and_grads, perplexity, predict, softmax


def test_softmax_is_a_probability_vector_and_stable_for_large_scores():
    p = softmax(np.array([1000.0, 1000.0, -1000.0]))
    np.testing.assert_allclose(p, [0.5, 0.5, 0.0])
    rows = softmax(np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]]))
    np.testing.assert_allclose(rows.sum(axis=1), 1.0)
    np.testing.assert_allclose(rows[1], 1 / 3)


def test_forward_matches_the_equations_written_out_for_two_steps(problem):
    params, inputs, targets, h0 = problem
    W_xh, W_hh, W_hy, b_h, b_y = (params[k] for k in ("W_xh", "W_hh", "W_hy", "b_h", "b_y"))
    x0, x1 = np.eye(5)[inputs[0]], np.eye(5)[inputs[1]]
    h1 = np.tanh(W_xh @ x0 + W_hh @ h0 + b_h)
    h2 = np.tanh(W_xh @ x1 + W_hh @ h1 + b_h)
    y2 = W_hy @ h2 + b_y
    fwd = forward(params, inputs[:2], h0)
    np.testing.assert_allclose(fwd.hs, [h0, h1, h2], rtol=1e-14)
    np.testing.assert_allclose(fwd.ys[1], y2, rtol=1e-14)
    np.testing.assert_allclose(fwd.ps[1], np.exp(y2) / np.exp(y2).sum(), rtol=1e-14)


def test_loss_is_summed_cross_entropy_in_nats_and_h_T_is_the_last_state(problem):
    params, inputs, targets, h0 = problem
    fwd = forward(params, inputs, h0)
    loss, grads, h_T = loss_and_grads(params, inputs, targets, h0)
    assert loss == pytest.approx(-sum(np.log(fwd.ps[t, targets[t]]) for t in range(len(inputs))), rel=1e-14)
    np.testing.assert_array_equal(h_T, fwd.hs[-1])
    assert {k: g.shape for k, g in grads.items()} == {k: v.shape for k, v in params.items()}


def test_uniform_model_has_loss_T_log_V_and_perplexity_V():
    params, inputs, targets, _ = random_problem(6, 3, 10, seed=0)
    params = {k: np.zeros_like(v) for k, v in params.items()}
    loss, _, _ = loss_and_grads(params, inputs, targets)
    assert loss == pytest.approx(10 * np.log(6), rel=1e-14)
    assert perplexity(loss, 10) == pytest.approx(6.0, rel=1e-12)


def test_output_bias_gradient_is_sum_of_p_minus_onehot(problem):
    params, inputs, targets, h0 = problem
    ps = forward(params, inputs, h0).ps
    _, grads, _ = loss_and_grads(params, inputs, targets, h0)
    np.testing.assert_allclose(grads["b_y"], (ps - np.eye(5)[targets]).sum(axis=0), rtol=1e-13)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(V=st.integers(2, 7), H=st.integers(1, 7), T=st.integers(1, 10), seed=st.integers(0, 10_000))
def test_bptt_matches_finite_differences(V, H, T, seed):
    params, inputs, targets, h0 = random_problem(V, H, T, seed)
    errors = check_finite_differences(params, inputs, targets, h0)
    assert max(errors.values()) < 1e-7, errors


def test_bptt_matches_finite_differences_from_zero_state_and_on_a_subset():
    params, inputs, targets, _ = random_problem(6, 5, 8, seed=3)
    assert max(check_finite_differences(params, inputs, targets, None).values()) < 1e-7
    assert max(check_finite_differences(params, inputs, targets, None, max_entries=4, seed=1).values()) < 1e-7


def test_finite_differences_catch_a_wrong_gradient(problem):
    params, inputs, targets, h0 = problem
    _, grads, _ = loss_and_grads(params, inputs, targets, h0)

    def loss(p):
        return loss_and_grads(p, inputs, targets, h0)[0]

    numeric = [central_difference(loss, params, "W_hh", i, 1e-5) for i in range(params["W_hh"].size)]
    assert relative_error(grads["W_hh"].ravel(), numeric) < 1e-7
    assert relative_error(1.01 * grads["W_hh"].ravel(), numeric) > 1e-3   # a 1 % error is seen


def test_central_difference_restores_the_parameter(problem):
    params, inputs, targets, h0 = problem
    before = params["W_xh"].copy()
    central_difference(lambda p: loss_and_grads(p, inputs, targets, h0)[0], params, "W_xh", 3, 1e-5)
    np.testing.assert_array_equal(params["W_xh"], before)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_numpy_and_tensorflow_loss_and_grads_agree_in_float64(seed):
    from tfnotes.rnn import tf_rnn

    params, inputs, targets, h0 = random_problem(7, 6, 12, seed)
    loss_np, grads_np, h_np = loss_and_grads(params, inputs, targets, h0)
    loss_tf, grads_tf, h_tf = tf_rnn.loss_and_grads(params, inputs, targets, h0)
    assert isinstance(loss_tf, float) and abs(loss_np - loss_tf) < 1e-10
    np.testing.assert_allclose(h_tf, h_np, rtol=0, atol=1e-10)
    for key in grads_np:
        assert grads_tf[key].dtype == np.float64 and grads_tf[key].shape == grads_np[key].shape
        np.testing.assert_allclose(grads_tf[key], grads_np[key], rtol=0, atol=1e-10)
    assert max(check_gradient_tape(params, inputs, targets, h0).values()) < 1e-12


def test_float32_stays_float32_and_agrees_with_tensorflow():
    from tfnotes.rnn import tf_rnn

    params, inputs, targets, h0 = random_problem(7, 6, 12, 5, dtype=np.float32)
    loss, grads, h_T = loss_and_grads(params, inputs, targets, h0)
    assert h_T.dtype == np.float32 and all(g.dtype == np.float32 for g in grads.values())
    loss_tf, grads_tf, _ = tf_rnn.loss_and_grads(params, inputs, targets, h0)
    assert abs(loss - loss_tf) < 1e-4 * loss
    assert max(relative_error(grads[k], grads_tf[k]) for k in grads) < 1e-5
    params64 = {key: value.astype(np.float64) for key, value in params.items()}
    _, grads64, _ = loss_and_grads(params64, inputs, targets, h0.astype(np.float64))
    assert max(relative_error(grads[k], grads64[k]) for k in grads) < 1e-5


def test_predict_is_the_argmax_of_each_step(problem):
    params, inputs, _, h0 = problem
    np.testing.assert_array_equal(predict(params, inputs, h0), forward(params, inputs, h0).ps.argmax(axis=1))


def test_central_difference_works_on_non_contiguous_parameter_arrays(problem):
    params, inputs, targets, h0 = problem
    params = dict(params, W_hh=np.asfortranarray(params["W_hh"]))
    _, grads, _ = loss_and_grads(params, inputs, targets, h0)
    numeric = central_difference(lambda p: loss_and_grads(p, inputs, targets, h0)[0], params, "W_hh", 5, 1e-5)
    assert numeric == pytest.approx(grads["W_hh"].flat[5], rel=1e-6)
