"""What the Markdown of the "hello" notebook says about its own code cells, checked by running those cells.

The build executes the notebook too, but only its ``assert`` lines can fail it; the sentences ("plain gradient
descent", "right there", "early, but the loss keeps falling long after", "agrees to rounding, often exactly") are
checked here, on the same code.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import re
from pathlib import Path

import matplotlib
import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = {lang: ROOT / "docs" / "rnn" / f"hello.{lang}.ipynb" for lang in ("en", "ko")}


def cells(lang: str, kind: str) -> list[str]:
    nb = json.loads(NOTEBOOKS[lang].read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == kind]


@pytest.fixture(scope="module")
def run():
    """The English notebook's code cells, run in order in one namespace (plots to a non-interactive backend)."""
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ns: dict = {}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for source in cells("en", "code"):
            exec(compile(source.replace("plt.show()", "plt.close('all')"), "hello.en.ipynb", "exec"), ns)
    plt.close("all")
    ns["stdout"] = out.getvalue()
    return ns


def test_the_training_cell_is_plain_gradient_descent_without_clipping():
    """"Training uses the same rule as the example on the "hello" page: plain gradient descent … nothing is
    clipped" (both languages; the code cells of the twins are the same code)."""
    train = next(c for c in cells("en", "code") if "for update in range" in c)
    code = "\n".join(line.split("#")[0] for line in train.splitlines())
    assert "params[key] -= learning_rate * grads[key]" in code
    assert "clip" not in code and "memory" not in code and "sqrt" not in code
    for lang in NOTEBOOKS:
        text = next(c for c in cells(lang, "markdown") if c.startswith("## Training") or c.startswith("## 학습"))
        assert "Adagrad" in text and ("plain gradient descent" in text or "기본 경사 하강법" in text)


def test_the_untrained_model_sits_at_the_loss_of_a_uniform_guess(run):
    """"A model that gives every symbol 1/V has loss T ln V, and the output below shows the untrained model sitting
    right there"; "Before training … every probability printed below is close to 1/V"."""
    T, V = run["T"], run["V"]
    assert run["losses"][0] == pytest.approx(T * math.log(V), abs=0.01)


def test_the_hand_written_gradients_agree_with_both_checks(run):
    """"The difference from the central difference is at the level the gradient-check page … predicts; the
    reference implementation … agrees to rounding, often exactly"."""
    rows = re.findall(r"^(\w+)\s+([\d.e+-]+)\s+([\d.e+-]+)$", run["stdout"], flags=re.MULTILINE)
    assert len(rows) == 5
    fd, ref = [float(r[1]) for r in rows], [float(r[2]) for r in rows]
    assert max(fd) < 1e-8 and max(ref) < 1e-14
    assert sum(e == 0.0 for e in ref) >= 3                       # "often exactly"


def test_every_step_is_right_early_and_the_loss_keeps_falling_long_after(run):
    """"the vertical line marks the first update at which every step is predicted right. That happens early, but the
    loss keeps falling long after"; the summary's "Every step is predicted right early in training"."""
    losses, first = np.asarray(run["losses"]), run["first"]
    assert first < len(losses) / 4
    assert np.all(np.diff(losses) < 0)
    assert losses[-1] < losses[first] / 10


def test_the_trained_model_writes_hello_and_stops(run):
    """"Give the trained model just h and keep feeding the most likely character back in … until <end> comes out";
    the reference implementation writes the same."""
    assert run["text"] == "hello<end>"
    assert "our code: hello<end>" in run["stdout"] and "tfnotes:  hello<end>" in run["stdout"]
