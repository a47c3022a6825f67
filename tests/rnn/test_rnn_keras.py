"""The Keras SimpleRNN model computes our logits once our parameters are loaded."""

import numpy as np
import pytest
from rnn_helpers import random_problem

from tfnotes.rnn.keras_rnn import build_model, load_params, logits, model_from_params
from tfnotes.rnn.numpy_rnn import forward
from tfnotes.rnn.params import init_params


@pytest.mark.parametrize("seed", [0, 1])
def test_keras_simple_rnn_logits_equal_ours_in_float32(seed):
    params, inputs, _, h0 = random_problem(9, 7, 15, seed, scale=0.5, dtype=np.float32)
    model = model_from_params(params)
    ours = forward(params, inputs, h0).ys
    theirs = logits(model, inputs, h0)
    assert theirs.shape == ours.shape == (15, 9) and theirs.dtype == np.float32
    np.testing.assert_allclose(theirs, ours, rtol=0, atol=1e-6)


def test_keras_weights_are_our_matrices_transposed():
    params = random_problem(4, 3, 1, seed=2, dtype=np.float32)[0]
    model = model_from_params(params)
    kernel, recurrent, bias = model.get_layer("rnn").get_weights()
    dense_kernel, dense_bias = model.get_layer("logits").get_weights()
    assert kernel.shape == (4, 3) and dense_kernel.shape == (3, 4)
    np.testing.assert_array_equal(kernel, params["W_xh"].T)
    np.testing.assert_array_equal(recurrent, params["W_hh"].T)
    np.testing.assert_array_equal(dense_kernel, params["W_hy"].T)
    np.testing.assert_array_equal(bias, params["b_h"])
    np.testing.assert_array_equal(dense_bias, params["b_y"])


def test_h0_matters_in_the_keras_model_as_in_ours():
    params, inputs, _, h0 = random_problem(5, 4, 3, seed=3, dtype=np.float32)
    model = model_from_params(params)
    assert not np.allclose(logits(model, inputs, h0), logits(model, inputs))
    np.testing.assert_allclose(logits(model, inputs), forward(params, inputs).ys, atol=1e-6)


def test_loading_params_of_the_wrong_size_raises():
    model = build_model(5, 4)
    with pytest.raises(ValueError, match=r"params has \(vocab_size, hidden_size\) = \(5, 3\) but the model "
                                         r"was built for \(5, 4\)"):
        load_params(model, init_params(5, 3, dtype=np.float32))
