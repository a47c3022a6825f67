"""Values: the numbers that sentences quote, computed at build time by named functions.

A value module is any ``tfnotes/values/<topic>.py`` (files starting with ``_`` are this framework). In it, a
function without arguments, decorated with :func:`value`, returns one number (or string) or a flat dict of them::

    @value("kmeans-init")
    def init_counts() -> dict:
        return {"runs": 60, "random_good": 38}

A page, caption or alt text writes ``[[value kmeans-init.random_good]]`` (``[[value NAME]]`` for a scalar), with an
optional format spec after a colon: ``[[value kmeans-init.share:.0%]]`` (see :func:`format_value`). The build
computes every value once (both languages read the same number), caches it keyed on the source of the value's module
and every project module it imports (:mod:`tfnotes._deps`), like the figures, and writes it into the sentence. Tests
read the same numbers with :func:`get`, so a sentence's claim is checked against what the page prints.

Value modules may import the algorithms, the data and :mod:`tfnotes.runs` (shared, memoised experiments), never
:mod:`tfnotes.figures` or MkDocs.
"""

from __future__ import annotations

import importlib
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
KEY = re.compile(r"[A-Za-z0-9_]+")
PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_CACHE = PACKAGE_DIR.parents[2] / ".cache" / "tfnotes"  # the build's cache, in a source checkout
LANGS = ("ko", "en")
Scalar = int | float | str | bool


class PageValueError(ValueError):
    """A value function returned something a page cannot print, or a page asked for an unknown value."""


@dataclass(frozen=True)
class ValueSpec:
    name: str  # what pages write: [[value NAME.key]]
    compute: Callable[[], object]
    module: str  # the module that defines it (its import closure keys the cache)


REGISTRY: dict[str, ValueSpec] = {}


def modules() -> list[str]:
    """Every value module, by file name (no list to keep in step: a new file is a new module)."""
    return sorted(f"tfnotes.values.{p.stem}" for p in PACKAGE_DIR.glob("*.py") if not p.name.startswith("_"))


def value(name: str) -> Callable[[Callable], Callable]:
    """Register a function without arguments as the value (or group of values) ``name``."""
    if not isinstance(name, str) or not NAME.fullmatch(name):
        raise ValueError(f"value name must look like 'kmeans-init' (lowercase words and '-'), got {name!r}")

    def register(fn: Callable) -> Callable:
        if name in REGISTRY and REGISTRY[name].compute.__qualname__ != fn.__qualname__:
            raise ValueError(f"value name {name!r} is registered twice")
        REGISTRY[name] = ValueSpec(name, fn, fn.__module__)
        return fn

    return register


def load_all() -> dict[str, ValueSpec]:
    """Import every value module and return the registry."""
    for module in modules():
        importlib.import_module(module)
    return REGISTRY


def clean(name: str, result: object) -> dict[str, Scalar] | Scalar:
    """``result`` as plain Python (NumPy scalars unwrapped), or an error that names the value and the key."""

    def scalar(key: str, v: object) -> Scalar:
        if hasattr(v, "item") and not isinstance(v, (str, bytes)):
            v = v.item()  # NumPy scalar (a 0-d array too)
        if isinstance(v, (bool, int, str)):
            return v
        if isinstance(v, float):
            if not math.isfinite(v):
                raise PageValueError(f"value {name}{key}: {v} is not a finite number")
            return v
        raise PageValueError(f"value {name}{key}: expected a number or a string, got {type(v).__name__}")

    if isinstance(result, dict):
        out = {}
        for key, v in result.items():
            if not isinstance(key, str) or not KEY.fullmatch(key):
                raise PageValueError(f"value {name}: key {key!r} must be letters, digits and '_'")
            out[key] = scalar(f".{key}", v)
        return out
    return scalar("", result)


def get(name: str, cache_dir: Path | None = DEFAULT_CACHE) -> dict[str, Scalar] | Scalar:
    """The value ``name`` as the page prints it: from the build's cache when its key is current, else computed now
    by the same function (results the build memoised are reused from ``cache_dir``)."""
    from tfnotes.values import _compute

    return _compute.get(name, cache_dir)


# --- Formatting --------------------------------------------------------------------------------------------------
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
_PERCENT = {"ko": "%", "en": " %"}  # the pages' own style: "63%" in Korean, "63 %" in English


