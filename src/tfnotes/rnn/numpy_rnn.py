"""A vanilla character RNN in NumPy: forward pass, loss, and backpropagation through time by hand.

One step, for the one-hot input ``x_t`` (column-vector convention, see :mod:`tfnotes.rnn.params`)::

    h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h)
    y_t = W_hy h_t + b_y
    p_t = softmax(y_t)
    loss = - sum_t log p_t[target_t]          (summed cross-entropy, in nats)

Vectors are 1-D arrays; ``W @ v`` is the matrix-vector product. Python counts from 0 and the
equations from 1, so ``xs[t]`` is the input ``x_{t+1}`` while ``hs[t]`` is ``h_t`` (``hs[0]`` is
``h_0``). Every function works in the dtype of ``params`` (float64 or float32). The page includes the marked sections (``# --8<-- [start:NAME]``)
of this file verbatim, so each equation is one line of code.

Arguments are checked once, at the public boundary: each public function (:func:`softmax`, :func:`step`,
:func:`forward`, :func:`loss_and_grads`, :func:`predict`, :func:`sample`) validates its inputs and then calls a
private kernel (``_softmax``, ``_step``, ``_forward``, ``_loss_and_grads``) that does no checking, so the loops over
time steps and the trainer's loop over windows never re-validate the same arrays.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from tfnotes._checks import positive_int, seed_value
from tfnotes.rnn._checks import (check_ids, check_loss_sum, check_params, check_scores, check_sequence_pair,
                                 check_state, check_temperature)
from tfnotes.rnn.params import PARAM_KEYS, Params


def softmax(y: Any) -> np.ndarray:
    """Probabilities from scores ``y`` (one row, or one row per step), along the last axis."""
    return _softmax(check_scores("y", y))


# --8<-- [start:softmax]
def _softmax(y: np.ndarray) -> np.ndarray:
    """Probabilities from scores, along the last axis. Subtracting the max avoids overflow in exp."""
    e = np.exp(y - np.max(y, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)
# --8<-- [end:softmax]


def step(params: Params, x: Any, h_prev: Any) -> tuple[np.ndarray, np.ndarray]:
    """One time step from the input vector ``x`` (``(V,)``, usually one-hot) and the state ``h_prev`` (``(H,)``)."""
    V, H = check_params(params)
    dtype = params["W_xh"].dtype
    if x is None:
        raise TypeError(f"x must be an input vector of shape ({V},), got None")
    return _step(params, check_state("x", x, (V,), dtype), check_state("h_prev", h_prev, (H,), dtype))


# --8<-- [start:step]
def _step(params: Params, x: np.ndarray, h_prev: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One time step: the new hidden state ``h`` and the scores ``y`` for the next character."""
    W_xh, W_hh, W_hy, b_h, b_y = (params[key] for key in PARAM_KEYS)
    h = np.tanh(W_xh @ x + W_hh @ h_prev + b_h)   # h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h)
    y = W_hy @ h + b_y                            # y_t = W_hy h_t + b_y
    return h, y
# --8<-- [end:step]


@dataclass(frozen=True)
class Forward:
    """Everything the forward pass computed; the backward pass reads it.

    Attributes:
        xs: ``(T, V)`` one-hot inputs; ``xs[t]`` is the equations' ``x_{t+1}`` (Python counts from 0).
        hs: ``(T + 1, H)`` hidden states: ``hs[0]`` is ``h0`` and ``hs[t + 1]`` the state after reading ``xs[t]``.
        ys: ``(T, V)`` scores (logits).
        ps: ``(T, V)`` probabilities, ``ps[t] = softmax(ys[t])``.
    """

    xs: np.ndarray
    hs: np.ndarray
    ys: np.ndarray
    ps: np.ndarray


def forward(params: Params, inputs: Any, h0: Any = None) -> Forward:
    """Run the RNN over the id sequence ``inputs`` starting from ``h0`` (zeros if ``None``)."""
    V, H = check_params(params)
    inputs = check_ids("inputs", inputs, V)
    h0 = check_state("h0", h0, (H,), params["W_xh"].dtype)
    return _forward(params, inputs, h0)


# --8<-- [start:forward]
def _forward(params: Params, inputs: np.ndarray, h0: np.ndarray) -> Forward:
    """:func:`forward` without the argument checks."""
    V, H = params["W_hy"].shape
    T = len(inputs)
    xs = np.eye(V, dtype=h0.dtype)[inputs]        # one-hot inputs, one row per step
    hs = np.empty((T + 1, H), dtype=h0.dtype)     # hs[t] is the state *before* step t
    ys = np.empty((T, V), dtype=h0.dtype)
    hs[0] = h0
    for t in range(T):
        hs[t + 1], ys[t] = _step(params, xs[t], hs[t])
    ps = _softmax(ys)                              # p_t = softmax(y_t), all steps at once
    return Forward(xs, hs, ys, ps)
# --8<-- [end:forward]


