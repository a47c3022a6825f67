"""What the three-implementations page and the real-text page say about their numbers, checked on the values they
print (docs/rnn/three-ways.*.md, docs/rnn/real-text.*.md and the captions of rnn-loss-curves, rnn-text-training and
rnn-samples). Each test names the sentence it guards."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import numpy as np
import pytest

from tfnotes.rnn.heldout import split_heldout
from tfnotes.rnn.texts import load_text
from tfnotes.rnn.train import Adagrad, Adam, train_numpy
from tfnotes.rnn.vocab import Vocab
from tfnotes.runs import rnn as runs
from tfnotes import _memo
from tfnotes.values import DEFAULT_CACHE, format_value, get

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def ways():
    return get("rnn-three-ways")


@pytest.fixture(scope="module")
def parity():
    return get("rnn-parity")


@pytest.fixture(scope="module")
def texts():
    return get("rnn-texts")


@pytest.fixture(scope="module")
def setup():
    return get("rnn-text-setup")


@pytest.fixture(scope="module")
def res():
    return get("rnn-text-results")


@pytest.fixture(scope="module", autouse=True)
def build_cache():
    """Runs read from the build's cache, the one the values were computed from (TensorFlow's float64 noise differs
    from one process to the next, so a fresh run could differ from what the page prints by ~1e-15)."""
    saved, _memo.CACHE_DIR = _memo.CACHE_DIR, DEFAULT_CACHE
    yield
    _memo.CACHE_DIR = saved


@pytest.fixture(scope="module")
def text_runs():
    return runs.text_runs()


# --- three-ways ---------------------------------------------------------------------------------------------------

@pytest.mark.covers("snippets/rnn_three_ways.py", "src/tfnotes/rnn/numpy_rnn.py:step",
                    "src/tfnotes/rnn/numpy_rnn.py:loss", "src/tfnotes/rnn/tf_rnn.py:tf-loss",
                    "src/tfnotes/rnn/tf_rnn.py:tf-tape", "src/tfnotes/rnn/keras_rnn.py:keras-load")
def test_the_snippet_prints_the_differences_the_page_quotes(ways):
    """D4: "The largest differences in the output above run from … (the last hidden state) to … (the gradients)"."""
    done = subprocess.run([sys.executable, "snippets/rnn_three_ways.py"], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    printed = dict(re.findall(r"^  (.+?): +(\S+)$", done.stdout, flags=re.MULTILINE))
    keys = {"logits, NumPy vs Keras": "logits_gap", "gradients, NumPy vs TensorFlow": "grad_gap",
            "h_T, NumPy vs TensorFlow": "h_gap", "loss, NumPy vs TensorFlow": "loss_gap_tf",
            "loss, NumPy vs Keras": "loss_gap_keras"}
    assert set(printed) == set(keys)
    assert all(printed[label] == f"{ways[key]:.1e}" for label, key in keys.items()), printed
    assert ways["smallest_gap"] == ways["h_gap"] and ways["largest_gap"] == ways["grad_gap"]
    # "The three losses agree to every printed digit" (12 decimals)
    losses = re.findall(r"^  (?:NumPy|TensorFlow|Keras) +(\d+\.\d{12})$", done.stdout, flags=re.MULTILINE)
    assert len(losses) == 3 and len(set(losses)) == 1
    assert f"{ways['loss']:.12f}" == losses[0]


def test_the_differences_are_a_few_rounding_steps(ways):
    """D4: "a few times the spacing of float64 numbers near 1"; "Most of them are not zero"."""
    assert ways["eps64"] == np.finfo(np.float64).eps and ways["eps32"] == np.finfo(np.float32).eps
    assert ways["eps64"] <= ways["smallest_gap"] <= ways["largest_gap"] <= 10 * ways["eps64"]
    gaps = [ways[k] for k in ("logits_gap", "grad_gap", "h_gap", "loss_gap_tf", "loss_gap_keras")]
    assert sum(g > 0 for g in gaps) > len(gaps) / 2


def test_the_parity_bound_is_a_tested_tolerance_not_the_rounding_level(parity):
    """D25: "a loss difference below … at every update. That is a chosen bound, far above float64 rounding …; the
    largest difference measured over the run is …"."""
    p = runs.parity()
    assert parity["tolerance"] == runs.PARITY_TOLERANCE
    assert np.max(np.abs(p["numpy"] - p["tf"])) == parity["max_loss_diff"] < parity["tolerance"]
    assert parity["within_tolerance"]
    assert parity["tolerance"] > 1e4 * np.finfo(np.float64).eps          # far above rounding
    assert parity["max_loss_diff"] < parity["tolerance"] / 100           # the measured gap is much smaller
    assert parity["max_param_diff"] < parity["tolerance"]
    assert parity["n_steps"] == len(p["numpy"]) == runs.PARITY["n_steps"] and parity["batch_size"] == 1
    # alt text: "falling jaggedly from about … to around …"
    assert parity["first_loss"] == pytest.approx(parity["uniform_loss"], abs=0.01)
    assert parity["last_loss"] < parity["first_loss"] - 1


