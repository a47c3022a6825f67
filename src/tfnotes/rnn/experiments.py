"""The numbers behind the chapter's RNN figures (no plotting here: the figure code draws these).

- :func:`gradient_norms`: how ``‖∂h_T/∂h_{T-k}‖`` shrinks or grows with the number of steps ``k``
  for recurrent matrices of several spectral radii, with small and with large input weights
  (vanishing/exploding gradients); :func:`growth_rate` reads the factor per step off such a curve.
- :func:`clipping_example`, :func:`truncation_windows`: the numbers of the clipping and truncation diagrams.
- :func:`hello_softmax`: the per-step next-character probabilities on "hello" before and after
  training.
- :func:`char_model`: train a character model on a shipped text; training and held-out loss curves,
  samples at several temperatures and during training.

Everything is seeded: the same arguments give the same numbers.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tfnotes._checks import positive_float, positive_int, seed_value
from tfnotes.rnn.heldout import char_losses, split_heldout
from tfnotes.rnn.numpy_rnn import forward, sample
from tfnotes.rnn.params import Params, init_params
from tfnotes.rnn.texts import load_text
from tfnotes.rnn.train import (Adagrad, Adam, clip_by_global_norm, clip_elementwise, train_hello, train_numpy,
                               train_tf)
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

    Backpropagation multiplies by one factor per step, ``∂h_t/∂h_{t-1} = D_t W_hh`` with
    ``D_t = diag(1 - h_t²)``; the product of ``k`` such factors, the latest step on the left,
    ``D_T W_hh · D_{T-1} W_hh ⋯ D_{T-k+1} W_hh``, is what reaches ``k`` steps back.
    """
    hs = forward(params, inputs, h0).hs           # hs[t] = h_t, hs[0] = h0
    T = len(hs) - 1
    J = np.eye(hs.shape[1])                       # ∂h_T/∂h_T
    norms = [1.0]
    for k in range(1, T + 1):
        t = T - k + 1
        J = J @ (np.diag(1 - hs[t] ** 2) @ params["W_hh"])   # one factor more on the right: ∂h_T/∂h_{T-k}
        norms.append(np.linalg.norm(J, 2))
    return np.array(norms)
# --8<-- [end:jacobian-norms]


def gradient_norms(radii: tuple[float, ...] = (0.9, 1.0, 1.1), *, input_scales: tuple[float, ...] = (0.01,),
                   steps_back: int = 50, hidden_size: int = 100, vocab_size: int = 58,
                   seed: int = 0) -> dict[str, Any]:
    """``‖∂h_T/∂h_{T-k}‖`` against ``k`` for one recurrent matrix per spectral radius and input scale.

    The RNN gets a random character sequence of length ``steps_back``; only ``W_hh`` (the same random
    matrix rescaled to each radius) and the standard deviation of the input weights ``W_xh`` change.
    With ``min-char-rnn``'s small input weights (``0.01``) the inputs barely move the state, ``tanh`` stays
    near its linear part and ``diag(1 - h_t²) ≈ I``; with input weights of standard deviation 1, as in a
    trained model, the inputs push the state into saturation and the ``tanh`` factors shrink the product.

    Returns:
        ``{"k": array of 0..steps_back, "norms": {(scale, radius): array of norms},
        "max_abs_h": {(scale, radius): largest |h_t| of the forward pass},
        "min_slope": {(scale, radius): smallest tanh derivative 1 - h_t²},
        "sigma_max": {radius: largest singular value of W_hh}}``.
    """
    K = positive_int("steps_back", steps_back)
    scales = tuple(positive_float("input_scales", s) for s in input_scales)
    if not scales:
        raise ValueError("input_scales must name at least one scale")
    inputs = np.random.default_rng(seed_value("seed", seed)).integers(0, vocab_size, size=K)
    norms, max_abs_h, min_slope, sigma_max = {}, {}, {}, {}
    for scale in scales:
        params = init_params(vocab_size, hidden_size, seed=seed, scale=scale)
        for radius in radii:
            params["W_hh"] = recurrent_matrix(hidden_size, radius, seed=seed)
            hs = forward(params, inputs).hs[1:]
            key = (float(scale), float(radius))
            norms[key] = jacobian_norms(params, inputs)
            max_abs_h[key] = float(np.max(np.abs(hs)))
            min_slope[key] = float(np.min(1 - hs ** 2))
            sigma_max[float(radius)] = float(np.linalg.norm(params["W_hh"], 2))
    return {"k": np.arange(K + 1), "norms": norms, "max_abs_h": max_abs_h, "min_slope": min_slope,
            "sigma_max": sigma_max}