def format_value(v: Scalar, spec: str, lang: str) -> str:
    """``v`` as a sentence in ``lang`` shows it.

    ``spec`` is a Python format spec (``.3f``, ``,d``, ``.2g`` ...) or empty: ints get thousands separators, floats
    three significant digits. A ``%`` spec gives "63 %" (en) / "63%" (ko); a result in exponent form (an ``e`` spec,
    or a tiny float) gives "1.1 × 10⁻¹⁵"; ``pow`` gives the nearest power of ten, "10⁻¹⁵". Flags after the spec:
    ``!up`` / ``!down`` round towards the safe side of a bound ("at most 5.7 × 10⁻¹⁴" for 5.62e-14; "at least 0.98"
    for 0.987), see :func:`shown`; ``!tex`` gives the LaTeX form for use inside ``$...$`` ("1.1 \\times 10^{-15}",
    "10^{-15}", "2{,}073").
    """
    if lang not in LANGS:
        raise PageValueError(f"lang must be one of {LANGS}, got {lang!r}")
    spec, flags = _flags(spec)
    tex = "tex" in flags
    if isinstance(v, bool):
        raise PageValueError(f"{v!r} is a yes/no result: a sentence states it, a test checks it")
    if isinstance(v, str):
        if spec or flags:
            raise PageValueError(f"format spec {spec!r} given for the text value {v!r}")
        return v
    v = _directed(v, spec, flags)
    if spec == "pow":
        return _power(_pow_exponent(v, flags), tex)
    try:
        if not spec:
            text = f"{v:,}" if isinstance(v, int) else (f"{v:,.0f}" if abs(v) >= 1000 else f"{v:.3g}")
        else:
            text = format(v, spec)
    except ValueError as exc:
        raise PageValueError(f"format spec {spec!r} does not fit {v!r}: {exc}") from None
    if spec.endswith("%"):
        text = text[:-1] + ("\\%" if tex else _PERCENT[lang])
    elif "e" in text and not text.endswith(("inf", "nan")):
        mantissa, exponent = text.split("e")
        power = _power(int(exponent), tex)
        times = "\\times" if tex else "×"
        text = power if mantissa in ("1", "1.0") and not spec else f"{mantissa} {times} {power}"
    if tex:
        return text.replace(",", "{,}")
    return text.replace("-", "−", 1) if text.startswith("-") else text


def shown(v: float, spec: str) -> float:
    """The number a reader reads for ``[[value ...:spec]]``, as a float (tests check bounds with it)."""
    spec, flags = _flags(spec)
    v = _directed(v, spec, flags)
    if spec == "pow":
        return 10.0 ** _pow_exponent(v, flags)
    text = format(v, spec or ".3g").replace(",", "")
    return float(text[:-1]) / 100 if text.endswith("%") else float(text)


_FLAGS = ("up", "down", "tex")


def _flags(spec: str) -> tuple[str, set[str]]:
    spec, *flags = spec.split("!")
    unknown = [f for f in flags if f not in _FLAGS]
    if unknown or ("up" in flags and "down" in flags):
        raise PageValueError(f"unknown or clashing flags {flags!r}: use !up or !down, and !tex")
    return spec, set(flags)


def _pow_exponent(v: float, flags: set[str]) -> int:
    if v == 0:
        raise PageValueError("'pow' of 0")
    exponent = math.log10(abs(v))
    if "up" in flags:
        return math.ceil(exponent - 1e-12)
    if "down" in flags:
        return math.floor(exponent + 1e-12)
    return round(exponent)


def _directed(v: Scalar, spec: str, flags: set[str]) -> Scalar:
    """``v`` moved to the next number the spec can print, up or down, when it would otherwise round the wrong way."""
    direction = 1 if "up" in flags else -1 if "down" in flags else 0
    if not direction or spec == "pow":
        return v
    match = re.fullmatch(r",?\.(\d+)([efg%])", spec)
    if not match or match.group(2) == "g":
        raise PageValueError(f"!up/!down need an f, e or % spec with a precision (such as .1e), got {spec!r}")
    places, kind = int(match.group(1)), match.group(2)
    if kind == "e":
        places -= math.floor(math.log10(abs(v))) if v else 0
    elif kind == "%":
        places += 2
    scaled = v * 10.0 ** places
    rounded = (math.ceil(scaled - 1e-9) if direction > 0 else math.floor(scaled + 1e-9)) / 10.0 ** places
    return rounded


def _power(exponent: int, tex: bool) -> str:
    return f"10^{{{exponent}}}" if tex else "10" + str(exponent).translate(_SUPERSCRIPT)
