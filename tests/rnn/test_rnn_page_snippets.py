"""The snippets written for the RNN chapter's pages run from the repository root and print the package's values."""

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tfnotes.rnn.numpy_rnn import forward, loss_and_grads, perplexity, sample, softmax
from tfnotes.rnn.params import PARAM_KEYS, count_params, init_params
from tfnotes.rnn.train import clip_by_global_norm, clip_elementwise, global_norm, train_hello
from tfnotes.rnn.vocab import hello_task

ROOT = Path(__file__).resolve().parents[2]
NUMBER = r"(-?\d+\.\d+(?:e[-+]\d+)?)"


def run_snippet(name: str) -> str:
    done = subprocess.run([sys.executable, f"snippets/{name}"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "", done.stderr       # no warnings, no TensorFlow start-up noise
    return done.stdout


def test_rnn_shapes_prints_the_shapes_and_the_count_of_the_hello_model():
    out = run_snippet("rnn_shapes.py")
    vocab, inputs, _ = hello_task()
    params = init_params(vocab.size, 8, seed=0)
    printed = {key: (shape, int(size)) for key, shape, size in
               re.findall(r"^(\w+) +shape (\([\d, ]+\)) +(\d+) numbers$", out, flags=re.MULTILINE)}
    assert list(printed) == list(PARAM_KEYS)
    for key in PARAM_KEYS:
        assert printed[key] == (str(params[key].shape), params[key].size)
    total, formula = map(int, re.search(r"total: (\d+) \(H\*V \+ H\*H \+ V\*H \+ H \+ V = (\d+)\)", out).groups())
    assert total == formula == count_params(params) == 157
    fwd = forward(params, inputs)
    assert (f"T = 5: xs {fwd.xs.shape}, hs {fwd.hs.shape}, ys {fwd.ys.shape}, ps {fwd.ps.shape}") in out
    assert fwd.hs.shape == (6, 8)               # h0 plus one state per step


def test_rnn_cross_entropy_prints_per_step_losses_that_sum_to_the_loss():
    out = run_snippet("rnn_cross_entropy.py")
    vocab, inputs, targets = hello_task()
    _, result = train_hello(hidden_size=8, n_steps=300, seed=0)
    models = {"untrained": init_params(vocab.size, 8, seed=0), "trained": result.params}
    blocks = dict(re.findall(r"^(untrained|trained):\n((?:  .*\n)+)", out, flags=re.MULTILINE))
    assert list(blocks) == ["untrained", "trained"]
    for name, params in models.items():
        ps = forward(params, inputs).ps[np.arange(5), targets]
        steps = re.findall(rf"p = {NUMBER} +-log p = {NUMBER}", blocks[name])
        np.testing.assert_allclose([float(p) for p, _ in steps], ps, atol=5e-4)
        np.testing.assert_allclose([float(n) for _, n in steps], -np.log(ps), atol=5e-4)
        loss = loss_and_grads(params, inputs, targets)[0]
        total, mean, ppl = map(float, re.search(
            rf"sum {NUMBER} nats, mean {NUMBER} nats/step, perplexity {NUMBER}", blocks[name]).groups())
        assert total == pytest.approx(loss, abs=5e-4)
        assert mean == pytest.approx(loss / 5, abs=5e-4)
        assert ppl == pytest.approx(perplexity(loss, 5), abs=5e-3)
    assert float(re.search(r"untrained:(?:.*\n)+?  sum .*perplexity " + NUMBER, out).group(1)) == pytest.approx(5, abs=0.01)
    assert "a uniform guess: ln 5 = 1.609 nats/step, perplexity 5" in out


def test_rnn_temperature_prints_softmax_of_scaled_scores_and_samples():
    out = run_snippet("rnn_temperature.py")
    vocab, result = train_hello(hidden_size=8, n_steps=300, seed=0)
    y = forward(result.params, vocab.encode("hell")).ys[-1]
    rows = {float(tau): [float(v) for v in values.split()] for tau, values in
            re.findall(r"^tau = ([\d.]+) +((?:\d\.\d{3} *){5})$", out, flags=re.MULTILINE)}
    assert sorted(rows) == [0.5, 1.0, 2.0, 5.0]
    for tau, printed in rows.items():
        np.testing.assert_allclose(printed, softmax(y / tau), atol=5e-4)
    # a higher temperature flattens: the top probability falls, the smallest one rises
    tops = [max(rows[tau]) for tau in sorted(rows)]
    assert tops == sorted(tops, reverse=True) and tops[0] > 0.99 and tops[-1] < 0.7
    h = vocab.encode("h")[0]
    assert "argmax from 'h': h" + vocab.decode(sample(result.params, None, h, 5, argmax=True)) in out
    assert "argmax from 'h': hello<end>" in out
    for tau in (1.0, 2.0, 3.0):
        words = ["h" + vocab.decode(sample(result.params, None, h, 5, temperature=tau, seed=s)) for s in range(4)]
        assert f"sampled, tau = {tau}: {'  '.join(words)}" in out


def test_rnn_three_ways_prints_the_same_loss_logits_and_gradients_from_each():
    out = run_snippet("rnn_three_ways.py")
    vocab, inputs, targets = hello_task()
    params = init_params(vocab.size, 8, seed=0, scale=0.5)
    loss = loss_and_grads(params, inputs, targets)[0]
    losses = dict(re.findall(rf"^  (NumPy|TensorFlow|Keras) +{NUMBER}$", out, flags=re.MULTILINE))
    assert sorted(losses) == ["Keras", "NumPy", "TensorFlow"]
    assert [float(v) for v in losses.values()] == pytest.approx([loss] * 3, abs=1e-11)
    logits = dict(re.findall(r"^  (NumPy|Keras) +\[(.*)\]$", out, flags=re.MULTILINE))
    np.testing.assert_allclose([float(v) for v in logits["NumPy"].split()], forward(params, inputs).ys[0], atol=1e-4)
    assert logits["Keras"] == logits["NumPy"]
    gaps = dict(re.findall(r"^  (.+?): +(\S+)$", out, flags=re.MULTILINE))
    assert set(gaps) == {"logits, NumPy vs Keras", "gradients, NumPy vs TensorFlow", "h_T, NumPy vs TensorFlow",
                         "loss, NumPy vs TensorFlow", "loss, NumPy vs Keras"}
    assert all(float(v) < 1e-12 for v in gaps.values()), gaps


@pytest.mark.covers("snippets/rnn_clipping.py")
def test_rnn_clipping_shows_that_only_global_norm_clipping_keeps_the_direction():
    out = run_snippet("rnn_clipping.py")
    vocab, inputs, targets = hello_task()
    _, grads, _ = loss_and_grads(init_params(vocab.size, 8, seed=0, scale=1.0), inputs, targets)
    before = float(re.search(rf"before clipping: global norm {NUMBER}", out).group(1))
    assert before == pytest.approx(global_norm(grads), abs=5e-4) and before > 1.0
    flat = np.concatenate([g.ravel() for g in grads.values()])
    for name, clip in (("element-wise", clip_elementwise), ("global norm", clip_by_global_norm)):
        norm, cos = map(float, re.search(
            rf"{name} at 1.0: global norm {NUMBER}, cosine with the original {NUMBER}", out).groups())
        clipped = clip(grads, 1.0)[0]
        g = np.concatenate([v.ravel() for v in clipped.values()])
        assert norm == pytest.approx(global_norm(clipped), abs=5e-4)
        assert cos == pytest.approx(g @ flat / (np.linalg.norm(g) * np.linalg.norm(flat)), abs=5e-5)
    assert re.search(r"global norm at 1.0: global norm 1.000, cosine with the original 1.0000", out)
    assert float(re.search(rf"element-wise at 1.0: global norm {NUMBER}", out).group(1)) > 1.0
    assert float(re.search(rf"element-wise at 1.0: .* original {NUMBER}", out).group(1)) < 0.99
