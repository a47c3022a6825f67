"""Under `mkdocs serve`, a rebuild reuses a page's render only while everything it reads is unchanged, never hides
a warning, and writes the same site as a build from scratch (tfnotes.site.rebuild)."""

from __future__ import annotations

import logging

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tfnotes.site import rebuild


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "docs").mkdir()
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "a.py").write_text("print('a')\n")
    (tmp_path / "docs" / "index.md").write_text("# Home\n\n[other](other.md)\n")
    (tmp_path / "docs" / "other.md").write_text('# Other\n\n```python\n--8<-- "snippets/a.py"\n```\n')
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nmarkdown_extensions:\n  - pymdownx.snippets:\n"
                                         "      base_path: [!relative $config_dir]\n      check_paths: true\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # the theme writes the build date into every page
    rebuild.patch()
    monkeypatch.setattr(rebuild, "enabled", True)
    monkeypatch.setattr(rebuild, "_renders", {})
    calls = []
    original = rebuild._original_render
    monkeypatch.setattr(rebuild, "_original_render", lambda page, c, f: (calls.append(page.file.src_uri),
                                                                          original(page, c, f))[1])
    return tmp_path, calls


def _build(root, site):  # `mkdocs serve` builds into one folder every time
    site = site.parent / "site"
    rebuild.start_build(root)
    build(load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site)))
    return {p.relative_to(site): p.read_bytes() for p in sorted(site.rglob("*.html"))}


def test_a_rebuild_renders_only_the_edited_page_and_writes_the_same_site(project, tmp_path_factory):
    root, calls = project
    first = _build(root, tmp_path_factory.mktemp("a"))
    assert sorted(calls) == ["index.md", "other.md"]
    calls.clear()
    assert _build(root, tmp_path_factory.mktemp("b")) == first and calls == []
    (root / "docs" / "index.md").write_text("# Home\n\n[other](other.md) edited\n")
    edited = _build(root, tmp_path_factory.mktemp("c"))
    assert calls == ["index.md"] and b"edited" in edited[next(p for p in edited if str(p) == "index.html")]


def test_an_included_file_edit_renders_the_page_that_includes_it_again(project, tmp_path_factory):
    root, calls = project
    _build(root, tmp_path_factory.mktemp("a"))
    calls.clear()
    (root / "snippets" / "a.py").write_text("print('b')\n")
    site = _build(root, tmp_path_factory.mktemp("b"))
    assert "other.md" in calls and b"print" in site[next(p for p in site if str(p).startswith("other"))]


def test_a_render_that_warned_is_rendered_again_so_the_warning_is_never_hidden(project, tmp_path_factory, caplog):
    root, calls = project
    (root / "docs" / "index.md").write_text("# Home\n\n[broken](missing.md)\n")
    for name in ("a", "b"):
        calls.clear()
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="mkdocs"):
            _build(root, tmp_path_factory.mktemp(name))
        assert "index.md" in calls and "missing.md" in caplog.text


def test_the_next_process_reads_the_renders_a_build_used_from_disk(project, tmp_path_factory, monkeypatch):
    root, calls = project
    first = _build(root, tmp_path_factory.mktemp("a"))
    rebuild.finish_build()
    assert (root / ".cache" / "tfnotes" / rebuild.CACHE_FILE).is_file()
    monkeypatch.setattr(rebuild, "_renders", {})  # a new process: nothing in memory
    monkeypatch.setattr(rebuild, "_loaded_from", [])
    calls.clear()
    assert _build(root, tmp_path_factory.mktemp("b")) == first and calls == []
