"""Numbers quoted by the first RNN pages: the cell, the "hello" example, loss and sampling, and the gradient check.

Settings are read from the code that uses them (the defaults of ``init_params``, ``train_hello`` and
``check_finite_differences``, the shared run settings in :mod:`tfnotes.runs.rnn`), results from the same
computations the figures and the page examples make. Where a page example (a snippet) has its own literal settings,
the constants below repeat them and ``tests/claims/test_rnn_basics_claims.py`` checks that the two agree and that
the snippet prints what these functions compute.
"""

from __future__ import annotations

import functools
import inspect
import math

import numpy as np

from tfnotes.rnn import gradcheck
from tfnotes.rnn.numpy_rnn import forward, loss_and_grads, predict, sample, softmax
from tfnotes.rnn.params import count_params, init_params
from tfnotes.rnn.texts import load_text
from tfnotes.rnn.train import train_hello
from tfnotes.rnn.vocab import END, Vocab, hello_task
from tfnotes.runs import rnn as runs
from tfnotes.values import value

# snippets/rnn_hello.py: hidden units, learning rate, seed and the most updates it runs.
HELLO_SNIPPET = {"hidden_size": 8, "learning_rate": 0.2, "seed": 0, "max_updates": 200}
# snippets/rnn_cross_entropy.py and rnn_temperature.py: the trained model both use.
HELLO_TRAINED = {"hidden_size": 8, "n_steps": 300, "seed": 0}
# snippets/rnn_temperature.py: the temperatures of the table and of the samples, and the samples per temperature.
TABLE_TEMPERATURES = (0.5, 1.0, 2.0, 5.0)
SAMPLE_TEMPERATURES = (1.0, 2.0, 3.0)
SAMPLES_PER_TEMPERATURE = 4
# snippets/bptt_gradcheck.py: vocabulary, hidden units, time steps, weight scale, seed, scale of h0.
GRADCHECK = {"V": 6, "H": 5, "T": 8, "scale": 0.5, "seed": 0, "h0_scale": 0.5}
SMALL_SCALE = 0.01  # min-char-rnn's initial scale: the weights at which some bugs hide
BUG_FLOOR = 1e-6    # a parameter whose error is above this is "wrong" (rounding sits near 1e-10 and below)


@functools.cache  # the trained model three values quote: trained once per build
def _trained_hello():
    return train_hello(**HELLO_TRAINED)


def _default(fn, name: str):
    return inspect.signature(fn).parameters[name].default


def _ids(ids) -> str:
    return "[" + ", ".join(str(int(i)) for i in ids) + "]"


@value("rnn-hello")
def hello() -> dict:
    """The "hello" task and model: sizes, ids, the memoryless bound, and the figure's probabilities."""
    vocab, inputs, targets = hello_task(end=True)
    vocab4, inputs4, _ = hello_task(end=False)
    H = runs.HELLO["hidden_size"]
    params = init_params(vocab.size, H)
    # A model that sees only the current character: for each input character, the best it can do is the share of
    # the most common target after it (argmax), and the entropy of its targets (loss).
    correct, bound = 0, 0.0
    for ch in np.unique(inputs):
        _, counts = np.unique(targets[inputs == ch], return_counts=True)
        correct += int(counts.max())
        bound += float(-np.sum(counts * np.log(counts / counts.sum())))
    fig = runs.hello()
    T = len(inputs)
    before = fig["before"][np.arange(T), [fig["symbols"].index(c) for c in fig["targets"]]]
    after = fig["after"][np.arange(T), [fig["symbols"].index(c) for c in fig["targets"]]]
    _, result = _trained_hello()
    ids = {"id_" + ("end" if sym == END else sym): i for i, sym in enumerate(vocab.symbols)}
    l_steps = [int(t) + 1 for t in np.flatnonzero(inputs == vocab.encode("l")[0])]   # numbered from 1
    return {
        **ids, "l_step_a": l_steps[0], "l_step_b": l_steps[1],
        "V": vocab.size, "H": H, "T": T, "n_params": count_params(params),
        "uniform": 1 / vocab.size,
        "init_scale": _default(init_params, "scale"),
        "inputs": _ids(inputs), "targets": _ids(targets), "end_id": vocab.end_id,
        "first_id": 0, "last_id": vocab.size - 1,
        "V_no_end": vocab4.size, "T_no_end": len(inputs4),
        "l_targets": int(np.sum(targets == vocab.encode("l")[0])),
        "memoryless_correct": correct, "memoryless_loss": bound,
        "learning_rate": _default(train_hello, "learning_rate"),
        "fig_updates": len(fig["losses"]),
        "fig_before_min": float(before.min()), "fig_before_max": float(before.max()),
        "fig_before_dev": float(np.max(np.abs(fig["before"] - 1 / vocab.size))),   # over every bar, not only targets
        "fig_after_min": float(after.min()), "fig_after_max": float(after.max()),
        "trained_updates": HELLO_TRAINED["n_steps"],
        "trained_max_norm": float(np.max(result.grad_norms)),  # global norm, before any clipping
    }


