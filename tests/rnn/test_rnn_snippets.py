"""The three RNN snippets run from the repository root and print the values the page quotes."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_snippet(name: str) -> str:
    done = subprocess.run([sys.executable, f"snippets/{name}"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "", done.stderr       # no TensorFlow start-up noise either
    return done.stdout


def test_rnn_hello_snippet_ends_predicting_ello_end():
    out = run_snippet("rnn_hello.py")
    assert "vocabulary: ('h', 'e', 'l', 'o', '<end>'), parameters: 157" in out
    updates = re.findall(r"update +(\d+) +loss ([\d.]+) +predicts (.*)", out)
    assert updates and updates[-1][2] == "ello<end>"
    assert all(guess != "ello<end>" for _, _, guess in updates[:-1])      # it stops at the first success
    assert float(updates[-1][1]) < float(updates[0][1])
    steps = re.findall(r"t=(\d)  input '(.)'  ->  '(.+?)'  \(p = ([\d.]+)\)", out)
    assert [(x, y) for _, x, y, _ in steps] == [("h", "e"), ("e", "l"), ("l", "l"), ("l", "o"), ("o", "<end>")]


def test_bptt_gradcheck_snippet_reports_tiny_errors():
    out = run_snippet("bptt_gradcheck.py")
    finite = float(re.search(r"largest vs finite differences: (\S+)", out).group(1))
    tape = float(re.search(r"largest vs GradientTape: (\S+)", out).group(1))
    assert 0 < finite < 1e-7
    assert tape < 1e-12
    assert len(re.findall(r"^(W_xh|W_hh|W_hy|b_h|b_y) ", out, flags=re.MULTILINE)) == 5


@pytest.mark.covers("snippets/char_rnn_sample.py")
def test_char_rnn_sample_snippet_learns_and_prints_three_samples_and_a_warmed_up_one():
    out = run_snippet("char_rnn_sample.py")
    assert "31,742 characters, vocabulary of 58" in out
    first, last, perplexity = map(float, re.search(
        r"loss ([\d.]+) -> ([\d.]+) nats/char, perplexity ([\d.]+)", out).groups())
    assert first == pytest.approx(4.06, abs=0.01)           # ln 58: an untrained model guesses uniformly
    assert last < 2.2 and perplexity < 9
    *samples, warm = re.split(r"\n--- (?:temperature [\d.]+|warm-up on a prompt, temperature [\d.]+) ---\n", out)[1:]
    assert len(samples) == 3 and all(len(s.rstrip("\n")) == 151 for s in samples)
    assert warm.startswith("MENENIUS:\n") and len(warm) == len("MENENIUS:\n") + 150 + 1   # + print's newline
