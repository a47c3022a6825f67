"""RNN chapter, real training: NumPy against TensorFlow, loss and perplexity on the shipped texts, samples."""

from __future__ import annotations

import unicodedata

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import font_manager

from tfnotes.figures import _plot, figure
from tfnotes.runs import rnn as rnn_results
from tfnotes.figures.strings import t

MONO = "Noto Sans Mono CJK KR"  # ships with the Hangul font (Debian fonts-noto-cjk); Hangul is two columns wide
TEXTS = ("shakespeare", "korean-poems")
WRAP = 100  # columns per sample line (a Hangul syllable takes two)
PROGRESS = "shakespeare"  # the run whose samples during training the samples figure shows
SNAPSHOT_TEMPERATURE = 1.0  # char_model's default snapshot temperature, one of rnn_results.TEMPERATURES


@figure("rnn-loss-curves")
def loss_curves(lang: str):
    res = rnn_results.parity()
    cfg = rnn_results.PARITY
    a, b = res["numpy"], res["tf"]
    tolerance = rnn_results.PARITY_TOLERANCE   # a tested bound, drawn instead of the measured rounding noise
    if not res["max_loss_diff"] < tolerance:
        raise ValueError(f"NumPy and TensorFlow losses differ by {res['max_loss_diff']:.2e} > {tolerance:g}")
    steps = np.arange(1, len(a) + 1)
    fig, top = _plot.subplots(width=7.5, height=4.0)
    top.plot(steps, a, "-", color="#0072B2", lw=2.2, label=t("rnn_numpy_impl", lang))
    top.plot(steps, b, "--", color="#E69F00", lw=1.3, label=t("rnn_tf_impl", lang))
    top.set_ylabel(t("rnn_loss_per_char", lang))
    top.set_xlabel(t("rnn_updates", lang))
    top.set_title(t("rnn_parity_title", lang, H=cfg["hidden_size"], T=cfg["seq_len"], lr=cfg["learning_rate"]),
                  fontsize=10.5)
    top.legend(loc="upper right")
    top.text(0.02, 0.04, t("rnn_parity_max", lang, e=round(np.log10(tolerance))), transform=top.transAxes,
             fontsize=10,
             va="bottom", bbox=dict(boxstyle="round,pad=0.3", facecolor="white", edgecolor="#999999", lw=0.8))
    return fig


@figure("rnn-text-training")
def text_training(lang: str):
    runs = rnn_results.text_runs()
    fig, axes = _plot.subplots(1, 2, width=11, height=4.4)
    ppl_ticks = [2, 5, 10, 20, 50, 100, 300, 1000, 3000, 10000]
    for ax, name in zip(axes, TEXTS):
        run, cfg = runs[name], rnn_results.TEXT_RUNS[name]
        steps = np.arange(1, len(run["losses"]) + 1)
        ax.plot(steps, run["losses"], color="#56B4E9", lw=0.6, alpha=0.55, label=t("rnn_loss_raw", lang))
        ax.plot(steps, run["smooth_losses"], color="#0072B2", lw=2.2, label=t("rnn_loss_smooth", lang))
        ax.plot(run["eval_steps"], run["val_losses"], "o-", color="#D55E00", lw=1.6, ms=3.2,
                label=t("rnn_loss_heldout", lang))
        uniform = np.log(run["vocab_size"])
        ax.axhline(uniform, color="#999999", lw=0.9, ls=":")
        ax.annotate(t("rnn_uniform", lang, V=run["vocab_size"]), xy=(len(steps), uniform), xytext=(0, 3),
                    textcoords="offset points", ha="right", va="bottom", fontsize=8.5, color="#666666")
        # the whole range, so the early spikes above ln V (the Korean run) stay visible
        top = max(uniform * 1.25, float(np.max(run["losses"])) * 1.06, float(np.max(run["val_losses"])) * 1.06)
        ax.set_ylim(0, top)
        ppl = ax.secondary_yaxis("right", functions=(np.exp, lambda p: np.log(np.maximum(p, 1e-9))))
        ppl.set_yticks([p for p in ppl_ticks if np.log(p) <= top])
        ppl.set_ylabel(t("rnn_perplexity", lang))
        ax.annotate(t("rnn_final_ppl", lang, p=run["perplexity"]), xy=(len(steps), run["smooth_losses"][-1]),
                    xytext=(-10, -30), textcoords="offset points", ha="right", fontsize=9.5, color="#0072B2",
                    arrowprops=dict(arrowstyle="-", color="#0072B2", lw=0.8))
        ax.annotate(t("rnn_heldout_ppl", lang, p=float(np.exp(run["val_loss"]))),
                    xy=(run["eval_steps"][-1], run["val_losses"][-1]),   # below the point when ln V's label is above
                    xytext=(-10, -24 if abs(run["val_losses"][-1] - uniform) < 0.6 else 16),
                    textcoords="offset points", ha="right", fontsize=9.5, color="#D55E00",
                    arrowprops=dict(arrowstyle="-", color="#D55E00", lw=0.8))
        peak = int(np.argmax(run["losses"]))
        if run["losses"][peak] > uniform * 1.05:          # a spike above a uniform guess: name it
            ax.annotate(t("rnn_spike", lang, v=float(run["losses"][peak]), k=peak + 1),
                        xy=(peak + 1, run["losses"][peak]), xytext=(14, -4), textcoords="offset points",
                        va="center", fontsize=8.5, color="#333333",
                        arrowprops=dict(arrowstyle="-", color="#333333", lw=0.7))
        ax.set_title(t(f"rnn_text_{name}", lang, V=run["vocab_size"]) + "\n"
                     + t(f"rnn_setup_{cfg['backend']}", lang, H=cfg["hidden_size"], B=cfg["batch_size"],
                         T=cfg["seq_len"]), fontsize=10.5)
        ax.set_xlabel(t("rnn_updates", lang))
        ax.set_ylabel(t("rnn_loss_per_char", lang))      # on both panels: the left panel's perplexity label sits
        ax.spines["right"].set_visible(True)              # next to the right panel's loss axis
    axes[0].legend(loc="lower left", fontsize=9)
    return fig


