"""A bound a sentence states with a computed number ("at most 5.7 × 10⁻¹⁴", "within 10⁻⁴", "at least 0.98",
"… 이하", "… 이상") stays a bound as printed: the value carries !up or !down, so rounding moves it only to the safe side,
however the last digits of a run fall (TensorFlow's float64 sums differ by ~1e-15 from one process to the next)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tfnotes.figures.strings import FIGURES
from tfnotes.values import get, shown

ROOT = Path(__file__).resolve().parents[2]
VALUE = r"\[\[value ([a-z0-9-]+)\.([A-Za-z0-9_]+)(?::([^\]\s]*))?\]\]"
MATH_LEFT = r"\$?(?:[a-z_|]+\s*=\s*)?"  # "at most $|h| = [[value ...]]$"
PATTERNS = [  # (regular expression, which side of the measured value the printed number must be on)
    (re.compile(r"(?:at most|within|no more than|less than|beyond)\s+" + MATH_LEFT + VALUE), "up"),
    (re.compile(r"(?:at least|never fell below|no less than)\s+" + MATH_LEFT + VALUE), "down"),
    (re.compile(VALUE + r"\$?\s*(?:이하|이내|미만|보다 크지 않|보다 많이 줄어들지 않)"), "up"),
    (re.compile(VALUE + r"\$?\s*(?:이상|아래로 내려가지 않)"), "down"),
]


def texts() -> list[tuple[str, str]]:
    out = [(p.relative_to(ROOT).as_posix(), p.read_text(encoding="utf-8")) for p in sorted((ROOT / "docs").rglob("*.md"))]
    out += [(f"strings.FIGURES[{name!r}]", text) for name, entry in FIGURES.items()
            for field in ("alt", "caption") for text in entry[field].values()]
    return out


def stated_bounds() -> list[tuple[str, str, str, str, str]]:
    found = []
    for where, text in texts():
        for pattern, side in PATTERNS:
            for m in pattern.finditer(text):
                found.append((where, m.group(1), m.group(2), m.group(3) or "", side))
    return found


BOUNDS = stated_bounds()


def test_the_pages_state_bounds_with_computed_numbers():
    assert len(BOUNDS) >= 20  # the scan finds them (a pattern that stopped matching would empty this test)


@pytest.mark.parametrize("where, name, key, spec, side", BOUNDS, ids=[f"{b[0]}:{b[1]}.{b[2]}" for b in BOUNDS])
def test_a_stated_bound_rounds_towards_its_safe_side(where, name, key, spec, side):
    value = get(name)[key]
    if isinstance(value, (str, int)) and not spec:
        return  # printed exactly (a version, a count): nothing to round
    assert f"!{side}" in spec, f"{where}: [[value {name}.{key}:{spec}]] states a bound: add !{side} to its spec"
    printed = shown(value, spec)
    assert (printed >= value) if side == "up" else (printed <= value), f"{where}: {printed} vs measured {value}"