def growth_rate(norms: Any, start: int) -> float:
    """The factor per step of the straight line fitted to ``log(norms[k])`` for ``k >= start``.

    On a log axis exponential change ``c·r^k`` is a straight line of slope ``log r``; this returns ``r``.
    """
    norms = np.asarray(norms, dtype=float)
    start = positive_int("start", start)
    if start > len(norms) - 2:
        raise ValueError(f"start must leave at least two norms to fit, got {start} for {len(norms)} norms")
    k = np.arange(start, len(norms))
    return float(np.exp(np.polyfit(k, np.log(norms[start:]), 1)[0]))


def clipping_example(gradient: tuple[float, float] = (3.6, 1.2), limit: float = 1.5) -> dict[str, float]:
    """One 2-D gradient clipped both ways at ``limit``: the clipped vectors, their lengths and directions (degrees)."""
    g = {"g": np.asarray(gradient, dtype=float)}
    if g["g"].shape != (2,):
        raise ValueError(f"gradient must be two numbers, got {gradient!r}")
    elem, norm = clip_elementwise(g, limit)
    glob, _ = clip_by_global_norm(g, limit)

    def angle(v: np.ndarray) -> float:
        return float(np.degrees(np.arctan2(v[1], v[0])))

    e, n = elem["g"], glob["g"]
    return {"g1": float(g["g"][0]), "g2": float(g["g"][1]), "limit": float(limit), "norm": norm,
            "angle": angle(g["g"]), "elem1": float(e[0]), "elem2": float(e[1]), "elem_angle": angle(e),
            "elem_norm": float(np.linalg.norm(e)), "norm1": float(n[0]), "norm2": float(n[1]),
            "norm_angle": angle(n), "norm_norm": float(np.linalg.norm(n))}


def truncation_windows(name: str = "shakespeare", *, seq_len: int = 6, n_windows: int = 4) -> list[str]:
    """The first ``n_windows`` windows of ``seq_len`` characters of a shipped text (the truncated-BPTT diagram)."""
    T = positive_int("seq_len", seq_len)
    n = positive_int("n_windows", n_windows)
    text = load_text(name)[: T * n]
    return [text[w * T:(w + 1) * T] for w in range(n)]


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


class _Watched:
    """An optimizer that, after each update, also shows the live parameters to ``watch(step, params)``.

    The trainers call nothing but ``update(params, grads)``, so wrapping the optimizer looks at a run
    while it trains (held-out loss, samples) without a change to the training loop.
    """

    def __init__(self, optimizer: Adagrad | Adam, watch: Any) -> None:
        self.optimizer, self.watch, self.steps = optimizer, watch, 0

    def update(self, params: Params, grads: Params) -> None:
        self.optimizer.update(params, grads)
        self.steps += 1
        self.watch(self.steps, params)