def test_the_figure_and_the_tests_hold_the_curves_to_the_same_tolerance():
    """D25: the box in the figure states the tolerance of runs.PARITY_TOLERANCE, in both languages."""
    from tfnotes.figures import rnn_training

    source = inspect.getsource(rnn_training.loss_curves)
    assert "rnn_results.PARITY_TOLERANCE" in source and "PARITY_BOUND_EXP" not in source


def test_a_tiny_difference_grows_only_at_the_chaotic_learning_rate():
    """"At min-char-rnn's learning rate …, the two losses are more than … nats apart by update …; at the learning
    rate … used above, they stay within … over all … updates"."""
    c = get("rnn-chaos")
    assert c["chaotic_learning_rate"] == Adagrad().learning_rate            # min-char-rnn's
    assert c["stable_learning_rate"] == runs.PARITY["learning_rate"] < c["chaotic_learning_rate"]
    assert c["chaotic_diverged"] and 1 <= c["chaotic_diverged_at"] <= c["n_steps"]
    assert c["chaotic_max_diff"] > 10 * c["threshold"]
    assert not c["stable_diverged"] and c["stable_max_diff"] < c["threshold"] / 1000


# --- real-text: the texts -----------------------------------------------------------------------------------------

def test_the_table_of_texts_matches_the_shipped_files(texts):
    sh, ko = load_text("shakespeare"), load_text("korean-poems")
    assert (texts["sh_chars"], texts["sh_distinct"]) == (len(sh), len(set(sh)))
    assert (texts["ko_chars"], texts["ko_distinct"]) == (len(ko), len(set(ko)))
    # "the title poem … and the … poems of the collection's section": titles are lines followed by a blank line
    poems = ko.strip().split("\n\n\n")
    assert texts["ko_poems"] == len(poems) and texts["ko_section_poems"] == len(poems) - 1
    assert poems[0].startswith("진달래꽃\n\n")
    assert all(p.split("\n")[1] == "" for p in poems)                       # each poem opens with its title


def test_korean_text_facts(texts):
    """"a character occurs only about … times on average, and … of them occur only once"; NFD jamo."""
    ko = load_text("korean-poems")
    assert texts["ko_mean_count"] == pytest.approx(len(ko) / len(set(ko)))
    assert texts["ko_once"] == sum(1 for c in set(ko) if ko.count(c) == 1)
    assert texts["ko_once"] > texts["ko_distinct"] / 3
    assert texts["ko_syllables"] < texts["ko_distinct"] < texts["hangul_syllables"]
    assert texts["hangul_syllables"] == sum(1 for i in range(0x110000) if unicodedata.name(chr(i), "").startswith(
        "HANGUL SYLLABLE "))
    assert [unicodedata.name(c) for c in unicodedata.normalize("NFD", "달")] == [
        "HANGUL CHOSEONG TIKEUT", "HANGUL JUNGSEONG A", "HANGUL JONGSEONG RIEUL"]
    assert texts["ko_jamo"] < texts["ko_syllables"] / 4                     # the vocabulary shrinks a lot ...
    assert 1.5 < texts["ko_nfd_ratio"] < 3                                  # ... and the text grows longer


