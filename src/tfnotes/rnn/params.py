"""The parameters of a vanilla RNN, kept as a plain dict of NumPy arrays.

With vocabulary size ``V`` and hidden size ``H`` (column-vector convention)::

    h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h)      W_xh: (H, V)   W_hh: (H, H)   b_h: (H,)
    y_t = W_hy h_t + b_y                            W_hy: (V, H)   b_y: (V,)
    p_t = softmax(y_t)

A dict (rather than a class) keeps the equations and the code one-to-one: ``params["W_hh"]`` *is*
``W_hh``, and the gradients ``grads["W_hh"]`` have the same keys and shapes.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tfnotes._checks import positive_float, positive_int, seed_value
from tfnotes.rnn._checks import PARAM_KEYS, check_float_dtype, check_params, param_shapes

Params = dict[str, np.ndarray]

__all__ = ["PARAM_KEYS", "Params", "check_params", "count_params", "init_params"]


def init_params(vocab_size: int, hidden_size: int, *, seed: int = 0, scale: float = 0.01,
                dtype: Any = np.float64) -> Params:
    """Small random weights (normal, standard deviation ``scale``) and zero biases, as in min-char-rnn.

    The same ``seed`` always gives the same parameters.
    """
    V = positive_int("vocab_size", vocab_size)
    H = positive_int("hidden_size", hidden_size)
    scale = positive_float("scale", scale)
    rng = np.random.default_rng(seed_value("seed", seed))
    dtype = check_float_dtype("dtype", dtype)
    params = {}
    for key, shape in param_shapes(V, H).items():
        value = scale * rng.standard_normal(shape) if key.startswith("W") else np.zeros(shape)
        params[key] = value.astype(dtype)
    return params


def count_params(params: Params) -> int:
    """Total number of trainable numbers: ``H*V + H*H + V*H + H + V``."""
    check_params(params)
    return sum(int(params[key].size) for key in PARAM_KEYS)