def char_model(name: str = "shakespeare", *, backend: str = "tf", hidden_size: int = 64, seq_len: int = 25,
               batch_size: int = 32, n_steps: int = 800, learning_rate: float | None = None,
               temperatures: tuple[float, ...] = (0.5, 1.0, 1.5), sample_length: int = 200,
               heldout: float | None = 0.1, eval_every: int = 50, snapshot_steps: tuple[int, ...] = (),
               snapshot_temperature: float = 1.0, seed: int = 0) -> dict[str, Any]:
    """Train a character model on a shipped text, score it on held-out text and sample from it.

    The last ``heldout`` fraction of the text (:func:`tfnotes.rnn.heldout.split_heldout`) is kept out
    of training; every ``eval_every`` updates the model's mean loss on it is measured
    (:func:`tfnotes.rnn.heldout.char_losses`, read from a zero state). The vocabulary is built from the
    whole text, so every held-out character has an id; one that never occurs in the training part has
    only ever been a wrong answer during training. ``heldout=None`` trains on the whole text.

    The default (``backend="tf"``, H = 64, batches of 32 windows of 25 characters, 800 updates, about
    20 passes over the 32 KB Shakespeare excerpt) takes about 10 s on 2 CPU cores, 6 s of which
    are TensorFlow's import. ``backend="numpy"`` is min-char-rnn (batch 1, Adagrad); raise ``n_steps`` and
    ``hidden_size`` for better text.

    Returns:
        ``{"losses", "smooth_losses", "grad_norms"}`` per update (nats per character), ``"perplexity"``
        (``exp`` of the last smoothed training loss), ``"n_chars"`` trained on, ``"vocab_size"``,
        ``"samples"``: ``{temperature: text}``, each the text's first character followed by
        ``sample_length`` generated ones (zero initial state), and ``"snapshots"``: ``{update: text}``,
        samples at ``snapshot_temperature`` taken after the updates in ``snapshot_steps``. With a
        held-out part also ``"n_train"``, ``"n_heldout"`` (characters), ``"eval_steps"`` and
        ``"val_losses"`` (mean held-out loss after those updates), ``"train_loss"`` and ``"val_loss"``
        (final model, one pass over each part from a zero state), ``"val_loss_sd"`` (spread of the
        held-out loss per character), and ``"unseen"`` (held-out targets
        whose character never occurs in the training part), ``"unseen_distinct"``, ``"unseen_loss"``
        and ``"seen_loss"`` (mean loss on those targets and on the others).
    """
    text = load_text(name)
    vocab = Vocab.from_text(text)
    ids = vocab.encode(text)
    train_ids, heldout_ids = (ids, None) if heldout is None else split_heldout(ids, heldout)
    every = positive_int("eval_every", eval_every)
    wanted = {positive_int("snapshot_steps", s) for s in snapshot_steps}
    snap_temp = positive_float("snapshot_temperature", snapshot_temperature)
    eval_steps, val_losses, snapshots = [], [], {}

    def watch(step: int, params: Params) -> None:
        if heldout_ids is not None and step % every == 0:
            eval_steps.append(step)
            val_losses.append(float(np.mean(char_losses(params, heldout_ids))))
        if step in wanted:
            generated = sample(params, None, int(ids[0]), sample_length, temperature=snap_temp, seed=seed)
            snapshots[step] = text[0] + vocab.decode(generated)

    params = init_params(vocab.size, hidden_size, seed=seed, dtype=np.float32 if backend == "tf" else np.float64)
    if backend == "tf":
        optimizer = _Watched(Adam(0.01 if learning_rate is None else learning_rate), watch)
        result = train_tf(params, train_ids, n_steps=n_steps, seq_len=seq_len, batch_size=batch_size,
                          optimizer=optimizer)
    elif backend == "numpy":
        optimizer = _Watched(Adagrad(0.1 if learning_rate is None else learning_rate), watch)
        result = train_numpy(params, train_ids, n_steps=n_steps, seq_len=seq_len, optimizer=optimizer)
    else:
        raise ValueError(f"backend must be 'tf' or 'numpy', got {backend!r}")
    samples = {}
    for temp in temperatures:
        generated = sample(result.params, None, int(ids[0]), sample_length, temperature=temp, seed=seed)
        samples[float(temp)] = text[0] + vocab.decode(generated)
    out = {
        "losses": result.losses,
        "smooth_losses": result.smooth_losses,
        "grad_norms": result.grad_norms,
        "clip_scales": result.clip_scales,
        "perplexity": result.perplexity,
        "n_chars": result.n_chars,
        "vocab_size": vocab.size,
        "samples": samples,
        "snapshots": snapshots,
    }
    if heldout_ids is not None:
        val = char_losses(result.params, heldout_ids)
        unseen = ~np.isin(heldout_ids[1:], train_ids)
        out.update({
            "n_train": len(train_ids), "n_heldout": len(heldout_ids),
            "eval_steps": np.array(eval_steps), "val_losses": np.array(val_losses),
            "train_loss": float(np.mean(char_losses(result.params, train_ids))), "val_loss": float(np.mean(val)),
            "val_loss_sd": float(np.std(val)),
            "unseen": int(unseen.sum()), "unseen_distinct": len(set(heldout_ids[1:][unseen].tolist())),
            "unseen_loss": float(np.mean(val[unseen])) if unseen.any() else float("nan"),
            "seen_loss": float(np.mean(val[~unseen])),
        })
    return out
