"""RNN figures: the training behind them runs once and is reused, and the numbers say what the figures and their
alt texts claim.

The results come from the build's result cache (``.cache/tfnotes/results``, filled by the site build or by
``python -m tfnotes.figures.render``); if it is cold, the module fixture trains once (about 20 s).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import warnings
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest

from tfnotes import _deps
from tfnotes import _memo as memo
from tfnotes.figures import load_all, style
from tfnotes.runs import rnn as rnn_results
from tfnotes.figures import render as R
from tfnotes.figures.rnn_hello import hello_sizes
from tfnotes.figures.rnn_training import MONO, _drawable, _wrap
from tfnotes.figures.strings import FIGURES, LANGS
from tfnotes.rnn.params import count_params
from tfnotes.rnn.texts import load_text
from tfnotes.rnn.train import train_hello

RNN_FIGURES = ("rnn-rolled-unrolled", "rnn-hello-network", "rnn-one-hot", "rnn-hello-softmax", "rnn-bptt-flow",
               "rnn-gradient-norms", "rnn-clipping", "rnn-truncated-bptt", "rnn-loss-curves", "rnn-text-training",
               "rnn-samples")
MAX_BYTES = 250_000


@pytest.fixture(scope="module")
def cache_dir(root) -> Path:
    return root / ".cache" / "tfnotes"


@pytest.fixture(scope="module")
def results(cache_dir):
    """Every memo'd RNN result, read from the build's cache (computed and stored there if it is cold)."""
    saved, memo.CACHE_DIR = memo.CACHE_DIR, cache_dir
    try:
        yield {"hello": rnn_results.hello(), "norms": rnn_results.gradient_norms(), "parity": rnn_results.parity(),
               "texts": rnn_results.text_runs()}
    finally:
        memo.CACHE_DIR = saved


@pytest.fixture(scope="module")
def rendered(results, root, cache_dir, tmp_path_factory) -> Path:
    """All RNN figures in both languages: the build's files when they are current (their cache keys match the
    code), otherwise drawn here from the results above (no training)."""
    built = root / "docs" / "assets" / "figures"
    files = {f"{name}.{lang}.svg" for name in RNN_FIGURES for lang in LANGS}
    if built.is_dir() and not files & set(R.stale(built, cache_dir)):
        return built
    out = tmp_path_factory.mktemp("rnn-figures")
    saved = memo.CACHE_DIR
    try:
        report = R.render_all(out, None, names=list(RNN_FIGURES))
    finally:
        memo.CACHE_DIR = saved
    assert set(report.rendered) == files
    return out


def test_the_chapter_figures_are_registered_under_the_names_the_pages_use():
    registry = load_all()
    assert set(RNN_FIGURES) <= set(registry)
    assert {n for n in registry if n.startswith("rnn-")} == set(RNN_FIGURES)


def test_rnn_figures_are_small_and_differ_between_languages(rendered):
    for name in RNN_FIGURES:
        ko, en = (rendered / f"{name}.{lang}.svg" for lang in LANGS)
        for path in (ko, en):
            assert 5_000 < path.stat().st_size < MAX_BYTES, f"{path.name}: {path.stat().st_size} bytes"
        assert ko.read_bytes() != en.read_bytes(), name


def _run(code: str, *args: str) -> str:
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout


def test_a_second_process_reuses_the_training_from_disk_without_tensorflow(results, cache_dir):
    code = """
import json, sys, time
from pathlib import Path
from tfnotes import _memo as memo
from tfnotes.runs import rnn as rnn_results
memo.CACHE_DIR = Path(sys.argv[1])
start = time.perf_counter()
parity, texts = rnn_results.parity(), rnn_results.text_runs()
print(json.dumps({"seconds": time.perf_counter() - start, "max_loss_diff": parity["max_loss_diff"],
                  "perplexity": {k: v["perplexity"] for k, v in texts.items()},
                  "modules": sorted(m for m in ("tensorflow", "matplotlib") if m in sys.modules)}))
