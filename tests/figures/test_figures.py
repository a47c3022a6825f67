"""Figures: one registry, text in both languages, Hangul that renders, bytes that repeat, a cache that
re-renders exactly what changed."""

from __future__ import annotations

import warnings
from pathlib import Path

import matplotlib.pyplot as plt
import pytest

from tfnotes import _deps
from tfnotes.figures import REGISTRY, figure, load_all, style
from tfnotes.figures import render as R
from tfnotes.figures.strings import FIGURES, LABELS, LANGS


@pytest.fixture(scope="module")
def figure_dir(built_site, root) -> Path:
    """The figures the session's site build drew (a separate process from this one)."""
    return root / "docs" / "assets" / "figures"


def test_static_discovery_agrees_with_the_imported_registry():
    registry = load_all()
    found = R.discover()
    assert set(found) == set(registry) and len(found) >= 12
    for name, spec in registry.items():
        assert (found[name].module, found[name].fmt) == (spec.module, spec.fmt)


def test_every_figure_and_label_has_text_in_both_languages():
    for name in load_all():
        for field in ("alt", "caption"):
            texts = FIGURES[name][field]
            assert set(texts) == set(LANGS) and all(len(texts[lang]) > 20 for lang in LANGS)
            assert any("\uac00" <= ch <= "\ud7a3" for ch in texts["ko"]), f"{name} {field} ko is not Korean"
            assert not any("\uac00" <= ch <= "\ud7a3" for ch in texts["en"])
    assert all(set(v) == set(LANGS) for v in LABELS.values())


def test_korean_labels_keep_one_register_noun_endings_not_sentences():
    """Text drawn inside a figure is a label, not a sentence (Korean review D4): it ends in a noun or a nominal form
    (바뀜, 사용, 멈춤), never in a sentence ending: 합니다체 (-니다) or 해라체 (한다, 된다, 있다, 없다, 였다 …)."""
    import re
    n_final = "".join(chr(c) for c in range(0xAC00, 0xD7A4) if (c - 0xAC00) % 28 == 4)  # syllables ending in ㄴ
    ending = re.compile(rf"(니다|[{n_final}있없었았였렸졌]다)(?![\uac00-\ud7a3])")  # -ㄴ다 (한다, 본다), 있다 …
    assert {k: v["ko"] for k, v in LABELS.items() if ending.search(v["ko"])} == {}
    assert ending.search("방향이 바뀝니다: 18°") and ending.search("경계가 대기 시간만 본다")  # the check sees sentences
    assert not ending.search("시점마다 자기 몫을 더함") and not ending.search("다음 분출까지 대기 시간 (분)")


def test_every_figure_file_exists_in_both_languages_and_they_differ(figure_dir):
    for name, spec in load_all().items():
        ko, en = (figure_dir / f"{name}.{lang}.{spec.fmt}" for lang in LANGS)
        assert ko.stat().st_size > 5_000 and en.stat().st_size > 5_000
        assert ko.read_bytes() != en.read_bytes(), f"{name}: Korean and English files are identical"


@pytest.mark.parametrize("name", ["kmeans-inertia", "kmeans-elbow", "kmeans-faithful"])
def test_rendering_is_byte_identical_across_processes(name, figure_dir, tmp_path):
    report = R.render_all(tmp_path, None, names=[name])
    assert sorted(report.rendered) == sorted(f"{name}.{lang}.{REGISTRY[name].fmt}" for lang in LANGS)
    for fname in report.rendered:
        assert (tmp_path / fname).read_bytes() == (figure_dir / fname).read_bytes()


def test_hangul_renders_and_a_missing_glyph_is_an_error():
    style.use_style()
    fig, ax = plt.subplots()
    ax.set_title("관성과 중심점 − k")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert style.save(fig, "svg").startswith(b"<?xml")
    fig, ax = plt.subplots()
    ax.set_title("\U0001f600")  # not in Noto Sans CJK: must not become a silent empty box
    with pytest.raises(UserWarning, match="missing from font"):
        style.save(fig, "svg")


def test_missing_hangul_font_stops_with_one_clear_line(monkeypatch):
    monkeypatch.setattr(style, "HANGUL_FONT", "No Such Font KR")
    with pytest.raises(style.MissingFontError, match="fonts-noto-cjk"):
        style.check_font()


def test_warm_cache_renders_nothing(figure_dir, root):
    assert R.stale(figure_dir, root / ".cache" / "tfnotes") == []


def _stale_after_editing(module, monkeypatch, figure_dir, root) -> set[str]:
    original = _deps.read_source
    edited = _deps.module_path(module)
    monkeypatch.setattr(_deps, "read_source", lambda p: original(p) + (b"\n# edit\n" if p == edited else b""))
    return {f.split(".")[0] for f in R.stale(figure_dir, root / ".cache" / "tfnotes")}


def test_editing_a_module_rerenders_exactly_the_figures_that_import_it(monkeypatch, figure_dir, root):
    via_tf = _stale_after_editing("tfnotes.kmeans.tf", monkeypatch, figure_dir, root)
    assert via_tf == {"kmeans-classic", "kmeans-tf-cost"}  # the cost figure counts the work of the compiled run
    monkeypatch.undo()
    via_reference = _stale_after_editing("tfnotes.kmeans.reference", monkeypatch, figure_dir, root)
    assert via_reference == {n for n, s in R.discover().items()
                             if s.module.startswith("tfnotes.figures.kmeans_")} - {"kmeans-classic", "kmeans-tf-cost"}
    monkeypatch.undo()
    via_metrics = _stale_after_editing("tfnotes.kmeans.metrics", monkeypatch, figure_dir, root)
    assert via_metrics == {n for n, s in R.discover().items()
                           if s.module in ("tfnotes.figures.kmeans_choose_k", "tfnotes.figures.kmeans_failures",
                                           "tfnotes.figures.kmeans_real")}
    assert "kmeans-steps" not in via_metrics


def test_a_failing_figure_names_itself(tmp_path, monkeypatch):
    monkeypatch.setitem(FIGURES, "broken-figure", {"alt": {l: "x" for l in LANGS}, "caption": {l: "x" for l in LANGS}})

    @figure("broken-figure")
    def broken(lang):
        raise ArithmeticError("bad axis")

    try:
        with pytest.raises(R.FigureError, match=r"figure 'broken-figure' \(ko\) failed: ArithmeticError: bad axis"):
            R.render_all(tmp_path, None, names=["broken-figure"])
    finally:
        REGISTRY.pop("broken-figure")