def test_the_set_up_copies_the_settings_of_the_runs(setup):
    sh, ko = runs.TEXT_RUNS["shakespeare"], runs.TEXT_RUNS["korean-poems"]
    assert setup["same_seq_len"] and setup["seq_len"] == sh["seq_len"] == ko["seq_len"]
    assert (sh["backend"], ko["backend"], ko["batch_size"]) == ("tf", "numpy", 1)
    # "split … ways, each stream would hold only … windows"
    assert setup["ko_windows_if_batched"] < 5
    # the optimisers' learning rates: min-char-rnn's Adagrad and the TF trainer's default Adam, as the runs use them
    assert setup["adagrad_lr"] == ko["learning_rate"] and setup["adam_lr"] == sh["learning_rate"]
    assert "optimizer or Adam(0.01)" in inspect.getsource(sys.modules["tfnotes.rnn.train"].train_tf)
    assert Adam().learning_rate == setup["adam_lr"]


# --- real-text: held-out ------------------------------------------------------------------------------------------

def test_the_held_out_part_is_the_end_of_each_text(res, setup):
    for name, p in (("shakespeare", "sh"), ("korean-poems", "ko")):
        text = load_text(name)
        assert res[f"{p}_n_train"] + res[f"{p}_n_heldout"] == len(text)
        assert res[f"{p}_n_heldout"] == pytest.approx(setup["heldout"] * len(text), abs=1)


def test_unseen_characters_only_in_the_korean_held_out_part(res, text_runs):
    """D38: "In the Shakespeare text every character of the held-out part also occurs in the training part. In the
    Korean text … held-out characters … never do … it costs … nats on average, against … for the other characters"."""
    for name, p in (("shakespeare", "sh"), ("korean-poems", "ko")):
        text = load_text(name)
        train, heldout = split_heldout(Vocab.from_text(text).encode(text), runs.HELDOUT)
        unseen = ~np.isin(heldout[1:], train)
        assert res[f"{p}_unseen"] == int(unseen.sum())
    assert res["sh_unseen"] == 0 and res["ko_unseen"] > 0
    assert res["ko_unseen_distinct"] <= res["ko_unseen"]
    assert res["ko_unseen_loss"] > res["ko_seen_loss"] + 3
    assert res["ko_unseen_loss"] > np.log(text_runs["korean-poems"]["vocab_size"])   # worse than a uniform guess


def test_the_smoothed_curve_starts_at_ln_v_by_convention_and_lags(res, setup, text_runs):
    """D8: "The dark line starts at ln V by convention …; The first window's loss is indeed close to it …; at update
    … the last … windows … average … while the dark line still shows …"."""
    s = setup["smoothing"]
    assert setup["ema_span"] == pytest.approx(1 / (1 - s))
    for run in text_runs.values():
        lnv = np.log(run["vocab_size"])
        assert run["smooth_losses"][0] == pytest.approx(s * lnv + (1 - s) * run["losses"][0])
    assert res["sh_first_loss"] == pytest.approx(np.log(text_runs["shakespeare"]["vocab_size"]), abs=0.01)
    for k in (res["lag_1"], res["lag_2"]):
        assert res[f"sh_ema_{k}"] > res[f"sh_raw_{k}"] + 0.3