"""
    child = json.loads(_run(code, str(cache_dir)))
    assert child["modules"] == []          # no training (it would import TensorFlow), no drawing code
    assert child["seconds"] < 2.0
    assert child["max_loss_diff"] == results["parity"]["max_loss_diff"]
    assert child["perplexity"] == {k: v["perplexity"] for k, v in results["texts"].items()}


def test_figure_modules_get_training_only_through_the_memoised_results():
    training = {"train_numpy", "train_tf", "train_hello", "char_model", "hello_softmax", "gradient_norms"}
    for module in R.MODULES:
        if not module.startswith("tfnotes.figures.rnn_"):
            continue
        tree = ast.parse(_deps.module_path(module).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
                owner = getattr(func.value, "id", None) if isinstance(func, ast.Attribute) else None
                assert not (called in training and owner != "rnn_results"), f"{module} calls {called} directly"
    assert "tfnotes.figures.strings" not in _deps.direct_imports("tfnotes.runs.rnn")
    assert not any(m.startswith("matplotlib") for m in _imported_names("tfnotes.runs.rnn"))


def _imported_names(module: str) -> set[str]:
    tree = ast.parse(_deps.module_path(module).read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.add(node.module or "")
    return names


def _edited(monkeypatch, module: str) -> None:
    original, path = _deps.read_source, _deps.module_path(module)
    monkeypatch.setattr(_deps, "read_source", lambda p: original(p) + (b"\n# edit\n" if p == path else b""))


def _calls_after_editing(module, monkeypatch, tmp_path) -> list:
    calls = []
    real = rnn_results.experiments.hello_softmax
    monkeypatch.setattr(memo, "CACHE_DIR", tmp_path)       # a recomputation must not touch the build's cache
    monkeypatch.setattr(rnn_results.experiments, "hello_softmax", lambda **kw: calls.append(kw) or real(**kw))
    _edited(monkeypatch, module)
    rnn_results.hello()
    return calls


def test_editing_the_rnn_code_recomputes_the_results(results, monkeypatch, tmp_path):
    assert len(_calls_after_editing("tfnotes.rnn.train", monkeypatch, tmp_path)) == 1


def test_editing_figure_text_does_not_recompute_the_results(results, monkeypatch, tmp_path):
    assert _calls_after_editing("tfnotes.figures.strings", monkeypatch, tmp_path) == []


def test_numpy_and_tensorflow_loss_curves_agree(results):
    p = results["parity"]
    assert p["numpy"].shape == p["tf"].shape == (rnn_results.PARITY["n_steps"],)
    np.testing.assert_allclose(p["tf"], p["numpy"], rtol=0, atol=1e-10)
    assert p["max_loss_diff"] == np.max(np.abs(p["tf"] - p["numpy"])) < 1e-10
    assert p["max_param_diff"] < 1e-9
    assert p["numpy"][-50:].mean() < p["numpy"][:10].mean() - 0.8   # a real learning curve, not a flat line
    assert p["numpy"][0] == pytest.approx(np.log(p["vocab_size"]), abs=0.05)
    n = rnn_results.PARITY["n_steps"]
    # the alt text counts the updates, from the run's settings
    assert all("[[value rnn-parity.n_steps]]" in FIGURES["rnn-loss-curves"]["alt"][lang] for lang in LANGS)


def test_gradient_norms_figure_has_both_regimes_ordered_by_spectral_radius(results):
    k, norms = results["norms"]["k"], results["norms"]["norms"]
    radii, scales = rnn_results.NORMS["radii"], rnn_results.NORMS["input_scales"]
    assert set(norms) == {(s, r) for s in scales for r in radii} and k[-1] == rnn_results.NORMS["steps_back"]
    far = k >= rnn_results.NORMS["fit_from"]
    for scale in scales:                               # within each panel, a larger radius ends higher
        for lo, hi in zip(radii, radii[1:]):
            assert norms[(scale, lo)][-1] < norms[(scale, hi)][-1]
        assert np.all(norms[(scale, 0.9)][far] < norms[(scale, 1.0)][far])
        assert np.all(norms[(scale, 1.0)][far] < norms[(scale, 1.1)][far])
    lin, sat = scales
    assert np.all(np.diff(np.log(norms[(lin, 0.9)][10:])) < 0) and np.all(np.diff(np.log(norms[(lin, 1.1)][10:])) > 0)
    assert norms[(sat, 1.5)][-1] < 1 < norms[(sat, 2.0)][-1]    # saturated: only the largest radius grows


def test_hello_softmax_goes_from_uniform_to_over_90_percent_on_every_target(results):
    h = results["hello"]
    targets = [h["symbols"].index(c) for c in h["targets"]]
    steps = np.arange(len(targets))
    np.testing.assert_allclose(h["before"], 1 / len(h["symbols"]), atol=0.01)
    assert h["after"][steps, targets].min() > 0.9
    assert h["inputs"][2] == h["inputs"][3] == "l" and h["targets"][2] != h["targets"][3]  # the caption's point


def test_hello_network_shows_the_sizes_the_training_uses():
    sizes = hello_sizes()
    _, trained = train_hello(n_steps=1)
    V, H = trained.params["W_hy"].shape
    assert (sizes["V"], sizes["H"]) == (V, H) == (5, 8)
    assert sizes["n_params"] == count_params(trained.params) == H * V + H * H + V * H + H + V
    from tfnotes.values import get

    quoted = get("rnn-hello")                     # what the alt text and caption print
    assert (quoted["V"], quoted["H"], quoted["n_params"]) == (V, H, sizes["n_params"])
    for lang in LANGS:
        alt = FIGURES["rnn-hello-network"]["alt"][lang]
        assert "H = [[value rnn-hello.H]]" in alt and "V = [[value rnn-hello.V]]" in alt
        assert "[[value rnn-hello.n_params]]" in alt
        assert "[[value rnn-hello.n_params]]" in FIGURES["rnn-hello-network"]["caption"][lang]


def test_text_models_learn_and_sample_at_each_temperature(results):
    for name, run in results["texts"].items():
        settings = rnn_results.TEXT_RUNS[name]
        assert run["losses"].shape == (settings["n_steps"],)
        assert run["smooth_losses"][-1] < np.log(run["vocab_size"]) - 2     # far below a uniform guess
        assert run["perplexity"] < 10
        assert set(run["samples"]) == set(rnn_results.TEMPERATURES)
        key = {"shakespeare": "sh", "korean-poems": "ko"}[name]
        assert all(f"[[value rnn-texts.{key}_distinct]]" in FIGURES["rnn-text-training"]["alt"][lang] for lang in LANGS)
        first = load_text(name)[0]
        for text in run["samples"].values():
            assert len(text) == rnn_results.SAMPLE_LENGTH + 1 and text[0] == first


def test_samples_are_drawable_in_the_monospace_hangul_font(results):
    assert _drawable("a\U0001f600\nb") == "a?⏎b"     # a character the font lacks cannot fail the build
    style.use_style()
    for run in results["texts"].values():
        for text in run["samples"].values():
            shown = _drawable(text)
            assert "\n" not in shown and len(shown) == len(text)
            lines = _wrap(shown)
            assert "".join(lines) == shown
            fig, ax = plt.subplots()
            for i, line in enumerate(lines):
                ax.text(0, i, line, family=MONO, parse_math=False)
            with warnings.catch_warnings():
                warnings.simplefilter("error")               # also: font not found
                style.save(fig, "svg")


def test_wrap_counts_hangul_as_two_columns():
    lines = _wrap("가" * 30 + " abc", width=20)
    assert lines[:3] == ["가" * 10] * 3 and "".join(lines) == "가" * 30 + " abc"
    assert _wrap("one two three", width=9) == ["one two ", "three"]


def test_rnn_figures_are_byte_identical_across_processes(rendered, cache_dir, tmp_path):
    names = ["rnn-loss-curves", "rnn-samples"]
    code = """
import sys
from pathlib import Path
import matplotlib
matplotlib.use("Agg")
from tfnotes import _memo as memo
from tfnotes.figures import load_all, style
memo.CACHE_DIR = Path(sys.argv[1])
style.use_style()
registry = load_all()
for name in sys.argv[3:]:
    for lang in ("ko", "en"):
        Path(sys.argv[2], f"{name}.{lang}.svg").write_bytes(style.save(registry[name].draw(lang), "svg"))
"""
    _run(code, str(cache_dir), str(tmp_path), *names)
    for name in names:
        for lang in LANGS:
            fname = f"{name}.{lang}.svg"
            assert (tmp_path / fname).read_bytes() == (rendered / fname).read_bytes(), fname
