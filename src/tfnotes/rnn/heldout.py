"""Held-out evaluation: a split of the text, an RNN's loss per character on it, and counting baselines.

A loss measured on the windows the model trains on says how well it fits them, not how well it
predicts text it has not seen. :func:`split_heldout` keeps the end of the text apart; the model
never trains on it, and :func:`char_losses` scores the model on it. On the same held-out part, three
models that only count give the numbers an RNN has to beat (:func:`baseline_losses`):

- **uniform**: every one of the ``V`` characters equally likely (perplexity exactly ``V``);
- **unigram**: each character with its frequency in the training part;
- **bigram**: each character with its frequency *after the previous character* in the training part.

Counts are add-one (Laplace) smoothed: every count starts at 1, so a character that never occurs in
the training part (or never after that previous character) still gets a small probability instead
of zero, and the held-out loss stays finite.

All losses are over the held-out *targets* ``heldout[1:]``, each predicted from what came before,
for the RNN and the counting models alike.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tfnotes._checks import non_negative_float, positive_float, positive_int
from tfnotes.rnn._checks import check_ids, check_params
from tfnotes.rnn.numpy_rnn import forward
from tfnotes.rnn.params import Params


# --8<-- [start:split]
def split_heldout(ids: Any, fraction: float = 0.1) -> tuple[np.ndarray, np.ndarray]:
    """``(train, heldout)``: the text without its last ``fraction``, and that last part."""
    ids = np.asarray(ids)
    if ids.ndim != 1:
        raise ValueError(f"ids must be a 1-D sequence of character ids, got shape {ids.shape}")
    fraction = positive_float("fraction", fraction)
    if fraction >= 1:
        raise ValueError(f"fraction must be below 1, got {fraction}")
    cut = int(round(len(ids) * (1 - fraction)))
    if cut < 2 or len(ids) - cut < 2:
        raise ValueError(f"ids is too short to split: {len(ids)} ids with fraction={fraction} leave "
                         f"{cut} and {len(ids) - cut}; each part needs at least 2")
    return ids[:cut], ids[cut:]
# --8<-- [end:split]


# --8<-- [start:char-losses]
def char_losses(params: Params, ids: Any, h0: Any = None) -> np.ndarray:
    """``-log p(ids[t + 1] | ids[0..t])`` for every ``t``: the RNN reads ``ids`` from ``h0`` (zeros if ``None``).

    Computed from the scores as ``log sum_j exp(y_j) - y_target`` in float64, so a character the model
    has all but ruled out costs a large finite number instead of ``log 0``.
    """
    V, _ = check_params(params)
    ids = check_ids("ids", ids, V)
    if len(ids) < 2:
        raise ValueError(f"ids must have at least 2 ids (one input, one target), got {len(ids)}")
    y = forward(params, ids[:-1], h0).ys.astype(np.float64)
    top = y.max(axis=1)
    log_norm = top + np.log(np.sum(np.exp(y - top[:, None]), axis=1))
    return log_norm - y[np.arange(len(ids) - 1), ids[1:]]
# --8<-- [end:char-losses]


def _counts_args(train: Any, vocab_size: Any, add: Any) -> tuple[np.ndarray, int, float]:
    V = positive_int("vocab_size", vocab_size)
    train = check_ids("train", train, V)
    if len(train) < 2:
        raise ValueError(f"train must have at least 2 ids, got {len(train)}")
    return train, V, non_negative_float("add", add)


# --8<-- [start:ngram]
def unigram(train: Any, vocab_size: int, *, add: float = 1.0) -> np.ndarray:
    """``p[c]``: how often character ``c`` occurs in ``train``, each count plus ``add``."""
    train, V, add = _counts_args(train, vocab_size, add)
    counts = np.bincount(train, minlength=V) + add
    return counts / counts.sum()


def bigram(train: Any, vocab_size: int, *, add: float = 1.0) -> np.ndarray:
    """``p[a, b]``: how often ``b`` follows ``a`` in ``train``, each count plus ``add``; row ``a`` sums to 1."""
    train, V, add = _counts_args(train, vocab_size, add)
    counts = np.full((V, V), add)
    np.add.at(counts, (train[:-1], train[1:]), 1)          # one count per neighbouring pair (a, b)
    return counts / counts.sum(axis=1, keepdims=True)


def baseline_losses(train: Any, heldout: Any, vocab_size: int, *, add: float = 1.0) -> dict[str, float]:
    """Mean loss (nats per character) on ``heldout[1:]`` of the uniform, unigram and bigram models of ``train``."""
    V = positive_int("vocab_size", vocab_size)
    heldout = check_ids("heldout", heldout, V)
    if len(heldout) < 2:
        raise ValueError(f"heldout must have at least 2 ids, got {len(heldout)}")
    prev, target = heldout[:-1], heldout[1:]
    return {
        "uniform": float(np.log(V)),
        "unigram": float(-np.mean(np.log(unigram(train, V, add=add)[target]))),
        "bigram": float(-np.mean(np.log(bigram(train, V, add=add)[prev, target]))),
    }
# --8<-- [end:ngram]
