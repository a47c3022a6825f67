"""RNN chapter, the "hello" character model: its layers and sizes, one-hot inputs, softmax before and after training."""

from __future__ import annotations

import numpy as np
from matplotlib.patches import Rectangle

from tfnotes.figures import _plot, figure
from tfnotes.runs import rnn as rnn_results
from tfnotes.figures import rnn_draw as D
from tfnotes.figures.strings import t
from tfnotes.rnn.params import count_params, init_params
from tfnotes.rnn.vocab import END, hello_task

TARGET = "#009E73"  # the bar of the character that should come next
OTHER = "#c4c4c4"


def hello_sizes() -> dict[str, int]:
    """V, H and the parameter count of the model that the "hello" figures train (:data:`runs.rnn.HELLO`)."""
    vocab, _, _ = hello_task(end=True)
    H = rnn_results.HELLO["hidden_size"]
    return {"V": vocab.size, "H": H, "n_params": count_params(init_params(vocab.size, H))}


def _symbol(s: str) -> str:
    return "<end>" if s == END else s


@figure("rnn-hello-network")
def network(lang: str):
    vocab, inputs, targets = hello_task(end=True)
    sizes = hello_sizes()
    V, H = sizes["V"], sizes["H"]
    gap = 0.6
    xs = {"in": 1.6, "hid": 6.0, "out": 10.4}
    ys_in = (np.arange(V)[::-1] - (V - 1) / 2) * gap
    ys_hid = (np.arange(H)[::-1] - (H - 1) / 2) * gap
    top = ys_hid[0]
    fig, ax = D.canvas(10.5, 5.9, (-0.6, 12.6), (-4.1, top + 1.75))
    example_in, example_target = int(inputs[0]), int(targets[0])  # reading "h", the answer is "e"

    for yi in ys_in:
        for yh in ys_hid:
            ax.plot([xs["in"], xs["hid"]], [yi, yh], color=D.WEIGHT["W_xh"], lw=0.5, alpha=0.35, zorder=1)
            ax.plot([xs["hid"], xs["out"]], [yh, yi], color=D.WEIGHT["W_hy"], lw=0.5, alpha=0.35, zorder=1)
    for i, yi in enumerate(ys_in):
        on = i == example_in
        D.node(ax, xs["in"], yi, "1" if on else "0", r=0.22, size=9, fill=D.WEIGHT["W_xh"] if on else D.FILL["x"],
               color="white" if on else "#333333")
        D.label(ax, xs["in"] - 0.38, yi, _symbol(vocab.symbols[i]), ha="right", size=10, halo=False)
        hit = i == example_target
        D.node(ax, xs["out"], yi, "", r=0.22, fill=TARGET if hit else D.FILL["y"], lw=1.2)
        D.label(ax, xs["out"] + 0.38, yi, _symbol(vocab.symbols[i]), ha="left", size=10, halo=False)
    for yh in ys_hid:
        D.node(ax, xs["hid"], yh, "", r=0.22, fill=D.FILL["h"])
    # W_hh: every hidden unit feeds every hidden unit at the next step; drawn as one loop over the layer.
    D.arrow(ax, (xs["hid"] + 0.2, top + 0.24), (xs["hid"] - 0.2, top + 0.24), color=D.WEIGHT["W_hh"], rad=2.6,
            lw=1.6)
    D.label(ax, xs["hid"] + 0.55, top + 0.6, t("rnn_net_whh", lang, H=H), color=D.WEIGHT["W_hh"], ha="left",
            size=10)

    head = top + 1.35
    D.label(ax, xs["in"], head, t("rnn_net_input", lang, V=V), size=10, halo=False)
    D.label(ax, xs["out"], head, t("rnn_net_output", lang, V=V), size=10, halo=False)
    D.label(ax, xs["hid"], head, t("rnn_net_hidden", lang, H=H), size=10, halo=False)
    low = ys_hid[-1]
    D.label(ax, (xs["in"] + xs["hid"]) / 2, low - 0.1, t("rnn_net_wxh", lang, H=H, V=V), color=D.WEIGHT["W_xh"],
            size=10)
    D.label(ax, (xs["hid"] + xs["out"]) / 2, low - 0.1, t("rnn_net_why", lang, H=H, V=V), color=D.WEIGHT["W_hy"],
            size=10)
    D.label(ax, xs["hid"], low - 0.55, t("rnn_net_bh", lang, H=H), size=9.5, halo=False)
    D.label(ax, xs["out"], ys_in[-1] - 0.55, t("rnn_net_by", lang, V=V), size=9.5, halo=False)
    D.label(ax, xs["in"], ys_in[-1] - 0.55, t("rnn_net_example", lang, a=_symbol(vocab.symbols[example_in]),
                                              b=_symbol(vocab.symbols[example_target])), size=9, halo=False,
            color="#444444")
    total = H * V + H * H + V * H + H + V
    if total != sizes["n_params"]:  # the formula on the figure must be what count_params counts
        raise ValueError(f"parameter formula gives {total}, count_params gives {sizes['n_params']}")
    D.box(ax, xs["hid"], low - 1.25, 9.6, 0.5, t("rnn_net_count", lang, H=H, V=V, n=sizes["n_params"]),
          fill=D.FILL["note"], edge="#999999", size=10.5, lw=0.8, pad=0.05)
    return fig


