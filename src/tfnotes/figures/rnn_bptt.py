"""RNN chapter, training: how BPTT sends gradients back, why they vanish or explode, clipping, truncated BPTT."""

from __future__ import annotations

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Arc, Circle, Rectangle

from tfnotes.figures import _plot, figure
from tfnotes.runs import rnn as rnn_results
from tfnotes.figures import rnn_draw as D
from tfnotes.figures.strings import t
from tfnotes.rnn import experiments

BACK = (0, (4, 2.5))  # dash pattern of the backward pass


def _legend(ax, lang: str, **kw) -> None:
    handles = [Line2D([], [], color=D.INK, lw=1.4), Line2D([], [], color=D.GRAD, lw=1.4, ls=BACK)]
    ax.legend(handles, [t("rnn_forward", lang), t("rnn_backward", lang)], **kw)


@figure("rnn-bptt-flow")
def bptt_flow(lang: str):
    steps = 4
    fig, ax = D.canvas(11.5, 6.2, (-0.6, 16.6), (-2.35, 6.1))
    y_x, y_h, y_p, y_l = 0.3, 2.0, 3.6, 5.1
    x0, dx = 0.4, 3.2
    prev = D.node(ax, x0, y_h, t("rnn_h_0", lang), size=10)
    for i in range(1, steps + 1):
        x = x0 + i * dx
        xn = D.node(ax, x, y_x, t("rnn_x_i", lang, i=i), fill=D.FILL["x"])
        hn = D.node(ax, x, y_h, t("rnn_h_i", lang, i=i), fill=D.FILL["h"])
        pn = D.node(ax, x, y_p, t("rnn_p_i", lang, i=i), fill=D.FILL["y"])
        ln = D.box(ax, x, y_l, 0.7, 0.5, t("rnn_L_i", lang, i=i), fill=D.FILL["loss"])
        # forward: x_t -> h_t, h_{t-1} -> h_t, h_t -> p_t -> L_t
        D.arrow(ax, (x, y_x), (x, y_h), patches=(xn, hn))
        D.arrow(ax, (x - dx, y_h + 0.1), (x, y_h + 0.1), patches=(prev, hn))
        D.arrow(ax, (x - 0.1, y_h), (x - 0.1, y_p), patches=(hn, pn))
        D.arrow(ax, (x - 0.1, y_p), (x - 0.1, y_l), patches=(pn, ln))
        # backward: dL/dy_t enters h_t from its output; dh_next goes to the step before through W_hh^T
        D.arrow(ax, (x + 0.14, y_p), (x + 0.14, y_h), color=D.GRAD, ls=BACK, patches=(pn, hn))
        D.arrow(ax, (x, y_h - 0.14), (x - dx, y_h - 0.14), color=D.GRAD, ls=BACK, patches=(hn, prev))
        # each step adds its share to the weight gradients
        D.arrow(ax, (x + 0.2, y_h - 0.28), (x + 0.42, -0.95), color=D.GRAD, ls=(0, (1, 2)), lw=1.1, head=8)
        prev = hn
    last = x0 + steps * dx
    D.label(ax, last + 0.45, (y_h + y_p) / 2, t("rnn_bptt_dy", lang), color=D.GRAD, ha="left", size=10)
    D.label(ax, x0 + 2.5 * dx + 0.1, y_h - 0.75, t("rnn_bptt_dh", lang), color=D.GRAD, size=9.5)
    D.arrow(ax, (last + 1.6, y_h - 0.14), (last + 0.36, y_h - 0.14), color=D.GRAD, ls=BACK)
    D.label(ax, last + 1.7, y_h - 0.14, t("rnn_bptt_dh_end", lang), color=D.GRAD, ha="left", size=10)
    D.label(ax, x0 + dx - 0.12, y_x + 0.85, t("rnn_W_xh", lang), size=9, ha="right", color="#444444")
    D.label(ax, x0 + 0.5 * dx, y_h + 0.38, t("rnn_W_hh", lang), size=9, color="#444444")
    D.label(ax, x0 + dx - 0.2, (y_h + y_p) / 2, t("rnn_W_hy", lang), size=9, ha="right", color="#444444")
    D.label(ax, last + 0.5, y_l, t("rnn_bptt_loss", lang), ha="left", size=10)
    D.box(ax, x0 + 2.5 * dx, -1.45, 4 * dx - 0.2, 0.95, "", fill="#fdf0e8", edge=D.GRAD, lw=1.0, pad=0.05)
    D.label(ax, x0 + 2.5 * dx, -1.12, t("rnn_bptt_sum", lang), color=D.GRAD, size=9.5, halo=False)
    for j, key in enumerate(("rnn_bptt_dwxh", "rnn_bptt_dwhh", "rnn_bptt_dwhy")):
        D.label(ax, x0 + (j + 1) * 2.5 * dx / 2 + (j - 1) * 0.6, -1.62, t(key, lang), size=10.5, halo=False)
    _legend(ax, lang, loc="upper left", bbox_to_anchor=(0.0, 1.0), fontsize=10)
    return fig


