"""Bounds the RNN pages state with a rounded number ("at most …", "within …", "at least …", "never fell below …")
must still hold for the number as printed: rounding may move it only to the safe side of the measured value.

Each row is (value name, key, the format spec the page uses, which side the printed bound must be on, the words).
"""

from __future__ import annotations

import pytest

from tfnotes.values import get, shown

UPPER, LOWER = "upper", "lower"       # the printed number must be >= the value (an upper bound), or <= it

BOUNDS = [
    ("rnn-vanishing", "lin_max_h", ".2f!up", UPPER, "vanishing: no state gets beyond |h| = …"),
    ("rnn-vanishing", "lin_min_slope", ".2f!down", LOWER, "vanishing: every tanh derivative is at least …"),
    ("rnn-clipping", "max_cut", ".0%!up", UPPER, "vanishing: shortened none by more than …"),
    ("rnn-clipping", "sum_min", ",.0f!down", LOWER, "vanishing: whose norm never fell below …"),
    ("rnn-hello", "fig_before_dev", ".0e!up", UPPER, "hello-task: every bar of the top row is within … of it"),
    ("rnn-hello", "fig_after_min", ".3f!down", LOWER, "rnn-hello-softmax alt: the green bar is at least …"),
    ("rnn-loss", "before_dev", ".1e!up", UPPER, "loss-sampling: almost exactly 1/V at every step (within …)"),
    ("rnn-loss", "after_nll_max", ".0e!up", UPPER, "loss-sampling: -log p is close to 0 (at most …)"),
    ("rnn-parity", "max_param_diff", ".1e!up", UPPER, "three-ways: the parameters at the end differ by at most …"),
    ("rnn-chaos", "stable_max_diff", ".1e!up", UPPER, "three-ways: they stay within … over all … updates"),
]


@pytest.mark.parametrize("name, key, spec, side, words", BOUNDS, ids=[f"{b[0]}.{b[1]}" for b in BOUNDS])
def test_a_rounded_bound_is_still_a_bound(name, key, spec, side, words):
    value = get(name)[key]
    printed = shown(value, spec)          # the !up / !down flag rounds towards the safe side
    if side == UPPER:
        assert printed >= value, f"{words}: printed {printed} is below the measured {value}"
    else:
        assert printed <= value, f"{words}: printed {printed} is above the measured {value}"
