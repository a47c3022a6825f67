"""Bounds the RNN pages state with a rounded number ("at most …", "within …", "at least …", "never fell below …")
must still hold for the number as printed: rounding may move it only to the safe side of the measured value.

Each row is (value name, key, the format spec the page uses, which side the printed bound must be on, the words).
"""

from __future__ import annotations

import pytest

from tfnotes.values import get

UPPER, LOWER = "upper", "lower"       # the printed number must be >= the value (an upper bound), or <= it

BOUNDS = [
    ("rnn-vanishing", "lin_max_h", ".2f", UPPER, "vanishing: no state gets beyond |h| = …"),
    ("rnn-vanishing", "lin_min_slope", ".2f", LOWER, "vanishing: every tanh derivative is at least …"),
    ("rnn-clipping", "max_cut", ".0%", UPPER, "vanishing: shortened none by more than …"),
    ("rnn-clipping", "sum_min", ",.0f", LOWER, "vanishing: whose norm never fell below …"),
    ("rnn-hello", "fig_before_dev", ".0e", UPPER, "hello-task: every bar of the top row is within … of it"),
    ("rnn-hello", "fig_after_min", ".3f", LOWER, "rnn-hello-softmax alt: the green bar is at least …"),
    ("rnn-loss", "before_dev", ".1e", UPPER, "loss-sampling: almost exactly 1/V at every step (within …)"),
    ("rnn-loss", "after_nll_max", ".0e", UPPER, "loss-sampling: -log p is close to 0 (at most …)"),
    ("rnn-parity", "max_param_diff", ".1e", UPPER, "three-ways: the parameters at the end differ by at most …"),
    ("rnn-chaos", "stable_max_diff", ".1e", UPPER, "three-ways: they stay within … over all … updates"),
]


def printed(value: float, spec: str) -> float:
    """The number a reader sees for ``format(value, spec)``, read back as a float."""
    text = format(value, spec).replace(",", "")
    return float(text.rstrip("%")) / 100 if text.endswith("%") else float(text)


@pytest.mark.parametrize("name, key, spec, side, words", BOUNDS, ids=[f"{b[0]}.{b[1]}" for b in BOUNDS])
def test_a_rounded_bound_is_still_a_bound(name, key, spec, side, words):
    value = get(name)[key]
    shown = printed(value, spec)
    if side == UPPER:
        assert shown >= value, f"{words}: printed {shown} is below the measured {value}"
    else:
        assert shown <= value, f"{words}: printed {shown} is above the measured {value}"
