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
    original, path = _deps.read_source, _deps.module_path(MODULE)
    monkeypatch.setattr(_deps, "read_source", lambda p: original(p) + (b"\n# saved\n" if p == path else b""))
    assert answer() == 42 and calls == [1]                          # computed (by the code in memory) ...
    assert not list(tmp_path.rglob("*answer-*.pickle"))             # ... but not filed under the new code's key
