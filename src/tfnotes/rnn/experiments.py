"""The numbers behind the chapter's RNN figures (no plotting here: the figure code draws these).

- :func:`gradient_norms`: how ``‖∂h_T/∂h_{T-k}‖`` shrinks or grows with the number of steps ``k``
  for recurrent matrices of spectral radius below, at and above 1 (vanishing/exploding gradients).
- :func:`hello_softmax`: the per-step next-character probabilities on "hello" before and after
  training.
- :func:`char_model`: train a character model on a shipped text; loss curves and samples at
  several temperatures.

Everything is seeded: the same arguments give the same numbers.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tfnotes._checks import positive_float, positive_int, seed_value
from tfnotes.rnn.numpy_rnn import forward, sample
from tfnotes.rnn.params import Params, init_params
from tfnotes.rnn.texts import load_text
from tfnotes.rnn.train import Adagrad, Adam, train_hello, train_numpy, train_tf
from tfnotes.rnn.vocab import Vocab, hello_task


def recurrent_matrix(hidden_size: int, spectral_radius: float, *, seed: int = 0) -> np.ndarray:
    """A random normal ``(H, H)`` matrix rescaled so its largest ``|eigenvalue|`` is ``spectral_radius``.

    The same ``seed`` gives the same matrix up to scale, so radii can be compared like for like.
    """
    H = positive_int("hidden_size", hidden_size)
    radius = positive_float("spectral_radius", spectral_radius)
    W = np.random.default_rng(seed_value("seed", seed)).standard_normal((H, H))
    return W * (radius / np.max(np.abs(np.linalg.eigvals(W))))


# --8<-- [start:jacobian-norms]
def jacobian_norms(params: Params, inputs: Any, h0: Any = None) -> np.ndarray:
    """``‖∂h_T/∂h_{T-k}‖₂`` (largest singular value) for ``k = 0, 1, ..., T``.

    Backpropagation multiplies by one factor per step, ``∂h_t/∂h_{t-1} = diag(1 - h_t²) W_hh``;
    the product of ``k`` such factors is what reaches ``k`` steps back.
    """
    hs = forward(params, inputs, h0).hs           # hs[t] = h_t, hs[0] = h0
    T = len(hs) - 1
    J = np.eye(hs.shape[1])                       # ∂h_T/∂h_T
    norms = [1.0]
    for k in range(1, T + 1):
        t = T - k + 1
        J = J @ (np.diag(1 - hs[t] ** 2) @ params["W_hh"])   # now ∂h_T/∂h_{T-k}
        norms.append(np.linalg.norm(J, 2))
    return np.array(norms)
# --8<-- [end:jacobian-norms]


def gradient_norms(radii: tuple[float, ...] = (0.9, 1.0, 1.1), *, steps_back: int = 50, hidden_size: int = 100,
                   vocab_size: int = 58, seed: int = 0) -> dict[str, Any]:
    """``‖∂h_T/∂h_{T-k}‖`` against ``k`` for one recurrent matrix per spectral radius.

    The RNN gets ``min-char-rnn``-sized random inputs (``init_params`` with ``scale=0.01``) and a
    random character sequence of length ``steps_back``; only ``W_hh`` changes between radii.

    Returns:
        ``{"k": array of 0..steps_back, "norms": {radius: array of norms}}``.
    """
    K = positive_int("steps_back", steps_back)
    params = init_params(vocab_size, hidden_size, seed=seed)
    inputs = np.random.default_rng(seed_value("seed", seed)).integers(0, vocab_size, size=K)
    norms = {}
    for radius in radii:
        params["W_hh"] = recurrent_matrix(hidden_size, radius, seed=seed)
        norms[float(radius)] = jacobian_norms(params, inputs)
    return {"k": np.arange(K + 1), "norms": norms}


def hello_softmax(*, hidden_size: int = 8, n_steps: int = 100, seed: int = 0) -> dict[str, Any]:
    """Per-step next-character probabilities on "hello" (with the end token), before and after training.

    Returns:
        ``{"symbols": (V,) names, "inputs": T chars, "targets": T chars, "before": (T, V), "after": (T, V),
        "losses": per-step training loss}``; row ``t`` of ``before``/``after`` is ``p_t``.
    """
    vocab, inputs, targets = hello_task(end=True)
    untrained = init_params(vocab.size, hidden_size, seed=seed)
    _, result = train_hello(hidden_size=hidden_size, n_steps=n_steps, seed=seed)
    return {
        "symbols": vocab.symbols,
        "inputs": [vocab.symbols[i] for i in inputs],
        "targets": [vocab.symbols[i] for i in targets],
        "before": forward(untrained, inputs).ps,
        "after": forward(result.params, inputs).ps,
        "losses": result.losses,
    }


def char_model(name: str = "shakespeare", *, backend: str = "tf", hidden_size: int = 64, seq_len: int = 25,
               batch_size: int = 32, n_steps: int = 800, learning_rate: float | None = None,
               temperatures: tuple[float, ...] = (0.5, 1.0, 1.5), sample_length: int = 200,
               seed: int = 0) -> dict[str, Any]:
    """Train a character model on a shipped text and sample from it.

    The default (``backend="tf"``, H = 64, batches of 32 windows of 25 characters, 800 updates, about
    20 passes over the 32 KB Shakespeare excerpt) takes about 10 s on 2 CPU cores, 6 s of which
    are TensorFlow's import. ``backend="numpy"`` is min-char-rnn (batch 1, Adagrad); raise ``n_steps`` and
    ``hidden_size`` for better text.

    Returns:
        ``{"losses", "smooth_losses", "grad_norms"}`` per update (nats per character), ``"perplexity"``,
        ``"n_chars"`` trained on, ``"vocab_size"`` and ``"samples"``: ``{temperature: text}``, each
        the text's first character followed by ``sample_length`` generated ones (zero initial state).
    """
    text = load_text(name)
    vocab = Vocab.from_text(text)
    ids = vocab.encode(text)
    params = init_params(vocab.size, hidden_size, seed=seed, dtype=np.float32 if backend == "tf" else np.float64)
    if backend == "tf":
        result = train_tf(params, ids, n_steps=n_steps, seq_len=seq_len, batch_size=batch_size,
                          optimizer=Adam(0.01 if learning_rate is None else learning_rate))
    elif backend == "numpy":
        result = train_numpy(params, ids, n_steps=n_steps, seq_len=seq_len,
                             optimizer=Adagrad(0.1 if learning_rate is None else learning_rate))
    else:
        raise ValueError(f"backend must be 'tf' or 'numpy', got {backend!r}")
    samples = {}
    for temp in temperatures:
        generated = sample(result.params, None, int(ids[0]), sample_length, temperature=temp, seed=seed)
        samples[float(temp)] = text[0] + vocab.decode(generated)
    return {
        "losses": result.losses,
        "smooth_losses": result.smooth_losses,
        "grad_norms": result.grad_norms,
        "perplexity": result.perplexity,
        "n_chars": result.n_chars,
        "vocab_size": vocab.size,
        "samples": samples,
    }