def hello_descent() -> dict:
    """What snippets/rnn_hello.py does: plain gradient descent until every step's argmax is its target."""
    s = HELLO_SNIPPET
    vocab, inputs, targets = hello_task()
    params = init_params(vocab.size, s["hidden_size"], seed=s["seed"])
    loss, grads, _ = loss_and_grads(params, inputs, targets)
    losses, largest = [loss], 0.0
    for update in range(1, s["max_updates"] + 1):
        largest = max(largest, max(float(np.max(np.abs(g))) for g in grads.values()))
        for key in params:
            params[key] -= s["learning_rate"] * grads[key]
        loss, grads, _ = loss_and_grads(params, inputs, targets)
        losses.append(loss)
        guess = predict(params, inputs)
        if (guess == targets).all():
            break
    ps = forward(params, inputs).ps[np.arange(len(inputs)), guess]
    return {"params": params, "losses": losses, "updates": update, "solved": bool((guess == targets).all()),
            "p_min": float(ps.min()), "p_max": float(ps.max()), "largest_entry": largest}


@value("rnn-hello-run")
def hello_run() -> dict:
    """The first training run of the chapter (snippets/rnn_hello.py), as the page describes it."""
    run = hello_descent()
    return {
        "learning_rate": HELLO_SNIPPET["learning_rate"], "updates": run["updates"],
        "first_loss": run["losses"][0], "last_loss": run["losses"][-1],
        "p_min": run["p_min"], "p_max": run["p_max"],
        "largest_entry": run["largest_entry"],
    }


@value("rnn-loss")
def loss_numbers() -> dict:
    """Loss and sampling: the uniform yardsticks, the trained "hello" model, and temperature."""
    vocab, inputs, targets = hello_task()
    T = len(inputs)
    text = Vocab.from_text(load_text("shakespeare"))
    untrained = init_params(vocab.size, HELLO_TRAINED["hidden_size"], seed=HELLO_TRAINED["seed"])
    _, result = _trained_hello()
    p_before = forward(untrained, inputs).ps[np.arange(T), targets]
    p_after = forward(result.params, inputs).ps[np.arange(T), targets]
    loss_after = loss_and_grads(result.params, inputs, targets)[0]
    y = forward(result.params, vocab.encode("hell")).ys[-1]
    o = vocab.encode("o")[0]
    low, high = min(TABLE_TEMPERATURES), max(TABLE_TEMPERATURES)
    return {
        "V": vocab.size, "ln_v": math.log(vocab.size),
        "text_v": text.size, "ln_text_v": math.log(text.size),
        "bits_per_nat": 1 / math.log(2),
        "before_dev": float(np.max(np.abs(p_before - 1 / vocab.size))),
        "after_p_min": float(p_after.min()), "after_nll_max": float(-np.log(p_after).max()),
        "after_perplexity": math.exp(loss_after / T),
        "p_o_low": float(softmax(y / low)[o]), "p_not_o_low": float(1 - softmax(y / low)[o]), "tau_low": low,
        "p_o_high": float(softmax(y / high)[o]), "tau_high": high,
    }