@figure("rnn-gradient-norms")
def gradient_norms(lang: str):
    res = rnn_results.gradient_norms()
    k = res["k"]
    radii, scales = rnn_results.NORMS["radii"], rnn_results.NORMS["input_scales"]
    colors = ["#0072B2", "#000000", "#D55E00", "#CC79A7", "#009E73"]
    fig, axes = _plot.subplots(1, len(scales), width=10.5, height=4.4, sharey=True)
    for ax, scale, title in zip(axes, scales, ("rnn_norms_linear", "rnn_norms_saturated")):
        for radius, color in zip(radii, colors):
            norms = res["norms"][(scale, radius)]
            ls = "--" if radius == 1.0 else "-"
            ax.semilogy(k, norms, ls, color=color, lw=2)
            ax.text(k[-1] + 0.8, norms[-1], t("rnn_radius", lang, r=radius), color=color, va="center", fontsize=9)
        ax.axhline(1, color="#999999", lw=0.8, zorder=0)
        ax.set_xlim(0, k[-1] + 9)
        ax.set_title(t(title, lang, s=scale), fontsize=11)
        ax.set_xlabel(t("rnn_steps_back", lang))
        ax.spines["right"].set_visible(False)
    axes[0].set_ylabel(t("rnn_jacobian_norm", lang))
    fig.suptitle(t("rnn_norms_title", lang), fontsize=12)
    return fig


@figure("rnn-clipping")
def clipping(lang: str):
    ex = experiments.clipping_example()                    # the numbers the alt text quotes, too
    g = {"g": np.array([ex["g1"], ex["g2"]])}
    c, norm = ex["limit"], ex["norm"]
    elem, glob = {"g": np.array([ex["elem1"], ex["elem2"]])}, {"g": np.array([ex["norm1"], ex["norm2"]])}
    fig, axes = _plot.subplots(1, 2, width=10, height=4.3, sharex=True, sharey=True)

    def angle(v):
        return np.degrees(np.arctan2(v[1], v[0]))

    panels = [(axes[0], elem["g"], "rnn_clip_elem_title", Rectangle((-c, -c), 2 * c, 2 * c)),
              (axes[1], glob["g"], "rnn_clip_norm_title", Circle((0, 0), c))]
    for ax, clipped, title, region in panels:
        region.set(facecolor=_plot.light("#0072B2", 0.85), edgecolor="#0072B2", lw=1.2, ls="--")
        ax.add_patch(region)
        ax.annotate("", xy=g["g"], xytext=(0, 0),
                    arrowprops=dict(arrowstyle="-|>", color="#888888", lw=1.8, mutation_scale=14, ls="--"))
        ax.annotate("", xy=clipped, xytext=(0, 0),
                    arrowprops=dict(arrowstyle="-|>", color="#D55E00", lw=2.4, mutation_scale=16))
        for v, color, radius in ((g["g"], "#888888", 2.6), (clipped, "#D55E00", 0.9)):
            ax.add_patch(Arc((0, 0), 2 * radius, 2 * radius, theta1=0, theta2=angle(v), color=color, lw=1.2))
        ax.text(4.25, g["g"][1] + 0.25, t("rnn_clip_g", lang, x=g["g"][0], y=g["g"][1]), ha="right",
                va="bottom", color="#555555", fontsize=10)
        ax.text(2.65, 0.55, t("rnn_clip_angle", lang, a=angle(g["g"])), color="#777777", fontsize=9.5)
        ax.axhline(0, color="#bbbbbb", lw=0.8, zorder=0)
        ax.axvline(0, color="#bbbbbb", lw=0.8, zorder=0)
        ax.set_title(t(title, lang, c=c), fontsize=11)
        ax.set_xlabel(t("rnn_clip_g1", lang))
        _plot.equal(ax, "box")
    axes[0].set_ylabel(t("rnn_clip_g2", lang))
    e = elem["g"]
    axes[0].text(e[0] - 0.1, e[1] + 0.08, t("rnn_clip_elem_result", lang, x=e[0], y=e[1]), color="#D55E00",
                 fontsize=10, va="bottom", ha="right")
    axes[0].text(0.95, 0.02, t("rnn_clip_elem_angle", lang, a=angle(g["g"]), b=angle(e)), color="#D55E00",
                 fontsize=10.5, ha="right", va="bottom", transform=axes[0].transAxes, weight="bold")
    n = glob["g"]
    axes[1].text(n[0] + 0.05, -0.12, t("rnn_clip_norm_result", lang, x=n[0], y=n[1]), color="#D55E00",
                 fontsize=10, va="top", ha="left")
    axes[1].text(0.95, 0.02, t("rnn_clip_norm_angle", lang, a=angle(n), n=norm, c=c), color="#D55E00",
                 fontsize=10.5, ha="right", va="bottom", transform=axes[1].transAxes, weight="bold")
    axes[0].set(xlim=(-1.9, 4.3), ylim=(-1.9, 2.1))
    axes[0].set_xticks(np.arange(-1, 5))
    return fig


