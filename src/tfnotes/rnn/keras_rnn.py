"""The same RNN as a Keras 3 model: ``SimpleRNN`` (tanh) followed by a ``Dense`` layer of logits.

Keras multiplies *row* vectors from the left (``h_t = tanh(x_t K + h_{t-1} R + b)``), so its
weight matrices are the transposes of ours::

    SimpleRNN kernel            (V, H) = W_xhᵀ
    SimpleRNN recurrent_kernel  (H, H) = W_hhᵀ
    SimpleRNN bias              (H,)   = b_h
    Dense kernel                (H, V) = W_hyᵀ
    Dense bias                  (V,)   = b_y

:func:`load_params` copies our parameter dict in; the model's logits then equal
:func:`tfnotes.rnn.numpy_rnn.forward`'s ``ys`` (to float32 rounding).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tfnotes._checks import positive_int
from tfnotes._tf import tensorflow
from tfnotes.rnn._checks import check_float_dtype, check_ids, check_params, check_state
from tfnotes.rnn.params import Params

tensorflow()  # Keras 3 runs on the TensorFlow backend; import it quietly first
import keras  # noqa: E402


def build_model(vocab_size: int, hidden_size: int, *, dtype: Any = np.float32) -> keras.Model:
    """A model mapping ``[one_hot_inputs (B, T, V), h0 (B, H)]`` to logits ``(B, T, V)``."""
    V = positive_int("vocab_size", vocab_size)
    H = positive_int("hidden_size", hidden_size)
    dtype = check_float_dtype("dtype", dtype).name
    x = keras.Input(shape=(None, V), dtype=dtype, name="one_hot_inputs")
    h0 = keras.Input(shape=(H,), dtype=dtype, name="h0")
    hs = keras.layers.SimpleRNN(H, activation="tanh", return_sequences=True, dtype=dtype, name="rnn")(
        x, initial_state=h0)
    logits = keras.layers.Dense(V, dtype=dtype, name="logits")(hs)
    return keras.Model(inputs=[x, h0], outputs=logits, name="char_rnn")


def load_params(model: keras.Model, params: Params) -> None:
    """Copy our parameters into a model from :func:`build_model`, transposing the matrices."""
    V, H = check_params(params)
    expected = (model.get_layer("logits").units, model.get_layer("rnn").units)
    if (V, H) != expected:
        raise ValueError(f"params has (vocab_size, hidden_size) = {(V, H)} but the model was built for {expected}")
    # --8<-- [start:keras-load]
    model.get_layer("rnn").set_weights([params["W_xh"].T, params["W_hh"].T, params["b_h"]])
    model.get_layer("logits").set_weights([params["W_hy"].T, params["b_y"]])
    # --8<-- [end:keras-load]


def model_from_params(params: Params) -> keras.Model:
    """A model of the right size and dtype with ``params`` loaded."""
    V, H = check_params(params)
    model = build_model(V, H, dtype=params["W_xh"].dtype)
    load_params(model, params)
    return model


def logits(model: keras.Model, inputs: Any, h0: Any = None) -> np.ndarray:
    """The model's scores ``(T, V)`` for one id sequence, starting from ``h0`` (zeros if ``None``)."""
    V = model.get_layer("logits").units
    H = model.get_layer("rnn").units
    dtype = np.dtype(model.get_layer("rnn").dtype)
    inputs = check_ids("inputs", inputs, V)
    h0 = check_state("h0", h0, (H,), dtype)
    x = np.eye(V, dtype=dtype)[inputs][None]
    return np.asarray(model([x, h0[None]], training=False))[0]
