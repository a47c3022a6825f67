"""The same RNN in TensorFlow, with gradients from ``tf.GradientTape`` instead of by hand.

TensorFlow works on a *batch* of ``B`` sequences at once, each state a row of a ``(B, H)`` matrix.
The equation ``h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h)`` for column vectors becomes, transposed
for rows, ``h_t = tanh(x_t W_xhᵀ + h_{t-1} W_hhᵀ + b_h)``; the parameters keep the shapes of
:mod:`tfnotes.rnn.params`, so the NumPy and TensorFlow versions share one parameter dict.
``tf.matmul(h, W_hh, transpose_b=True)`` is ``h W_hhᵀ`` without building the transpose (spelling it
``h @ tf.transpose(W_hh)`` made the compiled graph two to three times slower here).

:func:`loss_and_grads` mirrors :func:`tfnotes.rnn.numpy_rnn.loss_and_grads` (same arguments, NumPy
results) for checking the hand-written gradients; :class:`BatchGradients` is the compiled, batched
version used for training and benchmarks.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np

from tfnotes._tf import tensorflow
from tfnotes.rnn._checks import PARAM_KEYS, check_params, check_sequence_pair, check_state
from tfnotes.rnn.params import Params

tf = tensorflow()


# --8<-- [start:tf-loss]
def batch_loss(weights: dict[str, Any], inputs: Any, targets: Any, h0: Any) -> tuple[Any, Any]:
    """Summed cross-entropy over a ``(B, T)`` batch of id sequences, and the last states ``(B, H)``."""
    W_xh, W_hh, W_hy, b_h, b_y = (weights[key] for key in PARAM_KEYS)
    V = W_hy.shape[0]
    h, loss = h0, 0.0
    for t in range(inputs.shape[1]):
        x = tf.one_hot(inputs[:, t], V, dtype=h.dtype)      # (B, V): one one-hot row per sequence
        h = tf.tanh(tf.matmul(x, W_xh, transpose_b=True)    # x_t W_xhᵀ
                    + tf.matmul(h, W_hh, transpose_b=True)  # + h_{t-1} W_hhᵀ
                    + b_h)
        y = tf.matmul(h, W_hy, transpose_b=True) + b_y      # (B, V) scores: h_t W_hyᵀ + b_y
        ce = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=targets[:, t], logits=y)
        loss += tf.reduce_sum(ce)
    return loss, h
# --8<-- [end:tf-loss]


# --8<-- [start:tf-tape]
def tape_loss_and_grads(weights: dict[str, Any], inputs: Any, targets: Any, h0: Any) -> tuple[Any, Any, Any]:
    """:func:`batch_loss`, its gradient for every weight (recorded by GradientTape), the last states."""
    with tf.GradientTape() as tape:
        tape.watch(weights)
        loss, h_T = batch_loss(weights, inputs, targets, h0)
    return loss, tape.gradient(loss, weights), h_T
# --8<-- [end:tf-tape]


def loss_and_grads(params: Params, inputs: Any, targets: Any, h0: Any = None) -> tuple[float, Params, np.ndarray]:
    """Same contract as :func:`tfnotes.rnn.numpy_rnn.loss_and_grads`, differentiated by GradientTape.

    Runs eagerly, as a batch of one sequence, in the dtype of ``params`` (float64 in, float64 out).
    """
    V, H = check_params(params)
    inputs, targets = check_sequence_pair(inputs, targets, V)
    h0 = check_state("h0", h0, (H,), params["W_xh"].dtype)
    weights = {key: tf.constant(value) for key, value in params.items()}
    loss, grads, h_T = tape_loss_and_grads(weights, inputs[None, :], targets[None, :], tf.constant(h0[None, :]))
    return float(loss), {key: grads[key].numpy() for key in PARAM_KEYS}, h_T[0].numpy()


class BatchGradients:
    """Compiled :func:`tape_loss_and_grads` for batches: ``(params, inputs, targets, h0) -> (loss, grads, h_T)``.

    ``inputs`` and ``targets`` are ``(B, T)`` ids, ``h0`` the ``(B, H)`` states carried over from the
    previous window. Results are NumPy, so one optimiser and one clipping function
    (:mod:`tfnotes.rnn.train`) serve the NumPy and the TensorFlow trainer alike. The first call for
    a new shape traces and compiles (about a second); later calls reuse the program. Arguments are
    not re-checked on every call: the trainer validates them once.

    Args:
        jit_compile: also compile with XLA (``tf.function(jit_compile=True)``). On a 2-core CPU
            at H = 100 that made batch-64 steps about 25 % faster but batch-1 steps no faster, and
            compiling costs 4-7 s per shape; the plain graph is the default because the site's
            training runs are short (``python -m tfnotes.rnn.bench`` measures both).
    """

    def __init__(self, *, jit_compile: bool = False) -> None:
        self.jit_compile = bool(jit_compile)
        self._compiled = tf.function(tape_loss_and_grads, jit_compile=self.jit_compile)

    def __call__(self, params: Params, inputs: np.ndarray, targets: np.ndarray,
                 h0: np.ndarray) -> tuple[float, Params, np.ndarray]:
        weights = {key: tf.convert_to_tensor(value) for key, value in params.items()}
        loss, grads, h_T = self._compiled(weights, tf.convert_to_tensor(inputs), tf.convert_to_tensor(targets),
                                          tf.convert_to_tensor(h0))
        return float(loss), {key: grads[key].numpy() for key in PARAM_KEYS}, h_T.numpy()


@cache
def batch_gradients(jit_compile: bool = False) -> BatchGradients:
    """One shared :class:`BatchGradients` per ``jit_compile`` setting, so repeated training runs
    in a process reuse the compiled programs instead of compiling again."""
    return BatchGradients(jit_compile=jit_compile)
