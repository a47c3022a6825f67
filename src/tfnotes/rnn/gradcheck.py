"""Checking the hand-written BPTT gradients two independent ways.

1. **Central finite differences**: nudge one parameter entry by ``±eps`` and watch the loss,
   ``dL/dθ ≈ (L(θ + eps) - L(θ - eps)) / (2 eps)``. The error of this estimate shrinks like ``eps²``,
   so it agrees with a correct gradient to about 1e-9 in float64.
2. **TensorFlow's GradientTape**: automatic differentiation of the same forward pass
   (:mod:`tfnotes.rnn.tf_rnn`), which agrees to rounding error (about 1e-15).

The disagreement is reported per parameter as a relative error,
``max |a - b| / max(|a|, |b|)`` over the checked entries (the largest disagreement in units of the
largest gradient entry of that parameter), and the functions return the worst parameter's value.
Entry-wise ``|a - b| / |a|`` would instead blow up on entries that are zero up to rounding.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from tfnotes._checks import positive_float, positive_int, seed_value
from tfnotes.rnn._checks import PARAM_KEYS, check_params, check_sequence_pair, check_state
from tfnotes.rnn.numpy_rnn import _loss_and_grads, loss_and_grads
from tfnotes.rnn.params import Params


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """``max |a - b| / max(|a|, |b|)``; 0 when both are all zeros."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    scale = max(float(np.max(np.abs(a), initial=0.0)), float(np.max(np.abs(b), initial=0.0)))
    diff = float(np.max(np.abs(a - b), initial=0.0))
    return diff / scale if scale > 0 else diff


# --8<-- [start:central-difference]
def central_difference(loss: Callable[[Params], float], params: Params, key: str, index: int,
                       eps: float) -> float:
    """``(L(θ + eps) - L(θ - eps)) / (2 eps)`` for the entry ``params[key].flat[index]``.

    The entry is changed in place and restored before returning.
    """
    theta = params[key]
    entry = np.unravel_index(index, theta.shape)     # flat index -> (row, column) or (row,)
    saved = theta[entry]
    theta[entry] = saved + eps
    loss_plus = loss(params)
    theta[entry] = saved - eps
    loss_minus = loss(params)
    theta[entry] = saved
    return (loss_plus - loss_minus) / (2 * eps)
# --8<-- [end:central-difference]


def check_finite_differences(params: Params, inputs: Any, targets: Any, h0: Any = None, *, eps: float = 1e-5,
                             max_entries: int | None = None, seed: int = 0) -> dict[str, float]:
    """Relative error between the BPTT gradient and central differences, per parameter.

    The check always runs in float64 (on a copy of ``params``): float32 rounding would swamp a
    finite difference. ``max_entries`` limits the work on big models: at most that many entries per
    parameter, chosen at random with ``seed``; ``None`` checks every entry.
    """
    V, H = check_params(params)
    inputs, targets = check_sequence_pair(inputs, targets, V)
    h0 = check_state("h0", h0, (H,), np.float64)
    eps = positive_float("eps", eps)
    if max_entries is not None:
        max_entries = positive_int("max_entries", max_entries)
    rng = np.random.default_rng(seed_value("seed", seed))
    params = {key: value.astype(np.float64) for key, value in params.items()}   # a float64 copy
    _, grads, _ = _loss_and_grads(params, inputs, targets, h0)

    def loss(p: Params) -> float:
        return _loss_and_grads(p, inputs, targets, h0)[0]

    errors = {}
    for key in PARAM_KEYS:
        size = params[key].size
        if max_entries is None or size <= max_entries:
            indices = np.arange(size)
        else:
            indices = rng.choice(size, max_entries, replace=False)
        numeric = [central_difference(loss, params, key, int(i), eps) for i in indices]
        errors[key] = relative_error(grads[key].reshape(-1)[indices], numeric)
    return errors