def _shown(ch: str) -> str:
    return {" ": "␣", "\n": "⏎"}.get(ch, ch)


@figure("rnn-truncated-bptt")
def truncated_bptt(lang: str):
    windows = experiments.truncation_windows()             # the first few short windows of the Shakespeare text
    T, current = len(windows[0]), 1                        # window length, the highlighted window (0-based)
    chars = "".join(windows)
    dx = 0.78
    n = len(chars)
    fig, ax = D.canvas(12, 4.4, (-1.0, n * dx + 0.6), (-1.55, 3.55))
    y_c, y_h = 0.0, 1.3

    def px(i):
        return i * dx + 0.4

    for w in range(len(windows)):
        left, right = px(w * T) - 0.3, px((w + 1) * T - 1) + 0.3
        is_current = w == current
        D.box(ax, (left + right) / 2, 0.85, right - left, 2.1, "", fill=D.FILL["highlight"] if is_current else "white",
              edge="#444444" if is_current else "#aaaaaa", lw=1.4 if is_current else 0.9, ls="-" if is_current
              else "--", zorder=0, pad=0.04)
        D.label(ax, (left + right) / 2, 2.2, t("rnn_window", lang, k=w + 1), size=9.5, halo=False,
                weight="bold" if is_current else "normal")
    prev = D.node(ax, px(0) - 1.0, y_h, "0", r=0.22, size=9)
    for i, ch in enumerate(chars):
        x = px(i)
        D.box(ax, x, y_c, 0.44, 0.44, _shown(ch), fill=D.FILL["x"], size=10, pad=0.03, lw=0.8)
        hn = D.node(ax, x, y_h, "", r=0.2, fill=D.FILL["h"], lw=1.0)
        D.arrow(ax, (x, y_c + 0.28), (x, y_h - 0.2), lw=0.9, head=7)
        border = i % T == 0 and i > 0
        D.arrow(ax, (x - dx, y_h), (x, y_h), lw=2.2 if border else 1.1, head=9, patches=(prev, hn))
        if i % T:  # the gradient goes back one step, but never across a window border
            D.arrow(ax, (x, y_h + 0.12), (x - dx, y_h + 0.12), color=D.GRAD, ls=BACK, lw=1.1, head=8, rad=0.6,
                    patches=(hn, prev))
        elif i > 0:
            ax.text(x - dx / 2, y_h + 0.42, "$\\times$", color=D.GRAD, ha="center", va="center", fontsize=15)
        prev = hn
    b = px(T * (current + 1))
    D.label(ax, b - dx / 2, 2.85, t("rnn_tbptt_stop", lang), color=D.GRAD, size=9.5, ha="left")
    ax.plot([b - dx / 2, b - dx / 2], [y_h + 0.62, 2.7], color=D.GRAD, lw=0.8)
    a = px(T * current)
    D.label(ax, a - dx / 2, -0.75, t("rnn_tbptt_carry", lang), size=9.5, ha="right")
    ax.plot([a - dx / 2, a - dx / 2], [y_h - 0.1, -0.6], color=D.INK, lw=0.8)
    D.label(ax, px(T * current) + (T - 1) * dx / 2, 3.2, t("rnn_tbptt_current", lang, T=T), size=10, halo=False)
    D.label(ax, px(0) - 1.0, y_h - 0.45, t("rnn_h_0", lang), size=9, halo=False)
    D.arrow(ax, (px(T * 2), -1.25), (px(n - 1) + 0.4, -1.25), color="#777777", lw=1.0, head=9)
    ax.text(px(n - 1) + 0.4, -1.05, t("rnn_time", lang), ha="right", va="bottom", fontsize=9, color="#555555")
    _legend(ax, lang, loc="lower left", bbox_to_anchor=(0.0, -0.02), fontsize=9.5, ncols=2)
    return fig
