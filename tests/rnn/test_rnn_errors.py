"""Every bad input raises an error whose message names the offending argument."""

import numpy as np
import pytest

from tfnotes.rnn.numpy_rnn import forward, loss_and_grads, perplexity, predict, sample, softmax, step
from tfnotes.rnn.params import init_params

V, H = 5, 8


@pytest.fixture
def params():
    return init_params(V, H)


@pytest.mark.parametrize("inputs, targets, error, message", [
    ([], [], ValueError, "inputs is empty"),
    ([0, 1, 2, 3], [1, 2, 3, 4, 0], ValueError, "inputs and targets must have the same length, got 4 and 5"),
    ([0, 1, 5], [1, 2, 3], ValueError, r"inputs contains id 5, outside the vocabulary \[0, 5\)"),
    ([0, 1, 2], [1, -1, 3], ValueError, r"targets contains id -1, outside the vocabulary \[0, 5\)"),
    ([0.0, 1.0], [1, 2], TypeError, "inputs must hold integer character ids, got dtype float64"),
    ([[0, 1]], [[1, 2]], ValueError, r"inputs must be 1-D, got shape \(1, 2\)"),
    ("hel", [1, 2, 3], TypeError, "inputs must hold integer character ids, got a string"),
])
def test_bad_sequences_raise_naming_the_argument(params, inputs, targets, error, message):
    with pytest.raises(error, match=message):
        loss_and_grads(params, inputs, targets)


def test_wrong_h0_raises(params):
    with pytest.raises(ValueError, match=r"h0 must have shape \(8,\), got \(7,\)"):
        loss_and_grads(params, [0, 1], [1, 2], np.zeros(7))
    with pytest.raises(ValueError, match="h0 contains NaN"):
        forward(params, [0, 1], np.full(8, np.nan))


def test_wrong_parameter_shape_and_nan_are_caught_by_every_entry_point(params):
    bad_shape = dict(params, W_hh=np.zeros((8, 7)))
    bad_value = dict(params, b_y=np.array([0, 0, np.nan, 0, 0]))
    for call in (lambda p: forward(p, [0]), lambda p: loss_and_grads(p, [0], [1]), lambda p: predict(p, [0]),
                 lambda p: sample(p, None, 0, 3)):
        with pytest.raises(ValueError, match=r"params\['W_hh'\] must have shape \(8, 8\), got \(8, 7\)"):
            call(bad_shape)
        with pytest.raises(ValueError, match=r"params\['b_y'\] contains 1 NaN"):
            call(bad_value)


@pytest.mark.parametrize("temperature", [0, -1.0, float("nan"), float("inf")])
def test_temperature_must_be_positive(params, temperature):
    with pytest.raises(ValueError, match="temperature must be a finite number > 0"):
        sample(params, None, 0, 5, temperature=temperature)


@pytest.mark.parametrize("kwargs, error, message", [
    (dict(seed_id=5, n=3), ValueError, r"seed_id contains id 5, outside the vocabulary \[0, 5\)"),
    (dict(seed_id=0, n=0), ValueError, "n must be >= 1"),
    (dict(seed_id=0, n=3, seed=-2), ValueError, "seed must be >= 0"),
    (dict(seed_id=0, n=3, temperature="hot"), TypeError, "temperature must be a real number"),
])
def test_bad_sampling_arguments_raise(params, kwargs, error, message):
    with pytest.raises(error, match=message):
        sample(params, None, **kwargs)


def test_perplexity_arguments_are_checked():
    with pytest.raises(ValueError, match="n_chars must be >= 1"):
        perplexity(3.0, 0)
    with pytest.raises(ValueError, match="loss_sum must be a finite number >= 0"):
        perplexity(-1.0, 3)


def test_tensorflow_loss_and_grads_checks_the_same_way(params):
    from tfnotes.rnn import tf_rnn

    with pytest.raises(ValueError, match="inputs and targets must have the same length, got 4 and 5"):
        tf_rnn.loss_and_grads(params, [0, 1, 2, 3], [1, 2, 3, 4, 0])
    with pytest.raises(ValueError, match=r"params\['W_hh'\] must have shape \(8, 8\), got \(8, 7\)"):
        tf_rnn.loss_and_grads(dict(params, W_hh=np.zeros((8, 7))), [0], [1])
    with pytest.raises(ValueError, match="inputs is empty"):
        tf_rnn.loss_and_grads(params, [], [])


@pytest.mark.parametrize("x, h_prev, error, message", [
    (np.zeros(4), np.zeros(8), ValueError, r"x must have shape \(5,\), got \(4,\)"),
    (None, np.zeros(8), TypeError, r"x must be an input vector of shape \(5,\), got None"),
    (np.eye(5)[0], np.zeros((1, 8)), ValueError, r"h_prev must have shape \(8,\), got \(1, 8\)"),
    (np.eye(5)[0], np.full(8, np.inf), ValueError, "h_prev contains NaN or infinite values"),
    (np.array(["a"] * 5), np.zeros(8), TypeError, "x must hold real numbers"),
])
def test_step_checks_its_arguments(params, x, h_prev, error, message):
    with pytest.raises(error, match=message):
        step(params, x, h_prev)
    with pytest.raises(ValueError, match=r"params\['W_hh'\] must have shape \(8, 8\), got \(8, 7\)"):
        step(dict(params, W_hh=np.zeros((8, 7))), np.eye(5)[0], np.zeros(8))


def test_checked_step_and_softmax_give_the_kernels_results_bit_for_bit(params):
    from tfnotes.rnn.numpy_rnn import _softmax, _step

    rng = np.random.default_rng(0)
    x, h = np.eye(V)[2], rng.standard_normal(H)
    for got, want in zip(step(params, x, h), _step(params, x, h)):
        assert np.array_equal(got, want)
    y = rng.standard_normal((3, V))
    assert np.array_equal(softmax(y), _softmax(y))
    assert softmax(np.float32([1, 2])).dtype == np.float32


@pytest.mark.parametrize("y, error, message", [
    ("abc", TypeError, "y must be an array of real numbers, got str"),
    (None, TypeError, "y must be an array of real numbers, got NoneType"),
    (np.array([True, False]), TypeError, "y must hold real numbers, got dtype bool"),
    (np.float64(1.0), ValueError, r"y must have at least one score along its last axis, got shape \(\)"),
    (np.zeros((2, 0)), ValueError, r"y must have at least one score along its last axis, got shape \(2, 0\)"),
    ([1.0, np.nan], ValueError, "y contains NaN or infinite values"),
])
def test_softmax_checks_its_scores(y, error, message):
    with pytest.raises(error, match=message):
        softmax(y)


@pytest.mark.parametrize("grads, error, message", [
    ([np.ones(2)], TypeError, "grads must be a dict of float NumPy arrays, got list"),
    ({}, ValueError, "grads is empty"),
    ({"w": [1.0, 2.0]}, TypeError, r"grads\['w'\] must be a float NumPy array, got list"),
    ({"w": np.ones(2, dtype=int)}, TypeError, r"grads\['w'\] must be a float NumPy array, got int64"),
])
def test_gradient_norm_and_clipping_check_the_gradients(grads, error, message):
    from tfnotes.rnn.train import clip_by_global_norm, clip_elementwise, global_norm

    for call in (global_norm, lambda g: clip_elementwise(g, 1.0), lambda g: clip_by_global_norm(g, 1.0)):
        with pytest.raises(error, match=message):
            call(grads)
