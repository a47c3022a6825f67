"""The disk cache of shared runs: a result is stored under the key of the code that computed it, never under the
key of a file saved while it ran."""

from __future__ import annotations

from tfnotes import _deps, _memo

MODULE = "tfnotes.kmeans.reference"  # any project module: the function below pretends to live there


def _memoised(calls: list):
    def answer():
        calls.append(1)
        return 42

    answer.__module__ = MODULE
    return _memo.memo(answer)


def test_a_result_is_stored_and_read_back(tmp_path, monkeypatch):
    monkeypatch.setattr(_memo, "CACHE_DIR", tmp_path)
    calls: list = []
    assert _memoised(calls)() == 42 and _memoised(calls)() == 42   # the second wrapper reads the file
    assert calls == [1] and len(list(tmp_path.rglob("*answer-*.pickle"))) == 1


def test_a_result_is_not_stored_when_the_code_changed_since_it_was_imported(tmp_path, monkeypatch):
    monkeypatch.setattr(_memo, "CACHE_DIR", tmp_path)
    calls: list = []
    answer = _memoised(calls)                                       # "imported" before the edit
    original, path = _memo.disk_source, _deps.module_path(MODULE)
    monkeypatch.setattr(_memo, "disk_source", lambda p: original(p) + (b"\n# saved\n" if p == path else b""))
    assert answer() == 42 and calls == [1]                          # computed (by the code in memory) ...
    assert not list(tmp_path.rglob("*answer-*.pickle"))             # ... but not filed under the new code's key


def test_a_simulated_edit_of_the_key_does_not_stop_storing(tmp_path, monkeypatch):
    """Tests simulate edits through _deps.read_source; code imported meanwhile must still store its results."""
    original, path = _deps.read_source, _deps.module_path(MODULE)
    monkeypatch.setattr(_deps, "read_source", lambda p: original(p) + (b"\n# edit\n" if p == path else b""))
    calls: list = []
    answer = _memoised(calls)                                       # imported while the edit is simulated
    monkeypatch.setattr(_deps, "read_source", original)
    monkeypatch.setattr(_memo, "CACHE_DIR", tmp_path)
    assert answer() == 42 and len(list(tmp_path.rglob("*answer-*.pickle"))) == 1


def test_a_result_computed_before_the_cache_was_set_is_stored_when_it_is(tmp_path, monkeypatch):
    """A process that computed a run in memory and later points at the build's cache leaves the same result there,
    so every process reads one result (TensorFlow's float64 sums differ by ~1e-15 between processes)."""
    calls: list = []
    answer = _memoised(calls)
    monkeypatch.setattr(_memo, "CACHE_DIR", None)
    assert answer() == 42
    monkeypatch.setattr(_memo, "CACHE_DIR", tmp_path)
    assert answer() == 42 and calls == [1] and len(list(tmp_path.rglob("*answer-*.pickle"))) == 1
