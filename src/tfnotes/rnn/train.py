"""Training a character RNN: truncated BPTT, gradient clipping, Adagrad and Adam.

**Truncated BPTT.** A text of a million characters is one very long sequence; backpropagating
through all of it at once is neither affordable nor useful. So the text is cut into windows of
``seq_len`` characters. Each window is one forward/backward pass and one parameter update, and the
hidden state at the end of a window is the starting state of the next one: information flows
forward across window boundaries, gradients stop at them.

**Batches.** With ``batch_size = B`` the text is split into ``B`` equal, contiguous streams that are
read side by side (row ``b`` of every batch continues row ``b`` of the previous one), so each row
of the carried ``(B, H)`` state belongs to one stream. When a pass over the text ends, the state is
reset to zeros, because the next window starts again at the beginning of the stream.

Two trainers share that loop: :func:`train_numpy` (batch 1, hand-written BPTT, like Karpathy's
min-char-rnn) and :func:`train_tf` (batched, GradientTape in a compiled function). Both are
deterministic: the same parameters and data give the same result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from tfnotes._checks import non_negative_float, positive_float, positive_int
from tfnotes.rnn._checks import check_grads, check_ids, check_params
from tfnotes.rnn.numpy_rnn import _loss_and_grads, predict
from tfnotes.rnn.params import Params, init_params
from tfnotes.rnn.vocab import Vocab, hello_task

# The TensorFlow trainer's default global-norm limit, for the gradient of the mean loss per character (d2l's
# choice, 1). min-char-rnn's limit 5 is element-wise, for the gradient of a loss *summed* over 25 characters.
MAX_NORM = 1.0

GradsFn = Callable[[Params, np.ndarray, np.ndarray, np.ndarray], tuple[float, Params, np.ndarray]]


def _decay(name: str, value: Any) -> float:
    """A decay factor (Adam's betas, loss smoothing): a number in [0, 1)."""
    value = non_negative_float(name, value)
    if value >= 1:
        raise ValueError(f"{name} must be in [0, 1), got {value}")
    return value


# --8<-- [start:clip]
def _global_norm(grads: Params) -> float:
    """``sqrt(sum of squares)`` of all gradient entries together (summed in float64)."""
    return float(np.sqrt(sum(np.square(g, dtype=np.float64).sum() for g in grads.values())))


def _clip_elementwise(grads: Params, limit: float) -> Params:
    """Clamp every entry to ``[-limit, limit]`` (min-char-rnn)."""
    return {key: np.clip(g, -limit, limit) for key, g in grads.items()}


def _clip_by_global_norm(grads: Params, max_norm: float, norm: float) -> Params:
    """Scale all gradients by one factor so their global norm, ``norm``, is at most ``max_norm``.

    Unlike element-wise clipping this keeps the direction of the update.
    """
    scale = max_norm / max(norm, max_norm)           # 1 when the norm is already small enough
    return {key: g * scale for key, g in grads.items()}
# --8<-- [end:clip]


# The public clipping functions check their arguments, then call the kernels above; the training loop checks its
# limits once and calls the kernels directly.
def global_norm(grads: Params) -> float:
    """``sqrt(sum of squares)`` of all gradient entries together."""
    return _global_norm(check_grads(grads))


def clip_elementwise(grads: Params, limit: float) -> tuple[Params, float]:
    """Clamp every entry to ``[-limit, limit]`` (min-char-rnn). Returns new grads and the norm before."""
    limit = positive_float("limit", limit)
    grads = check_grads(grads)
    return _clip_elementwise(grads, limit), _global_norm(grads)


def clip_by_global_norm(grads: Params, max_norm: float) -> tuple[Params, float]:
    """Scale all gradients by one factor so their global norm is at most ``max_norm``.

    Unlike element-wise clipping this keeps the direction of the update. Returns new grads and the
    norm before clipping.
    """
    max_norm = positive_float("max_norm", max_norm)
    norm = _global_norm(check_grads(grads))
    return _clip_by_global_norm(grads, max_norm, norm), norm


# --8<-- [start:adagrad]
class Adagrad:
    """Each entry's step is divided by the root of the sum of all its past squared gradients.

    Entries that have received large gradients slow down; rarely-updated ones (a rare character's
    column of ``W_xh``) keep large steps. :meth:`update` changes ``params`` in place.
    """

    def __init__(self, learning_rate: float = 0.1, eps: float = 1e-8) -> None:
        self.learning_rate = positive_float("learning_rate", learning_rate)
        self.eps = positive_float("eps", eps)
        self.memory: Params = {}

    def update(self, params: Params, grads: Params) -> None:
        if not self.memory:                          # the first update: one zero array per parameter
            self.memory = {key: np.zeros_like(g) for key, g in grads.items()}
        for key, g in grads.items():
            mem = self.memory[key]
            mem += g * g
            params[key] -= self.learning_rate * g / np.sqrt(mem + self.eps)
# --8<-- [end:adagrad]


# --8<-- [start:adam]
class Adam:
    """Steps along a running mean of the gradient, scaled by a running mean of its square.

    ``m`` and ``v`` start at zero, so early averages are too small; dividing by ``1 - beta**t``
    corrects that bias. :meth:`update` changes ``params`` in place.
    """

    def __init__(self, learning_rate: float = 0.01, beta1: float = 0.9, beta2: float = 0.999,
                 eps: float = 1e-8) -> None:
        self.learning_rate = positive_float("learning_rate", learning_rate)
        self.beta1 = _decay("beta1", beta1)
        self.beta2 = _decay("beta2", beta2)
        self.eps = positive_float("eps", eps)
        self.t = 0
        self.m: Params = {}
        self.v: Params = {}

    def update(self, params: Params, grads: Params) -> None:
        self.t += 1
        if not self.m:                               # the first update: zero averages for every parameter
            self.m = {key: np.zeros_like(g) for key, g in grads.items()}
            self.v = {key: np.zeros_like(g) for key, g in grads.items()}
        for key, g in grads.items():
            m, v = self.m[key], self.v[key]
            m[...] = self.beta1 * m + (1 - self.beta1) * g
            v[...] = self.beta2 * v + (1 - self.beta2) * g * g
            m_hat = m / (1 - self.beta1 ** self.t)
            v_hat = v / (1 - self.beta2 ** self.t)
            params[key] -= self.learning_rate * m_hat / (np.sqrt(v_hat) + self.eps)
# --8<-- [end:adam]


@dataclass(frozen=True)
class TrainResult:
    """What a training run produced.

    Attributes:
        params: the trained parameters (a new dict; the caller's arrays are not modified).
        losses: per window, the mean cross-entropy per character (nats).
        smooth_losses: exponential moving average of ``losses`` (starts at ``log V``, a uniform guess).
        grad_norms: per window, the global norm of the gradient of the summed loss, *before* clipping
            (divide by ``B * seq_len`` for the gradient of the mean loss per character).
        clip_scales: per window, the factor global-norm clipping multiplied the gradient by (1 where it did
            not fire, or with ``max_norm=None``): what the trainer did, not what the limit implies.
        h: the carried hidden state after the last window, shape ``(B, H)``.
        n_chars: characters processed (``steps * B * seq_len``).
    """

    params: Params
    losses: np.ndarray
    smooth_losses: np.ndarray
    grad_norms: np.ndarray
    h: np.ndarray
    n_chars: int
    clip_scales: np.ndarray | None = None

    @property
    def perplexity(self) -> float:
        """``exp`` of the final smoothed loss: the effective number of equally likely next characters."""
        return float(np.exp(self.smooth_losses[-1]))


def text_streams(ids: np.ndarray, batch_size: int, seq_len: int) -> tuple[np.ndarray, int]:
    """Cut ``ids`` into ``batch_size`` contiguous streams; return them ``(B, L)`` and the windows per pass."""
    length = len(ids) // batch_size
    n_windows = (length - 1) // seq_len          # each window needs seq_len inputs and one more target
    if n_windows < 1:
        raise ValueError(f"ids is too short: {len(ids)} ids give streams of {length} for batch_size={batch_size}; "
                         f"need at least seq_len + 1 = {seq_len + 1} per stream")
    return ids[: batch_size * length].reshape(batch_size, length), n_windows


def _train(params: Params, ids: Any, grads_fn: GradsFn, *, n_steps: int, seq_len: int, batch_size: int,
           optimizer: Adagrad | Adam, clip_value: float | None, max_norm: float | None,
           smoothing: float) -> TrainResult:
    """The loop both trainers share; ``grads_fn`` maps ``(params, inputs, targets, h0)`` to ``(loss, grads, h_T)``."""
    V, H = check_params(params)
    ids = check_ids("ids", ids, V)
    n_steps = positive_int("n_steps", n_steps)
    T = positive_int("seq_len", seq_len)
    B = positive_int("batch_size", batch_size)
    smoothing = _decay("smoothing", smoothing)
    if clip_value is not None:
        clip_value = positive_float("clip_value", clip_value)
    if max_norm is not None:
        max_norm = positive_float("max_norm", max_norm)
    params = {key: value.copy() for key, value in params.items()}
    streams, n_windows = text_streams(ids, B, T)
    losses, smooth_losses, norms, scales = [], [], [], []
    smooth = float(np.log(V))
    # --8<-- [start:truncated-bptt]
    for i in range(n_steps):
        k = i % n_windows                                   # window k of this pass over the text
        if k == 0:                                          # a new pass starts from a blank state
            h = np.zeros((B, H), dtype=params["W_xh"].dtype)
        inputs = streams[:, k * T:(k + 1) * T]
        targets = streams[:, k * T + 1:(k + 1) * T + 1]     # the same window, one character later
        loss, grads, h = grads_fn(params, inputs, targets, h)   # h_T is the next window's h0
        norm = _global_norm(grads)
        norms.append(norm)                                  # recorded before clipping
        if clip_value is not None:
            grads = _clip_elementwise(grads, clip_value)
        scales.append(1.0)
        if max_norm is not None:                            # a limit per character: the loss sums B·T of them
            if clip_value is not None:
                norm = _global_norm(grads)                  # the norm after element-wise clipping
            grads = _clip_by_global_norm(grads, max_norm * B * T, norm)
            scales[-1] = min(1.0, max_norm * B * T / norm) if norm > 0 else 1.0
        optimizer.update(params, grads)
        # --8<-- [end:truncated-bptt]
        losses.append(loss / (B * T))
        smooth = smoothing * smooth + (1 - smoothing) * losses[-1]
        smooth_losses.append(smooth)
    return TrainResult(params, np.array(losses), np.array(smooth_losses), np.array(norms), h, n_steps * B * T,
                       np.array(scales))


def _numpy_grads(params: Params, inputs: np.ndarray, targets: np.ndarray,
                 h: np.ndarray) -> tuple[float, Params, np.ndarray]:
    """Batch-of-one adapter around the hand-written BPTT (``(1, T)`` ids, ``(1, H)`` state)."""
    loss, grads, h_T = _loss_and_grads(params, inputs[0], targets[0], h[0])
    return loss, grads, h_T[None, :]


def train_numpy(params: Params, ids: Any, *, n_steps: int, seq_len: int = 25, optimizer: Adagrad | Adam | None = None,
                clip_value: float | None = 5.0, max_norm: float | None = None,
                smoothing: float = 0.99) -> TrainResult:
    """min-char-rnn: batch 1, hand-written BPTT, Adagrad (learning rate 0.1), entries clipped to ±5.

    Args:
        params: starting parameters (copied, not modified).
        ids: the training text as character ids.
        n_steps: number of windows (= parameter updates).
        seq_len: characters per window (how far back gradients flow).
        optimizer: an :class:`Adagrad` or :class:`Adam`; default ``Adagrad(0.1)``.
        clip_value: element-wise clipping limit for the gradient of the loss summed over the window, as
            in min-char-rnn, or ``None``.
        max_norm: global-norm clipping limit for the gradient of the *mean* loss per character, or
            ``None``. The loss is summed over the ``B * seq_len`` characters of a batch, so its gradient
            is clipped at ``max_norm * B * seq_len``: the limit means the same at any batch size and
            window length.
        smoothing: weight of the old value in the smoothed loss.
    """
    return _train(params, ids, _numpy_grads, n_steps=n_steps, seq_len=seq_len, batch_size=1,
                  optimizer=optimizer or Adagrad(0.1), clip_value=clip_value, max_norm=max_norm, smoothing=smoothing)


def train_tf(params: Params, ids: Any, *, n_steps: int, seq_len: int = 25, batch_size: int = 32,
             optimizer: Adagrad | Adam | None = None, clip_value: float | None = None,
             max_norm: float | None = MAX_NORM,
             smoothing: float = 0.99, jit_compile: bool = False) -> TrainResult:
    """Batched training with gradients from a compiled GradientTape (:func:`tfnotes.rnn.tf_rnn.batch_gradients`).

    Same arguments as :func:`train_numpy`, plus ``batch_size`` parallel streams; the defaults are
    Adam (learning rate 0.01) and global-norm clipping of the mean loss's gradient at :data:`MAX_NORM`.
    ``jit_compile=True`` also compiles with XLA (see :class:`tfnotes.rnn.tf_rnn.BatchGradients` for when that pays off).
    """
    from tfnotes.rnn.tf_rnn import batch_gradients  # imports TensorFlow (seconds), so only when asked

    return _train(params, ids, batch_gradients(bool(jit_compile)), n_steps=n_steps, seq_len=seq_len,
                  batch_size=batch_size, optimizer=optimizer or Adam(0.01), clip_value=clip_value,
                  max_norm=max_norm, smoothing=smoothing)


def accuracy(params: Params, inputs: Any, targets: Any, h0: Any = None) -> float:
    """Fraction of steps where the most likely next character is the target."""
    targets = check_ids("targets", targets, check_params(params)[0])
    return float(np.mean(predict(params, inputs, h0) == targets))


class SGD:
    """Plain gradient descent: every entry moves by ``-learning_rate * gradient``, with no memory of past steps.

    :meth:`update` changes ``params`` in place.
    """

    def __init__(self, learning_rate: float = 0.2) -> None:
        self.learning_rate = positive_float("learning_rate", learning_rate)

    def update(self, params: Params, grads: Params) -> None:
        for key, g in grads.items():
            params[key] -= self.learning_rate * g


def train_hello(*, hidden_size: int = 8, n_steps: int = 300, learning_rate: float = 0.2,
                seed: int = 0) -> tuple[Vocab, TrainResult]:
    """Train on ``"hello"`` (with the end token) for ``n_steps`` updates of plain gradient descent, unclipped.

    The first example of the chapter uses no optimiser tricks: :class:`SGD` and no clipping (Adagrad and
    clipping come later, on real text). The word is one window (``seq_len = 5``), so every step starts
    from ``h0 = 0``.
    """
    vocab, inputs, targets = hello_task(end=True)
    ids = np.append(inputs, targets[-1])                   # h e l l o <end>
    params = init_params(vocab.size, hidden_size, seed=seed)
    return vocab, train_numpy(params, ids, n_steps=n_steps, seq_len=len(inputs), optimizer=SGD(learning_rate),
                              clip_value=None)