def temperature_samples() -> dict[float, list[str]]:
    """The words snippets/rnn_temperature.py samples from 'h' at each temperature."""
    vocab, result = _trained_hello()
    h = vocab.encode("h")[0]
    return {tau: ["h" + vocab.decode(sample(result.params, None, h, 5, temperature=tau, seed=s))
                  for s in range(SAMPLES_PER_TEMPERATURE)] for tau in SAMPLE_TEMPERATURES}


def gradcheck_problem(scale: float | None = None):
    """The problem of snippets/bptt_gradcheck.py: ``(params, inputs, targets, h0)``, float64."""
    g = GRADCHECK
    rng = np.random.default_rng(g["seed"])
    params = init_params(g["V"], g["H"], seed=g["seed"], scale=g["scale"] if scale is None else scale)
    inputs, targets = rng.integers(0, g["V"], size=g["T"]), rng.integers(0, g["V"], size=g["T"])
    h0 = rng.normal(scale=g["h0_scale"], size=g["H"])
    return params, inputs, targets, h0


def bug_errors(scale: float | None = None) -> dict[str, dict[str, float]]:
    """``{bug: {parameter: relative error against central differences}}`` on :func:`gradcheck_problem`."""
    params, inputs, targets, h0 = gradcheck_problem(scale)

    def loss(p):
        return loss_and_grads(p, inputs, targets, h0)[0]

    eps = _default(gradcheck.check_finite_differences, "eps")
    numeric = {key: np.array([gradcheck.central_difference(loss, params, key, i, eps)
                              for i in range(params[key].size)]).reshape(params[key].shape) for key in params}
    return {bug: {key: gradcheck.relative_error(g, numeric[key]) for key, g in
                  gradcheck.gradients_with_bug(params, inputs, targets, h0, bug=bug).items()}
            for bug in gradcheck.BUGS}


@value("rnn-gradcheck")
def gradcheck_numbers() -> dict:
    """The gradient-check page: its settings, the measured agreement, and what the planted bugs do."""
    params, inputs, targets, h0 = gradcheck_problem()
    finite = gradcheck.check_finite_differences(params, inputs, targets, h0)
    tape = gradcheck.check_gradient_tape(params, inputs, targets, h0)
    eps = _default(gradcheck.check_finite_differences, "eps")
    u64, u32 = float(np.finfo(np.float64).eps), float(np.finfo(np.float32).eps)
    bugs = bug_errors()
    small = bug_errors(SMALL_SCALE)
    wrong = [e for errors in bugs.values() for e in errors.values() if e > BUG_FLOOR]
    return {
        **{key: GRADCHECK[key] for key in ("V", "H", "T", "scale")},
        "eps": eps, "u64": u64, "u32": u32,
        "eps_balance": u64 ** (1 / 3),             # where eps² (truncation) meets u/eps (cancellation)
        "expected_error": u64 ** (2 / 3),          # the size of both terms there
        "fd_max": max(finite.values()), "fd_min": min(finite.values()),
        "tape_max": max(tape[key] for key in finite),
        "n_params": count_params(params),
        "bug_min": min(wrong), "bug_max": max(wrong),
        "right_max": max(e for errors in bugs.values() for e in errors.values() if e <= BUG_FLOOR),
        "small_scale": SMALL_SCALE,
        "small_tanh_of_a": max(small["tanh-of-a"].values()),
        "small_carry_skips_tanh": max(small["carry-skips-tanh"].values()),
    }


@value("rnn-softmax")
def softmax_numbers() -> dict:
    """The cell page: the largest score whose exponential float64 can hold (why the softmax subtracts the max)."""
    return {"overflow": math.log(np.finfo(np.float64).max)}