def test_held_out_loss_passes_the_unigram_before_the_bigram(res):
    """"the RNN is below that by update …"; "To go below …, the bigram baseline …, takes until update …"."""
    assert 0 < res["sh_val_below_unigram_at"] < res["sh_val_below_bigram_at"]
    assert res["sh_bigram_loss"] < res["sh_unigram_loss"] < np.log(get("rnn-texts")["sh_distinct"])


def test_the_korean_run_spikes_above_ln_v_early_and_only_there(res, setup, text_runs):
    """D8: "[[ko_spikes]] of its first [[early]] windows cost more than a uniform guess, up to …; gradient norms …
    reach … against a median of …; no window costs more than ln V after update …"; the caption's contrast: the
    Shakespeare run never goes above ln V after its first window."""
    run = text_runs["korean-poems"]
    lnv = np.log(run["vocab_size"])
    assert res["ko_spikes"] >= 3 and res["ko_spike_max"] > lnv + 2
    assert res["ko_spike_at"] <= res["early"] and res["ko_last_above"] <= 2 * res["early"]
    assert not np.any(run["losses"][res["ko_last_above"]:] > lnv)
    assert res["ko_early_norm_max"] > 3 * res["ko_late_norm_median"]
    assert res["sh_last_above"] <= 1 and res["sh_spike_max"] < np.log(text_runs["shakespeare"]["vocab_size"]) + 0.01
    assert setup["ko_clip"] == inspect.signature(train_numpy).parameters["clip_value"].default


def test_baselines_and_the_rnn_on_the_held_out_part(res):
    """D33 table and the paragraphs under it."""
    for p, V in (("sh", get("rnn-texts")["sh_distinct"]), ("ko", get("rnn-texts")["ko_distinct"])):
        assert res[f"{p}_uniform_ppl"] == pytest.approx(V)
        assert res[f"{p}_unigram_ppl"] < res[f"{p}_uniform_ppl"]
    # "On Shakespeare the RNN beats both counting models by far, and its held-out perplexity is not far above the one
    # on its training part"
    assert res["sh_rnn_beats_bigram"] and res["sh_val_ppl"] < 0.75 * res["sh_bigram_ppl"] < res["sh_unigram_ppl"]
    assert 0 < res["sh_gap"] < 0.5 and res["sh_gap"] < res["ko_gap"] / 5


def test_the_korean_model_memorises(res, text_runs):
    """D32: "on the held-out poems it is …, worse than the unigram model …; Its held-out loss was lowest at update …
    and rose from there while the training loss kept falling"; "Even leaving out the unseen characters, its held-out
    perplexity is …, close to the unigram model's"; the standard error against the gap."""
    run = text_runs["korean-poems"]
    assert not res["ko_rnn_beats_unigram"] and res["ko_val_ppl"] > res["ko_unigram_ppl"]
    assert res["ko_train_ppl"] < res["ko_val_ppl"] / 10
    best = res["ko_best_val_step"]
    assert best < len(run["losses"]) / 2
    assert res["ko_val_loss"] > res["ko_best_val_loss"] + 0.3
    assert run["smooth_losses"][-1] < run["smooth_losses"][best - 1] - 0.5
    assert abs(np.log(res["ko_seen_ppl"] / res["ko_unigram_ppl"])) < 0.25
    assert res["ko_gap"] > 5 * res["ko_val_se"]


def test_the_figure_names_the_smoothed_training_perplexity():
    """D26: the number at the end of the dark line is called the smoothed training perplexity."""
    from tfnotes.figures.strings import LABELS

    assert LABELS["rnn_final_ppl"]["en"].startswith("smoothed training perplexity")
    assert LABELS["rnn_final_ppl"]["ko"].startswith("평활화한 학습 퍼플렉서티")
    run = runs.text_runs()["shakespeare"]
    assert run["perplexity"] == pytest.approx(np.exp(run["smooth_losses"][-1]))


# --- real-text: samples -------------------------------------------------------------------------------------------

