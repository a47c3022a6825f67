"""Values: the numbers sentences quote. Formatting per language, the registry, the cache and the page directive."""

from __future__ import annotations

import json
import textwrap

import pytest

from tfnotes import values
from tfnotes.values import PageValueError, _compute, format_value


@pytest.mark.parametrize("v,spec,ko,en", [
    (31742, "", "31,742", "31,742"),
    (5, "", "5", "5"),
    (4.0604, "", "4.06", "4.06"),
    (2585.46, "", "2,585", "2,585"),
    (0.6333, ".0%", "63%", "63 %"),
    (0.0154, ".1%", "1.5%", "1.5 %"),
    (1.1e-15, ".1e", "1.1 × 10⁻¹⁵", "1.1 × 10⁻¹⁵"),
    (1.2e-14, "", "1.2 × 10⁻¹⁴", "1.2 × 10⁻¹⁴"),
    (1e-10, "", "10⁻¹⁰", "10⁻¹⁰"),
    (8.9e-16, "pow", "10⁻¹⁵", "10⁻¹⁵"),
    (332.15, ".1f", "332.1", "332.1"),
    (-0.25, ".2f", "−0.25", "−0.25"),
    ("Act 1", "", "Act 1", "Act 1"),
])
def test_format_value_per_language(v, spec, ko, en):
    assert format_value(v, spec, "ko") == ko
    assert format_value(v, spec, "en") == en


@pytest.mark.parametrize("v,spec,tex", [
    (1.1e-15, ".1e!tex", r"1.1 \times 10^{-15}"),
    (1e-5, "pow!tex", "10^{-5}"),
    (2073, "!tex", "2{,}073"),
    (0.5, ".0%!tex", r"50\%"),
])
def test_format_value_inside_maths(v, spec, tex):
    assert format_value(v, spec, "en") == tex


@pytest.mark.parametrize("v,spec,words", [
    (True, "", "yes/no"), ("text", ".2f", "text value"), (1.5, "d", "does not fit"), (0.0, "pow", "'pow' of 0"),
])
def test_format_value_rejects_what_a_sentence_cannot_print(v, spec, words):
    with pytest.raises(PageValueError, match=words):
        format_value(v, spec, "en")


def test_clean_unwraps_numpy_and_names_bad_entries():
    np = pytest.importorskip("numpy")
    assert values.clean("x", {"a": np.float64(0.5), "b": np.int64(3)}) == {"a": 0.5, "b": 3}
    with pytest.raises(PageValueError, match=r"value x\.a: nan is not a finite number"):
        values.clean("x", {"a": float("nan")})
    with pytest.raises(PageValueError, match=r"value x: key 'Bad key'"):
        values.clean("x", {"Bad key": 1})
    with pytest.raises(PageValueError, match=r"value x\.a: expected a number or a string, got list"):
        values.clean("x", {"a": [1, 2]})


def test_value_names_are_checked():
    with pytest.raises(ValueError, match="value name"):
        values.value("Bad_Name")


def test_static_discovery_agrees_with_the_imported_registry():
    assert _compute.discover() == {name: spec.module for name, spec in values.load_all().items()}


@pytest.fixture
def toy_values(tmp_path, monkeypatch):
    """A value module of its own, in a copy of the package directory listing."""
    module = tmp_path / "toy_values.py"
    module.write_text(textwrap.dedent('''
        from tfnotes.values import value
        CALLS = []

        @value("toy-group")
        def group():
            CALLS.append(1)
            return {"n": 3, "share": 0.25}
    '''))
    import sys

    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(values, "modules", lambda: ["toy_values"])
    monkeypatch.setattr(_compute, "modules", lambda: ["toy_values"])
    monkeypatch.setattr(_compute._deps, "module_path", lambda name: module if name == "toy_values" else None)
    monkeypatch.setattr(_compute._deps, "closure", lambda name: [name])
    monkeypatch.delitem(values.REGISTRY, "toy-group", raising=False)
    sys.modules.pop("toy_values", None)
    yield module
    values.REGISTRY.pop("toy-group", None)
    sys.modules.pop("toy_values", None)


def test_cache_computes_once_and_recomputes_after_an_edit(toy_values, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    assert _compute.stale(cache) == ["toy-group"]
    assert _compute.compute_all(cache) == ["toy-group"]
    assert json.loads((cache / "values.json").read_text())["toy-group"]["value"] == {"n": 3, "share": 0.25}
    assert _compute.stale(cache) == [] and _compute.compute_all(cache) == []
    assert values.get("toy-group", cache) == {"n": 3, "share": 0.25}
    monkeypatch.setattr(_compute._deps, "source_hash", lambda mods: "edited")
    assert _compute.stale(cache) == ["toy-group"]


def test_the_page_directive_writes_the_value_in_each_language_and_fails_on_unknown_names(monkeypatch):
    from mkdocs.exceptions import PluginError

    from tfnotes.site import state
    from tfnotes.site import values as site_values

    monkeypatch.setitem(state, "values", {"toy": {"share": 0.25, "n": 2073}, "one": 1.1e-15})
    text = "[[value toy.share:.0%]] of [[value toy.n]] ($[[value one:.1e!tex]]$)"
    assert site_values.expand(text, "ko", "p.md") == "25% of 2,073 ($1.1 \\times 10^{-15}$)"
    assert site_values.expand(text, "en", "p.md") == "25 % of 2,073 ($1.1 \\times 10^{-15}$)"
    for bad, words in (("[[value nope.x]]", "p.md: unknown value 'nope'"), ("[[value toy.x]]", "no key 'x'"),
                       ("[[value toy]]", "needs a key"), ("[[value one.x]]", "a single value"),
                       ("[[value toy.n:.2q]]", "does not fit")):
        with pytest.raises(PluginError, match=words):
            site_values.expand(bad, "en", "p.md")


@pytest.mark.parametrize("v,spec,text,number", [
    (5.618e-14, ".1e!up", "5.7 × 10⁻¹⁴", 5.7e-14),      # "at most": never printed below the measured value
    (0.987, ".2f!down", "0.98", 0.98),                   # "at least": never printed above it
    (0.2391, ".0%!up", "24 %", 0.24),
    (173.4, ",.0f!down", "173", 173.0),
    (9.99e-5, ".1e!up", "1.0 × 10⁻⁴", 1e-4),
    (3.2e8, "pow!down", "10⁸", 1e8),
    (1.1, ".1f!up", "1.1", 1.1),                          # exact at the printed precision: unchanged
])
def test_directed_rounding_keeps_a_bound_on_its_safe_side(v, spec, text, number):
    assert format_value(v, spec, "en") == text
    assert values.shown(v, spec) == pytest.approx(number)


@pytest.mark.parametrize("spec,words", [(".2g!up", "need an f, e or %"), (".1f!up!down", "clashing"),
                                        (".1f!sideways", "unknown")])
def test_directed_rounding_rejects_what_it_cannot_do(spec, words):
    with pytest.raises(PageValueError, match=words):
        format_value(0.5, spec, "en")
