"""RNN chapter, the cell: the rolled recurrent cell and the same network unrolled in time."""

from __future__ import annotations

from tfnotes.figures import figure
from tfnotes.figures import rnn_draw as D
from tfnotes.figures.strings import t

STEPS = 4


@figure("rnn-rolled-unrolled")
def rolled_unrolled(lang: str):
    fig, ax = D.canvas(11.5, 4.6, (-0.3, 14.2), (-1.25, 4.75))
    y_in, y_cell, y_out = 0.45, 2.0, 3.55
    w_cell, h_cell = 1.0, 0.8

    # Left: the rolled cell, x_t -> A -> y_t, with the loop that feeds h_t back in at the next step.
    cx = 1.2
    x_node = D.node(ax, cx, y_in, t("rnn_x_t", lang), fill=D.FILL["x"])
    cell = D.box(ax, cx, y_cell, w_cell, h_cell, "A", fill=D.FILL["h"], size=13)
    y_node = D.node(ax, cx, y_out, t("rnn_y_t", lang), fill=D.FILL["y"])
    D.arrow(ax, (cx, y_in), (cx, y_cell), color=D.WEIGHT["W_xh"], patches=(x_node, cell))
    D.arrow(ax, (cx, y_cell), (cx, y_out), color=D.WEIGHT["W_hy"], patches=(cell, y_node))
    D.label(ax, cx - 0.22, (y_in + y_cell) / 2 - 0.05, t("rnn_W_xh", lang), color=D.WEIGHT["W_xh"], ha="right")
    D.label(ax, cx - 0.22, (y_cell + y_out) / 2 + 0.05, t("rnn_W_hy", lang), color=D.WEIGHT["W_hy"], ha="right")
    right = cx + w_cell / 2 + 0.06
    D.arrow(ax, (right, y_cell + 0.2), (right, y_cell - 0.2), color=D.WEIGHT["W_hh"], rad=-2.6, lw=1.6)
    D.label(ax, right + 0.72, y_cell, t("rnn_W_hh", lang), color=D.WEIGHT["W_hh"], ha="left")
    ax.text(cx + 0.35, 4.35, t("rnn_rolled_title", lang), ha="center", va="center", fontsize=11.5, weight="bold")
    ax.text(cx + 0.35, -0.35, t("rnn_cell_eq_h", lang), ha="center", va="center", fontsize=9.5)
    ax.text(cx + 0.35, -0.85, t("rnn_cell_eq_y", lang), ha="center", va="center", fontsize=9.5)

    ax.text(3.75, y_cell, "=", ha="center", va="center", fontsize=26, color="#555555")

    # Right: the same cell copied once per time step; every copy has the same three matrices.
    x0, dx = 4.9, 2.25
    D.node(ax, x0, y_cell, t("rnn_h_0", lang), fill="white", size=10)
    for i in range(STEPS):
        x = x0 + 1.35 + i * dx
        xn = D.node(ax, x, y_in, t("rnn_x_i", lang, i=i + 1), fill=D.FILL["x"])
        c = D.box(ax, x, y_cell, w_cell, h_cell, "A", fill=D.FILL["h"], size=13)
        yn = D.node(ax, x, y_out, t("rnn_y_i", lang, i=i + 1), fill=D.FILL["y"])
        D.arrow(ax, (x, y_in), (x, y_cell), color=D.WEIGHT["W_xh"], patches=(xn, c))
        D.arrow(ax, (x, y_cell), (x, y_out), color=D.WEIGHT["W_hy"], patches=(c, yn))
        D.label(ax, x + 0.12, (y_in + y_cell) / 2 - 0.05, t("rnn_W_xh", lang), color=D.WEIGHT["W_xh"], ha="left",
                size=9)
        D.label(ax, x + 0.12, (y_cell + y_out) / 2 + 0.05, t("rnn_W_hy", lang), color=D.WEIGHT["W_hy"], ha="left",
                size=9)
        start = x0 + 0.32 if i == 0 else x - dx + w_cell / 2 + 0.06
        D.arrow(ax, (start, y_cell), (x - w_cell / 2 - 0.06, y_cell), color=D.WEIGHT["W_hh"], lw=1.6)
        mid = (start + x - w_cell / 2) / 2
        if i:
            D.label(ax, mid, y_cell + 0.2, t("rnn_h_i", lang, i=i), size=9, halo=False)
        D.label(ax, mid, y_cell - 0.22, t("rnn_W_hh", lang), color=D.WEIGHT["W_hh"], size=9, halo=False)
    end = x0 + 1.35 + (STEPS - 1) * dx + w_cell / 2 + 0.06
    D.arrow(ax, (end, y_cell), (end + 0.85, y_cell), color=D.WEIGHT["W_hh"], lw=1.6, ls=(0, (3, 2)))
    D.label(ax, end + 0.42, y_cell + 0.2, t("rnn_h_i", lang, i=STEPS), size=9, halo=False)
    right_mid = x0 + 1.35 + (STEPS - 1) * dx / 2
    ax.text(right_mid, 4.35, t("rnn_unrolled_title", lang, n=STEPS), ha="center", va="center", fontsize=11.5,
            weight="bold")
    D.arrow(ax, (x0 + 0.6, -0.3), (end + 0.5, -0.3), color="#777777", lw=1.0, head=9)
    ax.text(end + 0.5, -0.05, t("rnn_time", lang), ha="right", va="bottom", fontsize=9, color="#555555")
    D.box(ax, right_mid, -0.85, 7.6, 0.42, t("rnn_same_weights", lang), fill=D.FILL["note"], edge="#999999",
          size=10, lw=0.8, pad=0.04)
    return fig