def test_low_temperature_keeps_real_words_and_layout(res, text_runs, setup):
    """D31: "Of the words in the Shakespeare sample at temperature …, … are words of the original; at …, …"; colons
    after speaker names and the poems' short lines at the low temperature. (No claim that phrases repeat.)"""
    for p in ("sh", "ko"):
        shares = [res[f"{p}_known_words_{i}"] for i in range(len(runs.TEMPERATURES))]
        assert shares == sorted(shares, reverse=True) and shares[0] > shares[-1] + 0.2
    low = setup["t_low"]
    assert ":" in text_runs["shakespeare"]["samples"][low]
    assert "\n" in text_runs["korean-poems"]["samples"][low]


def test_samples_during_training_gain_real_words(res, setup, text_runs):
    """D42: "During training the share of real words in the samples grows, from … after … updates through … and …
    to … at the end"."""
    snaps = text_runs["shakespeare"]["snapshots"]
    assert sorted(snaps) == [setup["snap_1"], setup["snap_2"], setup["snap_3"]]
    shares = [res["snap_known_1"], res["snap_known_2"], res["snap_known_3"], res["sh_known_words_1"]]
    assert shares == sorted(shares) and shares[-1] > shares[0] + 0.2
    assert setup["t_mid"] == 1.0          # the snapshots' temperature (char_model's default) is the middle one


def test_the_run_it_yourself_paragraph_quotes_ln_v(texts):
    """"The first loss is ln 58 ≈ 4.06"."""
    assert format_value(texts["sh_lnv"], ".2f", "en") == f"{np.log(58):.2f}" and texts["sh_distinct"] == 58


@pytest.mark.covers("src/tfnotes/rnn/train.py:adagrad", "src/tfnotes/rnn/train.py:adam")
def test_adagrad_and_adam_take_the_steps_the_formulas_give():
    """The two update rules shown on the real-text page, step by step against the formulas beside them."""
    rng = np.random.default_rng(0)
    grads = [rng.standard_normal(3) for _ in range(4)]
    theta0 = rng.standard_normal(3)
    ada, p = Adagrad(0.1, eps=1e-8), {"w": theta0.copy()}
    G, expected = np.zeros(3), theta0.copy()
    for g in grads:
        ada.update(p, {"w": g})
        G += g * g
        expected -= 0.1 * g / np.sqrt(G + 1e-8)
        np.testing.assert_allclose(p["w"], expected, rtol=1e-12)
    adam, p = Adam(0.01, beta1=0.9, beta2=0.999, eps=1e-8), {"w": theta0.copy()}
    m, v, expected = np.zeros(3), np.zeros(3), theta0.copy()
    for t, g in enumerate(grads, start=1):
        adam.update(p, {"w": g})
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        expected -= 0.01 * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
        np.testing.assert_allclose(p["w"], expected, rtol=1e-12)


def test_a_small_run_of_the_char_model_reports_held_out_numbers():
    """char_model's held-out bookkeeping on a short NumPy run (the figure's runs are the long version)."""
    from tfnotes.rnn.experiments import char_model

    out = char_model("korean-poems", backend="numpy", hidden_size=8, n_steps=40, eval_every=10, sample_length=5,
                     snapshot_steps=(20,), temperatures=(1.0,))
    assert list(out["eval_steps"]) == [10, 20, 30, 40] and out["val_losses"].shape == (4,)
    assert out["val_loss"] == pytest.approx(out["val_losses"][-1])
    assert out["n_train"] + out["n_heldout"] == len(load_text("korean-poems"))
    assert set(out["snapshots"]) == {20} and len(out["snapshots"][20]) == 6
    assert out["unseen"] > 0 and np.isfinite(out["unseen_loss"]) and out["unseen_loss"] > out["seen_loss"]
    whole = char_model("korean-poems", backend="numpy", hidden_size=8, n_steps=5, heldout=None, sample_length=5)
    assert "val_loss" not in whole and whole["snapshots"] == {}