def loss_and_grads(params: Params, inputs: Any, targets: Any, h0: Any = None) -> tuple[float, Params, np.ndarray]:
    """Summed cross-entropy (nats), its gradient for every parameter, and the last hidden state.

    Args:
        params: the parameter dict (see :mod:`tfnotes.rnn.params`).
        inputs: ``T`` character ids.
        targets: ``T`` character ids; ``targets[t]`` is the character that should follow ``inputs[t]``.
        h0: the hidden state before the first step, shape ``(H,)``; ``None`` means zeros.

    Returns:
        ``(loss, grads, h_T)``: ``grads`` has the same keys and shapes as ``params``; ``h_T`` is the
        state after the last step, to pass as ``h0`` of the next window (truncated BPTT).
    """
    V, H = check_params(params)
    inputs, targets = check_sequence_pair(inputs, targets, V)
    h0 = check_state("h0", h0, (H,), params["W_xh"].dtype)
    return _loss_and_grads(params, inputs, targets, h0)


def _loss_and_grads(params: Params, inputs: np.ndarray, targets: np.ndarray,
                    h0: np.ndarray) -> tuple[float, Params, np.ndarray]:
    """:func:`loss_and_grads` without the argument checks (the trainer checks once, then calls this)."""
    W_xh, W_hh, W_hy, b_h, b_y = (params[key] for key in PARAM_KEYS)
    fwd = _forward(params, inputs, h0)
    xs, hs, ys, ps = fwd.xs, fwd.hs, fwd.ys, fwd.ps
    T = len(inputs)
    # --8<-- [start:loss]
    m = np.max(ys, axis=1)                                       # the largest score of each step
    log_z = m + np.log(np.sum(np.exp(ys - m[:, None]), axis=1))  # log sum_j e^(y_t,j), shifted: no overflow
    loss = np.sum(log_z - ys[np.arange(T), targets])             # sum_t (-y_t,k + log sum_j e^(y_t,j))
    # --8<-- [end:loss]
    # --8<-- [start:backward]
    targets_1hot = np.eye(len(b_y), dtype=ps.dtype)[targets]
    dW_xh, dW_hh, dW_hy = np.zeros_like(W_xh), np.zeros_like(W_hh), np.zeros_like(W_hy)
    db_h, db_y = np.zeros_like(b_h), np.zeros_like(b_y)
    dh_next = np.zeros_like(h0)              # gradient from the future: none after the last step
    for t in reversed(range(T)):             # code index t is equation step t + 1, so in the
        h, h_prev = hs[t + 1], hs[t]         # comments below h_t is hs[t + 1], h_{t-1} is hs[t]
        # --8<-- [start:backward-output]
        dy = ps[t] - targets_1hot[t]         # dL/dy_t = p_t - onehot(target_t)
        dW_hy += np.outer(dy, h)             # dy h_tᵀ
        db_y += dy
        # --8<-- [end:backward-output]
        # --8<-- [start:backward-hidden]
        dh = W_hy.T @ dy + dh_next           # dL/dh_t: from this step's output and from the future
        dh_raw = (1 - h * h) * dh            # through tanh, since tanh'(a) = 1 - tanh(a)²
        db_h += dh_raw
        dW_xh += np.outer(dh_raw, xs[t])     # dh_raw x_tᵀ
        dW_hh += np.outer(dh_raw, h_prev)    # dh_raw h_{t-1}ᵀ
        # --8<-- [end:backward-hidden]
        # --8<-- [start:backward-carry]
        dh_next = W_hh.T @ dh_raw            # dL/dh_{t-1}, handed to the step before
        # --8<-- [end:backward-carry]
    # --8<-- [end:backward]
    grads = {"W_xh": dW_xh, "W_hh": dW_hh, "W_hy": dW_hy, "b_h": db_h, "b_y": db_y}
    return float(loss), grads, hs[T].copy()


def predict(params: Params, inputs: Any, h0: Any = None) -> np.ndarray:
    """The most likely next character id after each input (argmax of ``p_t`` per step)."""
    return np.argmax(forward(params, inputs, h0).ps, axis=1)


# --8<-- [start:sample]
def sample(params: Params, h0: Any, seed_id: int, n: int, *, temperature: float = 1.0,
           seed: int = 0, argmax: bool = False) -> np.ndarray:
    """Generate ``n`` character ids, feeding each prediction back in as the next input.

    ``temperature`` divides the scores before the softmax: below 1 sharpens the distribution (safer,
    more repetitive text), above 1 flattens it (more surprising, more mistakes). ``argmax=True``
    always takes the most likely character. The same ``seed`` gives the same ids.
    """
    V, H = check_params(params)
    h = check_state("h0", h0, (H,), params["W_xh"].dtype)
    x_id = int(check_ids("seed_id", [seed_id], V)[0])
    n = positive_int("n", n)
    temperature = check_temperature(temperature)
    rng = np.random.default_rng(seed_value("seed", seed))
    eye = np.eye(V, dtype=h.dtype)
    ids = np.empty(n, dtype=np.int64)
    for i in range(n):
        h, y = _step(params, eye[x_id], h)
        p = _softmax(y.astype(np.float64) / temperature)
        x_id = int(np.argmax(p)) if argmax else int(rng.choice(V, p=p))
        ids[i] = x_id
    return ids
# --8<-- [end:sample]


def perplexity(loss_sum: float, n_chars: int) -> float:
    """``exp(loss_sum / n_chars)``: the model is as unsure as a uniform choice among this many characters."""
    return float(np.exp(check_loss_sum(loss_sum) / positive_int("n_chars", n_chars)))
