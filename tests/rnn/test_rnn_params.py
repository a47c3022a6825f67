"""Parameter dicts: initialisation, counting, validation."""

import numpy as np
import pytest

from tfnotes.rnn.params import PARAM_KEYS, check_params, count_params, init_params
from tfnotes.rnn.vocab import hello_task


def test_init_params_has_exactly_the_five_keys_with_column_vector_shapes():
    params = init_params(5, 8)
    assert tuple(params) == PARAM_KEYS
    assert {k: v.shape for k, v in params.items()} == {
        "W_xh": (8, 5), "W_hh": (8, 8), "W_hy": (5, 8), "b_h": (8,), "b_y": (5,)}


def test_init_params_is_seeded_small_and_has_zero_biases():
    a, b, c = init_params(5, 8, seed=1), init_params(5, 8, seed=1), init_params(5, 8, seed=2)
    for key in PARAM_KEYS:
        np.testing.assert_array_equal(a[key], b[key])
    assert not np.array_equal(a["W_hh"], c["W_hh"])
    assert np.all(a["b_h"] == 0) and np.all(a["b_y"] == 0)
    assert 0.005 < np.std(init_params(50, 100, scale=0.01)["W_hh"]) < 0.015


def test_init_params_respects_dtype():
    assert all(v.dtype == np.float32 for v in init_params(3, 2, dtype=np.float32).values())
    with pytest.raises(TypeError, match="dtype must be float32 or float64"):
        init_params(3, 2, dtype=np.int32)


def test_hello_model_parameter_count_is_computed():
    vocab, _, _ = hello_task()
    V, H = vocab.size, 8
    assert count_params(init_params(V, H)) == H * V + H * H + V * H + H + V == 157


def test_check_params_returns_vocab_and_hidden_size():
    assert check_params(init_params(7, 3)) == (7, 3)


def test_wrong_parameter_shape_raises_naming_the_parameter():
    params = init_params(5, 8)
    params["W_hh"] = np.zeros((8, 7))
    with pytest.raises(ValueError, match=r"params\['W_hh'\] must have shape \(8, 8\), got \(8, 7\)"):
        check_params(params)


def test_nan_in_params_raises_naming_the_parameter():
    params = init_params(5, 8)
    params["W_hy"][2, 3] = np.nan
    with pytest.raises(ValueError, match=r"params\['W_hy'\] contains 1 NaN or infinite value"):
        check_params(params)


def test_missing_or_extra_keys_raise():
    params = init_params(5, 8)
    del params["b_y"]
    params["W_oops"] = np.zeros(3)
    with pytest.raises(ValueError, match=r"missing \['b_y'\], unexpected \['W_oops'\]"):
        check_params(params)


def test_mixed_dtypes_and_non_arrays_raise():
    params = init_params(5, 8)
    params["b_h"] = params["b_h"].astype(np.float32)
    with pytest.raises(TypeError, match=r"params\['b_h'\] has dtype float32"):
        check_params(params)
    params["b_h"] = [0.0] * 8
    with pytest.raises(TypeError, match=r"params\['b_h'\] must be a float NumPy array"):
        check_params(params)
    with pytest.raises(TypeError, match="params must be a dict"):
        check_params([1, 2])


@pytest.mark.parametrize("kwargs, message", [
    (dict(vocab_size=0, hidden_size=3), "vocab_size must be >= 1"),
    (dict(vocab_size=3, hidden_size=2.5), "hidden_size must be an integer"),
    (dict(vocab_size=3, hidden_size=2, scale=0), "scale must be > 0"),
    (dict(vocab_size=3, hidden_size=2, seed=-1), "seed must be >= 0"),
])
def test_init_params_rejects_bad_arguments(kwargs, message):
    with pytest.raises((TypeError, ValueError), match=message):
        init_params(**kwargs)