def check_gradient_tape(params: Params, inputs: Any, targets: Any, h0: Any = None) -> dict[str, float]:
    """Relative error between the BPTT gradient and TensorFlow's GradientTape, per parameter.

    Both run in the dtype of ``params``. The loss and the final state are compared too, under the
    keys ``"loss"`` and ``"h_T"``.
    """
    from tfnotes.rnn import tf_rnn  # imports TensorFlow (seconds), so only when asked

    loss_np, grads_np, h_np = loss_and_grads(params, inputs, targets, h0)
    loss_tf, grads_tf, h_tf = tf_rnn.loss_and_grads(params, inputs, targets, h0)
    errors = {key: relative_error(grads_np[key], grads_tf[key]) for key in PARAM_KEYS}
    errors["loss"] = relative_error(loss_np, loss_tf)
    errors["h_T"] = relative_error(h_np, h_tf)
    return errors


# The mistakes the gradient-check page lists, planted one at a time into a copy of the BPTT loop, so the page can
# quote (and the tests check) the errors they cause.
BUGS = ("no-dh-next", "h-not-h-prev", "tanh-of-a", "assign-not-add", "carry-skips-tanh")


def gradients_with_bug(params: Params, inputs: Any, targets: Any, h0: Any = None, *,
                       bug: str | None = None) -> Params:
    """The BPTT gradients of :func:`tfnotes.rnn.numpy_rnn.loss_and_grads`, with one of :data:`BUGS` planted.

    ``bug=None`` gives the correct gradients. The bugs: ``"no-dh-next"`` drops the gradient from the future;
    ``"h-not-h-prev"`` pairs ``dW_hh`` with ``h_t`` instead of ``h_{t-1}``; ``"tanh-of-a"`` computes ``tanh'`` as
    ``1 - a_t²`` from the tanh's input; ``"assign-not-add"`` writes ``=`` for ``+=`` in the five sums;
    ``"carry-skips-tanh"`` hands back ``W_hhᵀ dh_t`` instead of ``W_hhᵀ da_t``.
    """
    if bug is not None and bug not in BUGS:
        raise ValueError(f"bug must be None or one of {BUGS}, got {bug!r}")
    V, H = check_params(params)
    inputs, targets = check_sequence_pair(inputs, targets, V)
    h0 = check_state("h0", h0, (H,), params["W_xh"].dtype)
    W_xh, W_hh, W_hy, b_h, b_y = (params[key] for key in PARAM_KEYS)
    T = len(inputs)
    xs = np.eye(V, dtype=h0.dtype)[inputs]
    hs, As = [h0], []
    for t in range(T):
        As.append(W_xh @ xs[t] + W_hh @ hs[-1] + b_h)
        hs.append(np.tanh(As[-1]))
    ys = np.array([W_hy @ h + b_y for h in hs[1:]])
    e = np.exp(ys - ys.max(axis=1, keepdims=True))
    ps = e / e.sum(axis=1, keepdims=True)
    grads = {key: np.zeros_like(params[key]) for key in PARAM_KEYS}
    dh_next = np.zeros_like(h0)
    for t in reversed(range(T)):
        h, h_prev, a = hs[t + 1], hs[t], As[t]
        dy = ps[t] - np.eye(V)[targets[t]]
        dh = W_hy.T @ dy + (0 if bug == "no-dh-next" else dh_next)
        da = (1 - (a * a if bug == "tanh-of-a" else h * h)) * dh
        shares = {"W_hy": np.outer(dy, h), "b_y": dy, "b_h": da, "W_xh": np.outer(da, xs[t]),
                  "W_hh": np.outer(da, h if bug == "h-not-h-prev" else h_prev)}
        for key, share in shares.items():
            if bug == "assign-not-add":
                grads[key] = share.copy()
            else:
                grads[key] += share
        dh_next = W_hh.T @ (dh if bug == "carry-skips-tanh" else da)
    return grads
