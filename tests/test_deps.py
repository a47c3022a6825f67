"""The dependency reader behind every build cache: what a figure, snippet or notebook imports."""

from pathlib import Path

from tfnotes import _deps

ROOT = Path(__file__).resolve().parents[1]


def test_lazy_names_count_as_imports_of_the_module_that_defines_them():
    assert "tfnotes.kmeans.tf" in _deps.script_closure(ROOT / "snippets" / "kmeans_quickstart.py")
    assert "tfnotes.kmeans.tf" not in _deps.closure("tfnotes.kmeans.reference")


def test_notebook_cache_depends_on_what_its_code_imports_only():
    walkthrough = _deps.notebook_closure(ROOT / "docs" / "kmeans" / "walkthrough.ko.ipynb")
    hello = _deps.notebook_closure(ROOT / "docs" / "rnn" / "hello.ko.ipynb")
    assert "tfnotes.kmeans.tf" in walkthrough and "tfnotes.rnn.numpy_rnn" not in walkthrough
    assert "tfnotes.rnn.numpy_rnn" in hello and "tfnotes.kmeans.tf" not in hello
    assert not any(m.startswith("tfnotes.site") for m in walkthrough + hello)


def test_source_hash_changes_with_the_source(monkeypatch):
    kmeans, rnn = _deps.closure("tfnotes.kmeans.reference"), _deps.closure("tfnotes.rnn.vocab")
    before = _deps.source_hash(kmeans), _deps.source_hash(rnn)
    edited = _deps.module_path("tfnotes.kmeans._common")
    original = _deps.read_source
    monkeypatch.setattr(_deps, "read_source", lambda p: original(p) + (b"#" if p == edited else b""))
    assert _deps.source_hash(kmeans) != before[0]  # the module that imports the edited one
    assert _deps.source_hash(rnn) == before[1]  # a module that does not
