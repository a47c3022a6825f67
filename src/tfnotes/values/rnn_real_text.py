"""Numbers quoted on the real-text page (docs/rnn/real-text.*.md) and its figure texts.

- ``rnn-texts``: facts of the two shipped texts (size, vocabulary, how often characters occur, NFD jamo).
- ``rnn-text-setup``: the settings of the two training runs (``tfnotes.runs.rnn.TEXT_RUNS``) and of the trainers.
- ``rnn-text-results``: what the runs produced: training and held-out losses, the counting baselines on the same
  held-out part, the early spikes of the Korean run, the lag of the smoothed curve, the samples' words.

Keys start with ``sh_`` (Shakespeare) or ``ko_`` (Kim Sowol's poems).
"""

from __future__ import annotations

import inspect
import re
import unicodedata
from collections import Counter

import numpy as np

from tfnotes.rnn.heldout import baseline_losses, split_heldout
from tfnotes.rnn.texts import load_text
from tfnotes.rnn.train import Adagrad, Adam, train_numpy
from tfnotes.rnn.vocab import Vocab
from tfnotes.runs import rnn as runs
from tfnotes.values import value

PREFIX = {"shakespeare": "sh", "korean-poems": "ko"}
EARLY = 50        # "early" updates, where the Korean run's spikes are looked for
LAG_AT = (50, 100)  # updates at which the smoothed curve is compared with the windows' own losses
LAG_WINDOWS = 10  # ... averaged over this many windows ending there
STREAMS = 32      # the TensorFlow trainer's batch, as if the Korean text were split into it


def _words(text: str) -> list[str]:
    """Words as runs of letters (Latin or Hangul), so punctuation and line breaks do not count."""
    return re.findall(r"[A-Za-z'가-힣]+", text)


def _is_jamo(ch: str) -> bool:
    return 0x1100 <= ord(ch) <= 0x11FF


@value("rnn-texts")
def texts() -> dict:
    out: dict = {}
    for name, p in PREFIX.items():
        text = load_text(name)
        counts = Counter(text)
        out.update({f"{p}_chars": len(text), f"{p}_distinct": len(counts),
                    f"{p}_lnv": float(np.log(len(counts))),
                    f"{p}_mean_count": len(text) / len(counts),
                    f"{p}_once": sum(1 for c in counts.values() if c == 1),
                    f"{p}_lines": text.count("\n")})
    korean = load_text("korean-poems")
    nfd = unicodedata.normalize("NFD", korean)
    out.update({
        "ko_poems": len(korean.strip().split("\n\n\n")),     # poems are separated by two blank lines
        "ko_section_poems": len(korean.strip().split("\n\n\n")) - 1,   # all but the title poem
        "ko_syllables": sum(1 for ch in set(korean) if 0xAC00 <= ord(ch) <= 0xD7A3),
        "ko_jamo": len({ch for ch in nfd if _is_jamo(ch)}),
        "ko_nfd_ratio": len(nfd) / len(korean),
        "ko_nfd_chars": len(nfd),
        "hangul_syllables": 0xD7A3 - 0xAC00 + 1,              # every syllable Unicode encodes
    })
    return out


