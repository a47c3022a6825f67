"""Numbers quoted on the three-implementations page (docs/rnn/three-ways.*.md) and its figure texts.

- ``rnn-three-ways``: the comparison of ``snippets/rnn_three_ways.py`` (the same computation; a test checks that
  the snippet prints these numbers) and the rounding levels of float64 and float32.
- ``rnn-parity``: NumPy against TensorFlow over a whole training run (figure ``rnn-loss-curves``).
- ``rnn-chaos``: why that comparison needs a stable learning rate.
"""

from __future__ import annotations

import numpy as np

from tfnotes.rnn import keras_rnn, numpy_rnn, tf_rnn
from tfnotes.rnn.params import PARAM_KEYS, init_params
from tfnotes.rnn.vocab import hello_task
from tfnotes.runs import rnn as runs
from tfnotes.values import value

# The snippet's model: "hello", H = 8, seed 0, weights of standard deviation 0.5, float64.
SNIPPET = {"hidden_size": 8, "seed": 0, "scale": 0.5}


@value("rnn-three-ways")
def three_ways() -> dict:
    """Largest differences between the implementations on "hello" (as the snippet prints them)."""
    vocab, inputs, targets = hello_task()
    params = init_params(vocab.size, SNIPPET["hidden_size"], seed=SNIPPET["seed"], scale=SNIPPET["scale"])
    logits_np = numpy_rnn.forward(params, inputs).ys
    loss_np, grads_np, h_np = numpy_rnn.loss_and_grads(params, inputs, targets)
    loss_tf, grads_tf, h_tf = tf_rnn.loss_and_grads(params, inputs, targets)
    logits_keras = keras_rnn.logits(keras_rnn.model_from_params(params), inputs)
    p_keras = numpy_rnn.softmax(logits_keras)
    loss_keras = -np.sum(np.log(p_keras[np.arange(len(targets)), targets]))
    gaps = {
        "logits_gap": float(np.max(np.abs(logits_np - logits_keras))),
        "grad_gap": float(max(np.max(np.abs(grads_np[k] - grads_tf[k])) for k in PARAM_KEYS)),
        "h_gap": float(np.max(np.abs(h_np - h_tf))),
        "loss_gap_tf": float(abs(loss_np - loss_tf)),
        "loss_gap_keras": float(abs(loss_np - loss_keras)),
    }
    nonzero = [v for v in gaps.values() if v > 0]
    return {
        **gaps,
        "loss": float(loss_np),
        "hidden_size": SNIPPET["hidden_size"],
        "smallest_gap": min(nonzero),          # the range the page quotes: from the smallest non-zero gap ...
        "largest_gap": max(gaps.values()),     # ... to the largest
        "eps64": float(np.finfo(np.float64).eps),   # spacing of float64 numbers near 1
        "eps32": float(np.finfo(np.float32).eps),
    }


@value("rnn-parity")
def parity() -> dict:
    """The NumPy and TensorFlow training runs of figure ``rnn-loss-curves``: settings, tolerance, measured gap."""
    res, cfg = runs.parity(), runs.PARITY
    return {
        "hidden_size": cfg["hidden_size"], "seq_len": cfg["seq_len"], "n_steps": cfg["n_steps"],
        "learning_rate": cfg["learning_rate"], "clip_value": cfg["clip_value"], "batch_size": 1,
        "tolerance": runs.PARITY_TOLERANCE,
        "max_loss_diff": res["max_loss_diff"], "max_param_diff": res["max_param_diff"],
        "first_loss": float(res["numpy"][0]), "last_loss": float(res["numpy"][-1]),
        "uniform_loss": float(np.log(res["vocab_size"])),
        "within_tolerance": bool(res["max_loss_diff"] < runs.PARITY_TOLERANCE),
    }


@value("rnn-chaos")
def chaos() -> dict:
    """Initial weights a tiny random amount apart: at the chaotic learning rate the losses part, at the stable one
    they do not."""
    res, cfg = runs.chaos(), runs.CHAOS
    chaotic, stable = res["chaotic"], res["stable"]
    return {
        "perturbation": cfg["perturbation"], "threshold": cfg["threshold"],
        "chaotic_learning_rate": chaotic["learning_rate"], "stable_learning_rate": stable["learning_rate"],
        "chaotic_diverged_at": chaotic["diverged_at"] if chaotic["diverged_at"] is not None else 0,
        "chaotic_max_diff": chaotic["max_loss_diff"], "stable_max_diff": stable["max_loss_diff"],
        "stable_diverged": stable["diverged_at"] is not None, "chaotic_diverged": chaotic["diverged_at"] is not None,
        "n_steps": runs.PARITY["n_steps"],
    }