def _drawable(text: str) -> str:
    """``text`` as the samples figure shows it: newlines as ⏎, and any character the font lacks as ``?``.

    A generated character is always one of the training text's, but a missing glyph would fail the build
    ("Glyph missing" is an error), so the text is checked against the font's character map, not trusted.
    """
    charmap = font_manager.get_font(font_manager.findfont(font_manager.FontProperties(family=MONO))).get_charmap()
    shown = text.replace("\n", "⏎")
    return "".join(ch if ord(ch) in charmap else "?" for ch in shown)


def _columns(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _wrap(text: str, width: int = WRAP) -> list[str]:
    """Cut ``text`` into lines of at most ``width`` display columns (wide characters count two),
    after a space where one is near the end of the line."""
    lines, line = [], ""
    for ch in text:
        if sum(map(_columns, line + ch)) > width:
            cut = line.rfind(" ") + 1
            if cut < len(line) * 0.8:  # no space near the end: cut inside the word
                cut = len(line)
            lines.append(line[:cut])
            line = line[cut:]
        line += ch
    return lines + [line] if line else lines


@figure("rnn-samples")
def samples(lang: str):
    runs = rnn_results.text_runs()
    rows = []  # (kind, text, extra)
    for name in TEXTS:
        rows.append(("head", t(f"rnn_samples_{name}", lang), None))
        for temp, text in runs[name]["samples"].items():
            rows.append(("sample", t("rnn_temperature", lang, T=temp), _drawable(text)))
    # the same model at a few points of its training (the last row is the final model, as above)
    progress = runs[PROGRESS]
    steps = len(progress["losses"])
    rows.append(("head", t("rnn_samples_progress", lang, T=SNAPSHOT_TEMPERATURE), None))
    for step, text in [*progress["snapshots"].items(), (steps, progress["samples"][SNAPSHOT_TEMPERATURE])]:
        rows.append(("sample", t("rnn_after_updates", lang, n=step), _drawable(text)))
    heights = [0.55 if kind == "head" else 0.28 * len(_wrap(text)) + 0.22 for kind, _, text in rows]
    total = sum(heights) + 0.35
    fig = plt.figure(figsize=(10.5, total))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 10.5)
    ax.set_ylim(total, 0)
    ax.axis("off")
    y = 0.05
    for (kind, text, sample), h in zip(rows, heights):
        if kind == "head":
            ax.text(0.1, y + 0.33, text, fontsize=11.5, weight="bold", va="center")
            ax.plot([0.1, 10.4], [y + h - 0.02, y + h - 0.02], color="#999999", lw=0.8)
        else:
            ax.text(0.25, y + 0.12, text, fontsize=10, va="top", color="#0072B2")
            for j, line in enumerate(_wrap(sample)):
                ax.text(1.45, y + 0.12 + 0.28 * j, line, fontsize=10.5, va="top", family=MONO, parse_math=False)
        y += h
    ax.text(10.4, total - 0.12, t("rnn_samples_note", lang, n=rnn_results.SAMPLE_LENGTH + 1), ha="right",
            va="bottom", fontsize=8.5, color="#666666")
    return fig
