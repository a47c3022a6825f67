"""What the first RNN pages say (cell, "hello" example, loss and sampling, BPTT, gradient check), checked against the
values they quote (tfnotes.values.rnn_basics) and against the page examples' own output."""

from __future__ import annotations

import inspect
import math
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tfnotes.rnn import gradcheck
from tfnotes.rnn.numpy_rnn import _forward, forward, loss_and_grads, predict, sample, softmax, step
from tfnotes.rnn.params import PARAM_KEYS, count_params, init_params
from tfnotes.rnn.texts import load_text
from tfnotes.rnn.train import SGD, train_hello, train_numpy
from tfnotes.rnn.vocab import Vocab, hello_task
from tfnotes.values import get, rnn_basics

ROOT = Path(__file__).resolve().parents[2]
NUMBER = r"(-?\d+\.\d+(?:e[-+]\d+)?)"


def run_snippet(name: str) -> str:
    done = subprocess.run([sys.executable, f"snippets/{name}"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def snippet_source(name: str) -> str:
    return (ROOT / "snippets" / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def hello():
    return get("rnn-hello")


@pytest.fixture(scope="module")
def run():
    return get("rnn-hello-run")


@pytest.fixture(scope="module")
def losses():
    return get("rnn-loss")


@pytest.fixture(scope="module")
def check():
    return get("rnn-gradcheck")


# --- The cell -------------------------------------------------------------------------------------------------------

@pytest.mark.covers("src/tfnotes/rnn/numpy_rnn.py:softmax")
def test_softmax_shift_keeps_exp_finite_where_the_plain_formula_overflows():
    limit = get("rnn-softmax")["overflow"]
    with np.errstate(over="ignore"):
        assert np.isinf(np.exp(np.float64(limit + 0.01))) and np.isfinite(np.exp(np.float64(limit - 0.01)))
        y = np.array([limit + 10, limit + 9, 0.0])
        assert np.isinf(np.exp(y)).any()                      # the unshifted softmax would divide inf by inf
    p = softmax(y)
    assert np.all(np.isfinite(p)) and p.sum() == pytest.approx(1)
    np.testing.assert_allclose(softmax(y - 5), p)             # shifting the scores changes nothing


@pytest.mark.covers("src/tfnotes/rnn/numpy_rnn.py:step", "src/tfnotes/rnn/numpy_rnn.py:forward")
def test_forward_numbers_xs_from_0_and_hs_from_h0(hello):
    vocab, inputs, _ = hello_task()
    params = init_params(vocab.size, hello["H"], seed=3, scale=0.5)
    h0 = np.linspace(-0.5, 0.5, hello["H"])
    fwd = _forward(params, inputs, h0)
    np.testing.assert_array_equal(fwd.xs, np.eye(vocab.size)[inputs])   # xs[t] is x_{t+1}: the (t+1)-th input
    assert fwd.hs.shape == (len(inputs) + 1, hello["H"]) and np.array_equal(fwd.hs[0], h0)
    for t in range(len(inputs)):
        h, y = step(params, fwd.xs[t], fwd.hs[t])
        np.testing.assert_array_equal(fwd.hs[t + 1], h)
        np.testing.assert_allclose(h, np.tanh(params["W_xh"][:, inputs[t]] + params["W_hh"] @ fwd.hs[t]
                                               + params["b_h"]))   # W_xh x_t is a column of W_xh
        np.testing.assert_array_equal(fwd.ys[t], y)
        np.testing.assert_allclose(fwd.ps[t], softmax(y))


@pytest.mark.covers("snippets/rnn_shapes.py")
def test_shapes_snippet_prints_the_sizes_the_cell_page_quotes(hello):
    out = run_snippet("rnn_shapes.py")
    V, H = hello["V"], hello["H"]
    assert f"total: {hello['n_params']} (H*V + H*H + V*H + H + V = {H * V + H * H + V * H + H + V})" in out
    assert hello["n_params"] == H * V + H * H + V * H + H + V
    assert f"xs ({hello['T']}, {V}), hs ({hello['T'] + 1}, {H})" in out
    assert re.search(r"V, H = vocab\.size, (\d+)", snippet_source("rnn_shapes.py")).group(1) == str(H)


# --- The "hello" example --------------------------------------------------------------------------------------------

def test_hello_values_are_the_task_and_the_model(hello):
    vocab, inputs, targets = hello_task()
    assert hello["V"] == vocab.size and hello["T"] == len(inputs)
    assert [hello[f"id_{s}"] for s in ("h", "e", "l", "o", "end")] == list(range(vocab.size))
    assert hello["inputs"] == str(inputs.tolist()) and hello["targets"] == str(targets.tolist())
    assert hello["end_id"] == vocab.end_id == vocab.size - 1
    v4, i4, _ = hello_task(end=False)
    assert (hello["V_no_end"], hello["T_no_end"]) == (v4.size, len(i4)) == (vocab.size - 1, len(inputs) - 1)
    assert hello["n_params"] == count_params(init_params(vocab.size, hello["H"]))
    assert hello["init_scale"] == inspect.signature(init_params).parameters["scale"].default
    assert [inputs[hello["l_step_a"] - 1], inputs[hello["l_step_b"] - 1]] == list(vocab.encode("ll"))
    assert targets[hello["l_step_a"] - 1] != targets[hello["l_step_b"] - 1]      # same input, different answers


def test_a_memoryless_model_is_bounded_by_2ln2_and_misses_one_step(hello):
    assert hello["memoryless_loss"] == pytest.approx(2 * math.log(2))
    assert hello["memoryless_correct"] == hello["T"] - 1
    assert hello["l_targets"] == 2                                                 # the two l steps' shares: ½ each


def test_hello_figure_goes_from_uniform_to_confident(hello):
    assert hello["fig_before_dev"] < 1e-3                                          # "about 1/V"
    assert hello["fig_before_min"] == pytest.approx(hello["uniform"], abs=1e-3)
    assert hello["fig_after_min"] > 0.9                                            # every green bar


def test_train_hello_is_plain_unclipped_gradient_descent():
    vocab, inputs, targets = hello_task()
    lr = inspect.signature(train_hello).parameters["learning_rate"].default
    params = init_params(vocab.size, 8, seed=0)
    for _ in range(20):
        _, grads, _ = loss_and_grads(params, inputs, targets)
        for key in params:
            params[key] -= lr * grads[key]
    _, result = train_hello(n_steps=20, seed=0)
    for key in PARAM_KEYS:
        np.testing.assert_allclose(result.params[key], params[key], rtol=1e-12, atol=1e-15)


def test_plain_gradient_descent_learns_hello_from_every_seed():
    """D17: the first example needs neither Adagrad nor clipping."""
    vocab, inputs, targets = hello_task()
    clip = inspect.signature(train_numpy).parameters["clip_value"].default
    for seed in range(12):
        _, result = train_hello(n_steps=100, seed=seed)
        assert np.array_equal(predict(result.params, inputs), targets), seed
        assert np.max(result.grad_norms) < clip, seed                             # clipping would never have fired


@pytest.mark.covers("snippets/rnn_hello.py")
def test_hello_snippet_prints_the_loss_after_each_update_beside_its_prediction(hello, run):
    src = snippet_source("rnn_hello.py")
    s = rnn_basics.HELLO_SNIPPET
    assert f"learning_rate = {s['learning_rate']}" in src and run["learning_rate"] == s["learning_rate"]
    assert f"init_params(vocab.size, hidden_size={s['hidden_size']}, seed={s['seed']})" in src
    assert f"range(1, {s['max_updates'] + 1})" in src
    assert s["learning_rate"] == inspect.signature(train_hello).parameters["learning_rate"].default
    assert "Adagrad" not in src and "clip" not in src

    out = run_snippet("rnn_hello.py")
    rows = re.findall(rf"^after update +(\d+) +loss {NUMBER} +predicts (.*)$", out, flags=re.MULTILINE)
    assert int(rows[-1][0]) == run["updates"] == len(rows)
    assert rows[-1][2] == "ello<end>" and all(r[2] != "ello<end>" for r in rows[:-1])
    # each printed loss belongs to the weights after that update: recompute it from the same updates
    expected = rnn_basics.hello_descent()["losses"]
    first = float(re.search(rf"^before training +loss {NUMBER}", out, flags=re.MULTILINE).group(1))
    assert first == pytest.approx(expected[0], abs=5e-4) == pytest.approx(run["first_loss"], abs=5e-4)
    np.testing.assert_allclose([float(r[1]) for r in rows], expected[1:], atol=5e-4)
    printed = [first] + [float(r[1]) for r in rows]
    assert all(b < a for a, b in zip(printed, printed[1:]))                       # "falls at every update"
    assert rows[0][2] == "l" * hello["T"]                                         # at first: l at every step
    assert run["largest_entry"] < inspect.signature(train_numpy).parameters["clip_value"].default
    steps = re.findall(rf"^  t=(\d+) +input .*\(p = {NUMBER}\)$", out, flags=re.MULTILINE)
    assert [int(t) for t, _ in steps] == list(range(1, hello["T"] + 1))           # numbered like the tables
    ps = [float(p) for _, p in steps]
    assert min(ps) == pytest.approx(run["p_min"], abs=5e-3) and max(ps) == pytest.approx(run["p_max"], abs=5e-3)
    assert run["p_max"] < 0.9                                                      # "far from sure"


# --- Loss and sampling ----------------------------------------------------------------------------------------------

@pytest.mark.covers("src/tfnotes/rnn/numpy_rnn.py:loss")
def test_loss_uses_log_sum_exp_and_stays_finite_on_a_confident_mistake():
    vocab, inputs, targets = hello_task()
    params = init_params(vocab.size, 8, seed=0, scale=0.5)
    fwd = forward(params, inputs)
    loss = loss_and_grads(params, inputs, targets)[0]
    assert loss == pytest.approx(-np.sum(np.log(fwd.ps[np.arange(len(inputs)), targets])), rel=1e-12)
    lse = np.log(np.sum(np.exp(fwd.ys), axis=1))
    assert loss == pytest.approx(np.sum(lse - fwd.ys[np.arange(len(inputs)), targets]), rel=1e-12)
    # A confident mistake in float32: the target's probability rounds to 0, log(0) = -inf; the scores do not.
    bad = {key: value.astype(np.float32) for key, value in params.items()}
    bad["b_y"] = np.zeros(vocab.size, dtype=np.float32)
    bad["b_y"][targets[0]] = -120.0                                   # far below every other score
    ps32 = forward(bad, inputs).ps
    with np.errstate(divide="ignore"):
        naive = -np.sum(np.log(ps32[np.arange(len(inputs)), targets]))
    assert ps32[0, targets[0]] == 0 and np.isinf(naive)
    loss32 = loss_and_grads(bad, inputs, targets)[0]
    loss64 = loss_and_grads({k: v.astype(np.float64) for k, v in bad.items()}, inputs, targets)[0]
    assert np.isfinite(loss32) and loss32 == pytest.approx(loss64, rel=1e-5)


@pytest.mark.covers("snippets/rnn_cross_entropy.py")
def test_cross_entropy_snippet_numbers_steps_from_1_and_matches_the_quoted_values(losses):
    out = run_snippet("rnn_cross_entropy.py")
    vocab, inputs, _ = hello_task()
    assert re.findall(r"^  t=(\d+) ", out, flags=re.MULTILINE) == [str(t) for t in range(1, len(inputs) + 1)] * 2
    assert losses["V"] == vocab.size and losses["ln_v"] == pytest.approx(math.log(vocab.size))
    assert losses["text_v"] == Vocab.from_text(load_text("shakespeare")).size
    assert losses["bits_per_nat"] == pytest.approx(1.4427, abs=1e-4)
    assert losses["before_dev"] < 1e-3                                # "almost exactly 1/V"
    assert losses["after_nll_max"] < 0.01 and losses["after_perplexity"] < 1.01
    ppl = float(re.search(rf"^trained:(?:.*\n)+?  sum .*perplexity {NUMBER}", out, flags=re.MULTILINE).group(1))
    assert ppl == pytest.approx(losses["after_perplexity"], abs=5e-3)
    src = snippet_source("rnn_cross_entropy.py")
    h = rnn_basics.HELLO_TRAINED
    assert f"train_hello(hidden_size={h['hidden_size']}, n_steps={h['n_steps']}, seed={h['seed']})" in src


@pytest.mark.covers("snippets/rnn_temperature.py", "src/tfnotes/rnn/numpy_rnn.py:sample")
def test_temperature_snippet_sharpens_at_low_and_flattens_at_high_temperature(losses):
    src = snippet_source("rnn_temperature.py")
    assert f"for tau in {rnn_basics.TABLE_TEMPERATURES}" in src
    assert f"for tau in {rnn_basics.SAMPLE_TEMPERATURES}" in src
    assert f"for s in range({rnn_basics.SAMPLES_PER_TEMPERATURE})" in src
    assert losses["tau_low"] == min(rnn_basics.TABLE_TEMPERATURES) and losses["tau_high"] == max(
        rnn_basics.TABLE_TEMPERATURES)
    assert losses["p_not_o_low"] < 1e-3 and losses["p_o_high"] < 0.6           # all on o; then a share for the rest
    out = run_snippet("rnn_temperature.py")
    samples = rnn_basics.temperature_samples()
    for tau, words in samples.items():
        assert f"sampled, tau = {tau}: {'  '.join(words)}" in out
    lowest = samples[min(samples)]
    assert lowest == ["hello<end>"] * len(lowest)                              # "hello<end> every time"
    hottest = samples[max(samples)]
    assert sum(w != "hello<end>" for w in hottest) > sum(w != "hello<end>" for w in lowest)
    vocab, result = train_hello(**rnn_basics.HELLO_TRAINED)
    h = vocab.encode("h")[0]
    a = sample(result.params, None, h, 5, temperature=2.0, seed=1)
    assert np.array_equal(a, sample(result.params, None, h, 5, temperature=2.0, seed=1))   # same seed, same text


# --- BPTT -----------------------------------------------------------------------------------------------------------

def _double_sum_dW_hh(params, inputs, targets, h0):
    """The closed form of the BPTT page: sum over t and k <= t of D_k (dh_t/dh_k)^T W_hy^T dy_t, times h_{k-1}^T."""
    fwd = forward(params, inputs, h0)
    hs, ps = fwd.hs, fwd.ps
    T, H = len(inputs), len(h0)
    total = np.zeros((H, H))
    for t in range(1, T + 1):                                  # equation steps, numbered from 1
        dy = ps[t - 1] - np.eye(len(ps[0]))[targets[t - 1]]
        direct = params["W_hy"].T @ dy                         # dL_t/dh_t
        J = np.eye(H)                                          # dh_t/dh_k, built for k = t, t-1, ..., 1
        for k in range(t, 0, -1):
            D_k = np.diag(1 - hs[k] ** 2)
            total += np.outer(D_k @ J.T @ direct, hs[k - 1])
            J = J @ (D_k @ params["W_hh"])                     # now dh_t/dh_{k-1}
    return total


@pytest.mark.covers("src/tfnotes/rnn/numpy_rnn.py:backward", "src/tfnotes/rnn/numpy_rnn.py:backward-output",
                    "src/tfnotes/rnn/numpy_rnn.py:backward-hidden", "src/tfnotes/rnn/numpy_rnn.py:backward-carry",
                    "src/tfnotes/rnn/numpy_rnn.py:loss")
def test_bptt_loop_equals_the_sum_over_paths_and_db_y_sums_to_zero():
    params, inputs, targets, h0 = rnn_basics.gradcheck_problem()
    loss, grads, h_T = loss_and_grads(params, inputs, targets, h0)
    np.testing.assert_allclose(grads["W_hh"], _double_sum_dW_hh(params, inputs, targets, h0), rtol=1e-10,
                               atol=1e-12)
    assert abs(grads["b_y"].sum()) < 1e-12                     # the tip: sum_i dy_t,i = 0 at every step
    np.testing.assert_array_equal(h_T, forward(params, inputs, h0).hs[-1])
    numeric = gradcheck.check_finite_differences(params, inputs, targets, h0)
    assert max(numeric.values()) < 1e-8


# --- The gradient check ---------------------------------------------------------------------------------------------

@pytest.mark.covers("snippets/bptt_gradcheck.py", "src/tfnotes/rnn/gradcheck.py:central-difference",
                    "src/tfnotes/rnn/tf_rnn.py:tf-tape")
def test_gradcheck_snippet_prints_the_agreement_the_page_quotes(check):
    src = snippet_source("bptt_gradcheck.py")
    g = rnn_basics.GRADCHECK
    assert f"V, H, T = {g['V']}, {g['H']}, {g['T']}" in src
    assert f"init_params(V, H, seed={g['seed']}, scale={g['scale']})" in src
    assert f"np.random.default_rng({g['seed']})" in src and f"rng.normal(scale={g['h0_scale']}, size=H)" in src
    out = run_snippet("bptt_gradcheck.py")
    fd = float(re.search(r"largest vs finite differences: (\S+)", out).group(1))
    tape = float(re.search(r"largest vs GradientTape: (\S+)", out).group(1))
    assert fd == pytest.approx(check["fd_max"], rel=0.05) and tape == pytest.approx(check["tape_max"], rel=0.05)
    # the page's reasoning: eps near u^(1/3), both errors then near u^(2/3); autodiff at a few u
    assert round(math.log10(check["eps_balance"])) == round(math.log10(check["eps"]))
    assert round(math.log10(check["fd_max"])) == round(math.log10(check["expected_error"]))
    assert check["tape_max"] < 10 * check["u64"]
    assert check["eps"] == inspect.signature(gradcheck.check_finite_differences).parameters["eps"].default
    assert round(math.log10(check["u32"])) == -7 and round(math.log10(check["u64"])) == -16
    params, inputs, targets, h0 = rnn_basics.gradcheck_problem()
    loss = lambda p: loss_and_grads(p, inputs, targets, h0)[0]   # noqa: E731
    saved = params["W_hh"].copy()
    one = gradcheck.central_difference(loss, params, "W_hh", 7, check["eps"])
    assert np.array_equal(params["W_hh"], saved)                              # restored
    assert one == pytest.approx(loss_and_grads(params, inputs, targets, h0)[1]["W_hh"].flat[7], rel=1e-8)


def test_planted_bugs_are_caught_and_point_at_the_parameters_the_page_names(check):
    params, inputs, targets, h0 = rnn_basics.gradcheck_problem()
    right = gradcheck.gradients_with_bug(params, inputs, targets, h0)
    for key, g in loss_and_grads(params, inputs, targets, h0)[1].items():
        np.testing.assert_allclose(right[key], g, rtol=1e-13, atol=1e-15)
    errors = rnn_basics.bug_errors()
    floor = rnn_basics.BUG_FLOOR
    wrong = {bug: {k for k, e in errs.items() if e > floor} for bug, errs in errors.items()}
    assert wrong["no-dh-next"] == {"W_hh", "W_xh", "b_h"}
    assert wrong["h-not-h-prev"] == {"W_hh"}
    assert wrong["tanh-of-a"] == {"W_hh", "W_xh", "b_h"}
    assert wrong["assign-not-add"] == set(PARAM_KEYS)
    assert wrong["carry-skips-tanh"] == {"W_hh", "W_xh", "b_h"}
    assert check["bug_min"] > 0.1 and check["bug_min"] / check["fd_max"] > 1e6   # many orders above rounding
    assert check["bug_max"] <= 2                                                 # the measure's own bound
    assert check["right_max"] < 1e-8
    # the tanh bugs hide at min-char-rnn's small scale, and show at the page's large one
    small = rnn_basics.bug_errors(rnn_basics.SMALL_SCALE)
    for bug in ("tanh-of-a", "carry-skips-tanh"):
        assert max(small[bug].values()) < 1e-4 and max(errors[bug].values()) > 0.1
    assert check["small_tanh_of_a"] == pytest.approx(max(small["tanh-of-a"].values()))
    with pytest.raises(ValueError, match="bug"):
        gradcheck.gradients_with_bug(params, inputs, targets, h0, bug="typo")


def test_sgd_rejects_a_bad_learning_rate():
    with pytest.raises(ValueError, match="learning_rate"):
        SGD(0)
