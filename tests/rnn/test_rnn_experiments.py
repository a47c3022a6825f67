"""The numbers behind the chapter's figures."""

import numpy as np
import pytest
from rnn_helpers import random_problem

from tfnotes.rnn.experiments import (char_model, clipping_example, gradient_norms, growth_rate, hello_softmax,
                                     jacobian_norms, recurrent_matrix, truncation_windows)


def test_recurrent_matrix_has_the_requested_spectral_radius():
    for radius in (0.9, 1.0, 1.1):
        W = recurrent_matrix(20, radius, seed=3)
        assert np.max(np.abs(np.linalg.eigvals(W))) == pytest.approx(radius, rel=1e-10)
    np.testing.assert_allclose(recurrent_matrix(20, 2.0, seed=3), 2 * recurrent_matrix(20, 1.0, seed=3))


@pytest.mark.covers("src/tfnotes/rnn/experiments.py:jacobian-norms")
def test_jacobian_norms_match_tensorflow_jacobians():
    from tfnotes._tf import tensorflow

    tf = tensorflow()
    params, inputs, _, h0 = random_problem(4, 6, 7, seed=5, scale=0.8)
    norms = jacobian_norms(params, inputs, h0)
    assert norms.shape == (8,) and norms[0] == 1.0
    W_xh, W_hh, b_h = (tf.constant(params[k]) for k in ("W_xh", "W_hh", "b_h"))
    hs = [tf.constant(h0)]
    for x in inputs:                                   # replay the forward pass, keeping every state
        hs.append(tf.tanh(tf.linalg.matvec(W_xh, tf.one_hot(x, 4, dtype=tf.float64))
                          + tf.linalg.matvec(W_hh, hs[-1]) + b_h))
    for k in (1, 3, 7):
        start = tf.Variable(hs[7 - k])
        with tf.GradientTape() as tape:
            h = start
            for x in inputs[7 - k:]:
                h = tf.tanh(tf.linalg.matvec(W_xh, tf.one_hot(x, 4, dtype=tf.float64))
                            + tf.linalg.matvec(W_hh, h) + b_h)
        J = tape.jacobian(h, start).numpy()
        assert norms[k] == pytest.approx(np.linalg.norm(J, 2), rel=1e-10)


def test_gradient_norms_follow_the_radius_only_while_tanh_is_near_linear():
    result = gradient_norms((0.9, 1.0, 1.1, 2.0), input_scales=(0.01, 1.0), steps_back=40, hidden_size=50, seed=1)
    k, norms = result["k"], result["norms"]
    assert k.tolist() == list(range(41)) and set(norms) == {(s, r) for s in (0.01, 1.0) for r in (0.9, 1.0, 1.1, 2.0)}
    assert all(n[0] == 1.0 and n.shape == (41,) for n in norms.values())
    # small input weights: the radius sets the rate (vanishing below 1, exploding above)
    assert norms[(0.01, 0.9)][-1] < 0.1 < 10 < norms[(0.01, 1.1)][-1]
    assert norms[(0.01, 0.9)][-1] < norms[(0.01, 1.0)][-1] < norms[(0.01, 1.1)][-1]
    assert max(result["max_abs_h"][(0.01, r)] for r in (0.9, 1.0, 1.1)) < 0.9
    # large input weights saturate the tanh: a radius above 1 vanishes too
    assert norms[(1.0, 1.1)][-1] < 1e-3 < norms[(1.0, 2.0)][-1]
    assert result["min_slope"][(1.0, 1.1)] < 0.01
    for r in (0.9, 1.0, 1.1, 2.0):
        assert result["sigma_max"][r] >= r            # the largest singular value bounds the spectral radius
    again = gradient_norms((1.1,), steps_back=40, hidden_size=50, seed=1)["norms"]
    np.testing.assert_array_equal(again[(0.01, 1.1)], norms[(0.01, 1.1)])


def test_growth_rate_reads_the_factor_per_step_off_a_geometric_curve():
    assert growth_rate(3.0 * 0.8 ** np.arange(30), 5) == pytest.approx(0.8, rel=1e-12)
    assert growth_rate(np.full(10, 2.0), 1) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="start must leave at least two norms"):
        growth_rate(np.ones(5), 4)


def test_clipping_example_matches_the_clipping_functions():
    ex = clipping_example((3.0, 4.0), 2.5)
    assert ex["norm"] == pytest.approx(5.0) and ex["norm_norm"] == pytest.approx(2.5)
    assert (ex["norm1"], ex["norm2"]) == pytest.approx((1.5, 2.0))
    assert (ex["elem1"], ex["elem2"]) == (2.5, 2.5) and ex["elem_angle"] == pytest.approx(45.0)
    assert ex["norm_angle"] == pytest.approx(ex["angle"])
    with pytest.raises(ValueError, match="gradient must be two numbers"):
        clipping_example((1.0, 2.0, 3.0))
    with pytest.raises(ValueError, match="limit"):
        clipping_example((1.0, 2.0), 0.0)


def test_truncation_windows_cut_the_start_of_the_text():
    windows = truncation_windows(seq_len=5, n_windows=3)
    assert windows == ["First", " Citi", "zen:\n"]
    with pytest.raises(ValueError, match="n_windows"):
        truncation_windows(n_windows=0)


def test_hello_softmax_goes_from_uniform_to_confident():
    result = hello_softmax(seed=0)
    assert result["symbols"] == ("h", "e", "l", "o", "<end>")
    assert result["inputs"] == list("hello") and result["targets"] == ["e", "l", "l", "o", "<end>"]
    before, after = result["before"], result["after"]
    assert before.shape == after.shape == (5, 5)
    np.testing.assert_allclose(before.sum(axis=1), 1)
    np.testing.assert_allclose(after.sum(axis=1), 1)
    np.testing.assert_allclose(before, 0.2, atol=0.01)
    assert after[np.arange(5), [1, 2, 2, 3, 4]].min() > 0.9


def test_char_model_learns_and_samples_at_each_temperature():
    kwargs = dict(backend="numpy", hidden_size=16, n_steps=150, temperatures=(0.5, 1.5), sample_length=40, seed=2)
    result = char_model("shakespeare", **kwargs)
    assert result["vocab_size"] == 58 and result["n_chars"] == 150 * 25
    assert result["losses"].shape == (150,)
    assert result["losses"][-20:].mean() < result["losses"][0] - 0.5
    assert set(result["samples"]) == {0.5, 1.5}
    assert all(len(text) == 41 and text[0] == "F" for text in result["samples"].values())
    assert char_model("shakespeare", **kwargs)["samples"] == result["samples"]


def test_char_model_on_korean_poems_with_tensorflow():
    result = char_model("korean-poems", hidden_size=16, n_steps=60, batch_size=4, sample_length=30)
    assert result["vocab_size"] == 337
    assert result["losses"][-10:].mean() < result["losses"][0]
    assert result["samples"][1.0][0] == "진"


def test_char_model_rejects_unknown_backend_and_text():
    with pytest.raises(ValueError, match="backend must be 'tf' or 'numpy'"):
        char_model(backend="torch", n_steps=1)
    with pytest.raises(ValueError, match="name must be one of"):
        char_model("moby-dick", n_steps=1)


def test_gradient_norms_reject_bad_input_scales():
    with pytest.raises(ValueError, match="input_scales must name at least one scale"):
        gradient_norms(input_scales=())
    with pytest.raises(ValueError, match="input_scales"):
        gradient_norms(input_scales=(0.01, -1.0))
