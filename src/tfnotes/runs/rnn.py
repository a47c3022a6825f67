"""The training runs behind the RNN figures, computed once per build and shared by every figure that needs them.

Each function is :func:`~tfnotes._memo.memo`-cached on disk, keyed on the source of this module and of
every project module it imports (the RNN code), so the figures of both languages use one run, a warm build trains
nothing, and an edit to ``tfnotes/rnn/train.py`` retrains. This module imports neither matplotlib nor the string
table: drawing and wording can change without retraining. The settings are constants below, so the figures can
print the settings they were made with.

The disk cache keeps one result per function (a new key deletes the old file), so each run is a function without
arguments rather than one function called with different arguments.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tfnotes._memo import memo
from tfnotes.rnn import experiments
from tfnotes.rnn.params import init_params
from tfnotes.rnn.texts import load_text
from tfnotes.rnn.train import Adagrad, train_numpy, train_tf
from tfnotes.rnn.vocab import Vocab

# NumPy against TensorFlow: same initial weights, same windows, batch 1, float64, same optimiser and clipping.
# Adagrad's usual 0.1 makes this run chaotic at H = 32: two NumPy runs whose initial weights differ by 1e-13
# differ by 0.1 nats after ~20 updates, so the two implementations' round-off would show. At 0.05 the run is
# stable (and learns faster), and the curves agree to round-off over the whole run.
PARITY = {"text": "shakespeare", "hidden_size": 32, "seq_len": 25, "n_steps": 300, "learning_rate": 0.05,
          "clip_value": 5.0, "seed": 0}
# The tolerance the two loss curves are held to at every update (the figure and the tests check it). It is a chosen
# bound, far above float64 rounding (~1e-16 per operation) and far below any visible difference; the measured
# difference (``parity()["max_loss_diff"]``) is what the page quotes. TensorFlow's float64 results differ from one
# process to the next by ~1e-15 (op scheduling), so the figure draws this fixed bound, not the measured noise.
PARITY_TOLERANCE = 1e-10

# Chaos: two NumPy runs of the PARITY model whose initial weights differ by a random 1e-13 per entry, at
# min-char-rnn's learning rate 0.1 (chaotic at H = 32) and at PARITY's stable 0.05. ``diverged_at`` is the
# first update whose losses differ by more than ``threshold`` nats.
CHAOS = {"perturbation": 1e-13, "chaotic_learning_rate": 0.1, "threshold": 0.01, "seed": 1}

# Character models on the two shipped texts (arguments of experiments.char_model). The 32 KB Shakespeare
# excerpt suits TensorFlow's batches of 32 streams; the 2 KB of Korean poems would give each of 32 streams
# only two windows per pass, so that text trains at batch 1 with the NumPy trainer instead.
# The last HELDOUT of each text is kept out of training and scored every EVAL_EVERY updates; the Shakespeare run
# also samples after the updates of its "snapshot_steps".
TEXT_RUNS = {
    "shakespeare": {"backend": "tf", "hidden_size": 64, "seq_len": 25, "batch_size": 32, "n_steps": 800,
                    "learning_rate": 0.01, "snapshot_steps": (25, 100, 300)},
    "korean-poems": {"backend": "numpy", "hidden_size": 48, "seq_len": 25, "batch_size": 1, "n_steps": 1200,
                     "learning_rate": 0.1},
}
HELDOUT = 0.1
EVAL_EVERY = 50
TEMPERATURES = (0.5, 1.0, 1.5)
SAMPLE_LENGTH = 79  # generated characters after the given first one: 80 characters per sample
SEED = 0


# The "hello" figure: the chapter's first model (V = 5 with the end token), trained by train_hello (plain gradient
# descent, no clipping) for HELLO["n_steps"] updates.
HELLO = {"hidden_size": 8, "n_steps": 100}


@memo
def hello() -> dict[str, Any]:
    """Next-character probabilities on "hello" before and after training (:func:`experiments.hello_softmax`)."""
    return experiments.hello_softmax(hidden_size=HELLO["hidden_size"], n_steps=HELLO["n_steps"], seed=SEED)


# Vanishing and exploding: the same random W_hh rescaled to each spectral radius, with min-char-rnn's small input
# weights (the tanh stays near-linear) and with input weights of standard deviation 1 (saturated, as in a trained
# model). The rate per step is read off each curve from FIT_FROM steps back on, past the first few steps where the
# largest singular value, not the radius, sets the size.
NORMS = {"radii": (0.9, 1.0, 1.1, 1.5, 2.0), "input_scales": (0.01, 1.0), "steps_back": 50, "hidden_size": 100,
         "vocab_size": 58, "fit_from": 10}


@memo
def gradient_norms() -> dict[str, Any]:
    """``‖∂h_T/∂h_{T-k}‖`` against ``k`` for each spectral radius and input scale of :data:`NORMS`."""
    settings = {key: value for key, value in NORMS.items() if key not in ("radii", "fit_from")}
    return experiments.gradient_norms(NORMS["radii"], seed=SEED, **settings)


@memo
def parity() -> dict[str, Any]:
    """The same model trained by :func:`train_numpy` and by :func:`train_tf` (see :data:`PARITY`)."""
    text = load_text(PARITY["text"])
    vocab = Vocab.from_text(text)
    ids = vocab.encode(text)
    params = init_params(vocab.size, PARITY["hidden_size"], seed=PARITY["seed"], dtype=np.float64)
    common = {"n_steps": PARITY["n_steps"], "seq_len": PARITY["seq_len"], "clip_value": PARITY["clip_value"],
              "max_norm": None}
    a = train_numpy(params, ids, optimizer=Adagrad(PARITY["learning_rate"]), **common)
    b = train_tf(params, ids, batch_size=1, optimizer=Adagrad(PARITY["learning_rate"]), **common)
    return {
        "numpy": a.losses,
        "tf": b.losses,
        "max_loss_diff": float(np.max(np.abs(a.losses - b.losses))),
        "max_param_diff": float(max(np.max(np.abs(a.params[k] - b.params[k])) for k in params)),
        "vocab_size": vocab.size,
    }


@memo
def chaos() -> dict[str, Any]:
    """Two NumPy runs of the :data:`PARITY` model from initial weights a random :data:`CHAOS` ``perturbation`` apart,
    at the chaotic and at the stable learning rate: how far their losses drift apart."""
    text = load_text(PARITY["text"])
    vocab = Vocab.from_text(text)
    ids = vocab.encode(text)
    params = init_params(vocab.size, PARITY["hidden_size"], seed=PARITY["seed"], dtype=np.float64)
    rng = np.random.default_rng(CHAOS["seed"])
    nudged = {k: v + CHAOS["perturbation"] * rng.standard_normal(v.shape) for k, v in params.items()}
    out: dict[str, Any] = {}
    for key, lr in (("chaotic", CHAOS["chaotic_learning_rate"]), ("stable", PARITY["learning_rate"])):
        runs = [train_numpy(p, ids, n_steps=PARITY["n_steps"], seq_len=PARITY["seq_len"], optimizer=Adagrad(lr),
                            clip_value=PARITY["clip_value"]) for p in (params, nudged)]
        diff = np.abs(runs[0].losses - runs[1].losses)
        over = np.flatnonzero(diff > CHAOS["threshold"])
        out[key] = {"learning_rate": lr, "loss_diff": diff, "max_loss_diff": float(diff.max()),
                    "diverged_at": int(over[0]) + 1 if len(over) else None}
    return out


@memo
def text_runs() -> dict[str, dict[str, Any]]:
    """:func:`experiments.char_model` on each shipped text with the settings of :data:`TEXT_RUNS`."""
    return {name: experiments.char_model(name, temperatures=TEMPERATURES, sample_length=SAMPLE_LENGTH, seed=SEED,
                                         heldout=HELDOUT, eval_every=EVAL_EVERY, **settings)
            for name, settings in TEXT_RUNS.items()}