@value("rnn-text-setup")
def setup() -> dict:
    sh, ko = runs.TEXT_RUNS["shakespeare"], runs.TEXT_RUNS["korean-poems"]
    smoothing = inspect.signature(train_numpy).parameters["smoothing"].default
    korean = Vocab.from_text(load_text("korean-poems"))
    ko_train, _ = split_heldout(korean.encode(load_text("korean-poems")), runs.HELDOUT)
    return {
        "seq_len": sh["seq_len"], "same_seq_len": sh["seq_len"] == ko["seq_len"],
        "sh_batch": sh["batch_size"], "sh_hidden": sh["hidden_size"], "sh_steps": sh["n_steps"],
        "sh_lr": sh["learning_rate"], "ko_hidden": ko["hidden_size"], "ko_steps": ko["n_steps"],
        "ko_lr": ko["learning_rate"], "ko_batch": ko["batch_size"],
        "adagrad_lr": Adagrad().learning_rate, "adam_lr": Adam().learning_rate,
        "heldout": runs.HELDOUT, "eval_every": runs.EVAL_EVERY,
        "smoothing": smoothing, "ema_span": 1 / (1 - smoothing),
        "ko_windows_if_batched": (len(ko_train) // STREAMS - 1) // ko["seq_len"],
        "t_low": runs.TEMPERATURES[0], "t_mid": runs.TEMPERATURES[1], "t_high": runs.TEMPERATURES[2],
        "sample_chars": runs.SAMPLE_LENGTH + 1,
        "ko_clip": inspect.signature(train_numpy).parameters["clip_value"].default,
        "snap_1": sh["snapshot_steps"][0], "snap_2": sh["snapshot_steps"][1], "snap_3": sh["snapshot_steps"][2],
    }


@value("rnn-text-results")
def results() -> dict:
    all_runs = runs.text_runs()
    out: dict = {}
    for name, p in PREFIX.items():
        run = all_runs[name]
        text = load_text(name)
        vocab = Vocab.from_text(text)
        train, heldout = split_heldout(vocab.encode(text), runs.HELDOUT)
        base = baseline_losses(train, heldout, vocab.size)
        best = int(np.argmin(run["val_losses"]))
        out.update({
            f"{p}_n_train": run["n_train"], f"{p}_n_heldout": run["n_heldout"],
            f"{p}_smooth_loss": float(run["smooth_losses"][-1]), f"{p}_smooth_ppl": run["perplexity"],
            f"{p}_train_loss": run["train_loss"], f"{p}_train_ppl": float(np.exp(run["train_loss"])),
            f"{p}_val_loss": run["val_loss"], f"{p}_val_ppl": float(np.exp(run["val_loss"])),
            f"{p}_best_val_loss": float(run["val_losses"][best]),
            f"{p}_best_val_ppl": float(np.exp(run["val_losses"][best])),
            f"{p}_best_val_step": int(run["eval_steps"][best]),
            f"{p}_gap": run["val_loss"] - run["train_loss"],
            f"{p}_val_se": run["val_loss_sd"] / np.sqrt(run["n_heldout"] - 1),   # standard error of the mean
            f"{p}_uniform_ppl": float(np.exp(base["uniform"])), f"{p}_unigram_ppl": float(np.exp(base["unigram"])),
            f"{p}_bigram_ppl": float(np.exp(base["bigram"])),
            f"{p}_unigram_loss": base["unigram"], f"{p}_bigram_loss": base["bigram"],
            f"{p}_unseen": run["unseen"], f"{p}_unseen_distinct": run["unseen_distinct"],
            f"{p}_first_loss": float(run["losses"][0]),
            f"{p}_rnn_beats_unigram": bool(run["val_loss"] < base["unigram"]),
            f"{p}_rnn_beats_bigram": bool(run["val_loss"] < base["bigram"]),
            f"{p}_best_beats_unigram": bool(run["val_losses"][best] < base["unigram"]),
        })
        if run["unseen"]:
            out.update({f"{p}_unseen_loss": run["unseen_loss"], f"{p}_seen_loss": run["seen_loss"],
                        f"{p}_seen_ppl": float(np.exp(run["seen_loss"]))})
        known = set(_words(text))
        for i, temp in enumerate(runs.TEMPERATURES):
            words = _words(run["samples"][temp])
            out[f"{p}_known_words_{i}"] = sum(w in known for w in words) / len(words) if words else 0.0
        # when the held-out loss first falls below each counting model's
        for model in ("unigram", "bigram"):
            below = np.flatnonzero(run["val_losses"] < base[model])
            out[f"{p}_val_below_{model}_at"] = int(run["eval_steps"][below[0]]) if len(below) else 0
        # the smoothed curve against the windows' own losses
        for k in LAG_AT:
            out[f"{p}_raw_{k}"] = float(np.mean(run["losses"][k - LAG_WINDOWS:k]))
            out[f"{p}_ema_{k}"] = float(run["smooth_losses"][k - 1])
        # spikes: early windows whose loss is above a uniform guess
        early, lnv = run["losses"][:EARLY], float(np.log(run["vocab_size"]))
        out[f"{p}_last_above"] = int(np.flatnonzero(run["losses"] > lnv)[-1]) + 1 if np.any(run["losses"] > lnv) else 0
        out.update({f"{p}_spikes": int(np.sum(early > lnv)), f"{p}_spike_max": float(early.max()),
                    f"{p}_spike_at": int(np.argmax(early)) + 1,
                    f"{p}_early_norm_max": float(run["grad_norms"][:EARLY].max()),
                    f"{p}_late_norm_median": float(np.median(run["grad_norms"][-EARLY:]))})
    snaps = all_runs["shakespeare"]["snapshots"]
    known = set(_words(load_text("shakespeare")))
    for i, step in enumerate(sorted(snaps), start=1):
        words = _words(snaps[step])
        out[f"snap_known_{i}"] = sum(w in known for w in words) / len(words) if words else 0.0
    out["early"] = EARLY
    out["lag_1"], out["lag_2"] = LAG_AT
    out["lag_windows"] = LAG_WINDOWS
    return out
