"""Where a TensorFlow k-means call spends its work: passes over the data and compiled calls, counted, not timed.

Draws :mod:`tfnotes.runs.kmeans_cost` for the benchmark's larger size: the package's earlier structure (one XLA
call per row shard and step) beside the current one (the whole run is one XLA call).
"""

from __future__ import annotations

from tfnotes.bench import ITERATIONS, SIZES
from tfnotes.figures import _plot, figure
from tfnotes.figures.strings import t
from tfnotes.runs import kmeans_cost

PHASE_COLORS = {"setup": "#D55E00", "iterations": "#0072B2", "finish": "#009E73"}


@figure("kmeans-tf-cost")
def cost(lang: str):
    n, d, k, _ = SIZES[-1]
    layouts = kmeans_cost.LAYOUTS  # drawn top to bottom: earlier, now
    names = [t(f"cost_{layout.replace('-', '_')}", lang) for layout in layouts]
    fig, (ax1, ax2) = _plot.subplots(1, 2, width=10, height=3.3, gridspec_kw={"width_ratios": [2.2, 1]})
    for row, layout in enumerate(layouts):
        left = 0.0
        for phase, value in kmeans_cost.passes(layout, n, d, k, ITERATIONS).items():
            ax1.barh(row, value, left=left, color=PHASE_COLORS[phase], height=0.55,
                     label=t(f"cost_{phase}", lang, i=ITERATIONS) if row == 0 else None)
            if value >= 4.4:  # room for the number inside the segment
                ax1.text(left + value / 2, row, f"{value:.3g}", ha="center", va="center", color="white", fontsize=8)
            left += value
        ax1.text(left + 1, row, f"{left:.3g}", ha="left", va="center", fontsize=8)
    ax1.set_yticks(range(len(layouts)), names)
    ax1.invert_yaxis()
    ax1.set_xlim(0, ax1.get_xlim()[1] * 1.08)
    ax1.set(xlabel=t("cost_passes_axis", lang), title=t("cost_traffic_title", lang, n=n, d=d, k=k))
    calls = [kmeans_cost.compiled_calls(layout, n, k, ITERATIONS) for layout in layouts]
    ax2.barh(range(len(layouts)), calls, color="#555555", height=0.55)
    for row, value in enumerate(calls):
        ax2.text(value * 1.02 + 1, row, str(value), ha="left", va="center", fontsize=8)
    ax2.set_yticks(range(len(layouts)), [""] * len(layouts))
    ax2.invert_yaxis()
    ax2.set_xlim(0, max(calls) * 1.2)
    ax2.set(xlabel=t("cost_calls_axis", lang), title=t("cost_calls_title", lang))
    fig.legend(*ax1.get_legend_handles_labels(), loc="outside lower center", ncols=3, fontsize=8)
    return fig