@figure("rnn-one-hot")
def one_hot(lang: str):
    vocab, inputs, _ = hello_task(end=True)
    x = vocab.one_hot(inputs)  # (T, V)
    T, V = x.shape
    fig, ax = _plot.subplots(width=5.4, height=4.0)
    for r in range(T):
        for c in range(V):
            on = x[r, c] == 1
            fill = "#0072B2" if on else ("#f0f0f0" if vocab.symbols[c] == END else "white")
            ax.add_patch(Rectangle((c, r), 1, 1, facecolor=fill, edgecolor="#999999", lw=0.8))
            ax.text(c + 0.5, r + 0.5, f"{x[r, c]:.0f}", ha="center", va="center", fontsize=12,
                    color="white" if on else "#777777", weight="bold" if on else "normal")
    ax.set_xlim(0, V)
    ax.set_ylim(T, 0)
    ax.set_aspect("equal")
    ax.grid(False)
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    ax.xaxis.tick_top()
    ax.xaxis.set_label_position("top")
    ax.set_xticks(np.arange(V) + 0.5, [_symbol(s) for s in vocab.symbols])
    ax.set_yticks(np.arange(T) + 0.5, [t("rnn_onehot_row", lang, t=r + 1, c=vocab.symbols[i])
                                       for r, i in enumerate(inputs)])
    ax.tick_params(length=0, labelsize=10.5)
    ax.set_xlabel(t("rnn_onehot_cols", lang, V=V), labelpad=8)
    ax.set_ylabel(t("rnn_onehot_rows", lang))
    ax.set_title(t("rnn_onehot_title", lang), pad=12)
    ax.text(V - 0.5, T + 0.12, t("rnn_onehot_end", lang), ha="center", va="top", fontsize=8.5, color="#555555",
            multialignment="center")
    return fig


@figure("rnn-hello-softmax")
def hello_softmax(lang: str):
    res = rnn_results.hello()
    symbols = [_symbol(s) for s in res["symbols"]]
    T, V = res["before"].shape
    fig, axes = _plot.subplots(2, T, width=11, height=4.9, sharey=True)
    rows = [(res["before"], t("rnn_softmax_before", lang)),
            (res["after"], t("rnn_softmax_after", lang, n=len(res["losses"])))]
    for row, (probs, name) in enumerate(rows):
        for step in range(T):
            ax = axes[row, step]
            target = res["symbols"].index(res["targets"][step])
            colors = [TARGET if j == target else OTHER for j in range(V)]
            ax.bar(np.arange(V), probs[step], color=colors, width=0.7)
            p = probs[step, target]
            ax.text(target, p + 0.03, f"{p:.2f}", ha="center", va="bottom", fontsize=9, color=TARGET,
                    weight="bold")
            ax.set_xticks(np.arange(V), symbols, fontsize=8.5)
            ax.set_ylim(0, 1.12)
            ax.set_yticks([0, 0.5, 1])
            ax.grid(axis="x", visible=False)
            if row == 0:
                ax.set_title(t("rnn_softmax_step", lang, t=step + 1, a=_symbol(res["inputs"][step]),
                               b=_symbol(res["targets"][step])), fontsize=10.5)
        axes[row, 0].set_ylabel(name + "\n" + t("rnn_p_t", lang))
    handles = [Rectangle((0, 0), 1, 1, color=TARGET), Rectangle((0, 0), 1, 1, color=OTHER)]
    fig.legend(handles, [t("rnn_softmax_target", lang), t("rnn_softmax_other", lang)], loc="outside lower center",
               ncols=2, fontsize=9.5)
    return fig
