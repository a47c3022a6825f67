"""Layering and provenance: only tfnotes.site knows MkDocs, and every code block a page includes names the tests
that exercise it (read from the tests' `covers` markers)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tfnotes import _deps
from tfnotes.site import provenance

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
INCLUDE = re.compile(r'^[ \t]*--8<-- "([^"]+)"', re.MULTILINE)
SECTION_START = re.compile(r"# --8<-- \[start:([\w-]+)\]")


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_only_the_site_package_imports_mkdocs_and_nothing_imports_the_site_package():
    for path in sorted((ROOT / "src" / "tfnotes").rglob("*.py")):
        rel = path.relative_to(ROOT / "src").with_suffix("").as_posix().replace("/", ".")
        imported = _imports(path)
        if rel.startswith("tfnotes.site"):
            continue
        assert not any(m.split(".")[0] in ("mkdocs", "mkdocs_jupyter", "mkdocs_static_i18n") for m in imported), rel
        assert not any(m.startswith("tfnotes.site") for m in imported), f"{rel} imports the site layer"


def test_algorithms_runs_and_values_never_import_figures():
    for package in ("tfnotes.kmeans", "tfnotes.rnn", "tfnotes.runs", "tfnotes.values", "tfnotes.data"):
        for mod in _deps.closure(package):
            assert not mod.startswith("tfnotes.figures"), f"{package} depends on {mod}"


def included_sections() -> list[str]:
    found = set()
    for page in sorted(DOCS.rglob("*.md")):
        found.update(INCLUDE.findall(page.read_text(encoding="utf-8")))
    return sorted(found)


@pytest.mark.parametrize("target", included_sections())
def test_every_included_section_names_a_test_that_exercises_it(target):
    tests = provenance.covering_tests(ROOT, target)
    assert tests, (f'{target} is shown on a page but no test carries @pytest.mark.covers("{target}"): '
                   "mark the tests that exercise it")


def _sections(path: Path) -> set[str]:
    return set(SECTION_START.findall(path.read_text(encoding="utf-8")))


def test_every_covers_marker_names_a_section_that_exists():
    for pattern, ref in provenance.all_markers(ROOT):
        path, _, section = pattern.partition(":")
        files = sorted(ROOT.glob(path)) if any(c in path for c in "*?[") else [ROOT / path]
        assert files and all(f.is_file() for f in files), f"{ref.path}::{ref.name}: no file {path}"
        if section:
            assert all(section in _sections(f) for f in files), f"{ref.path}::{ref.name}: no section {pattern}"


def test_markers_are_read_from_functions_and_modules(tmp_path):
    test_file = tmp_path / "test_x.py"
    test_file.write_text(
        "import pytest\n"
        "pytestmark = [pytest.mark.covers('snippets/*.py')]\n"
        "@pytest.mark.covers('src/a.py:one', 'src/a.py:two')\n"
        "def test_a(): pass\n"
        "@pytest.mark.parametrize('x', [1])\n"
        "def test_b(x): pass\n")
    found = provenance.markers_in(test_file, "tests/test_x.py")
    assert ("snippets/*.py", provenance.TestRef("tests/test_x.py", "")) in found
    assert [(p, r.name) for p, r in found if r.name] == [("src/a.py:one", "test_a"), ("src/a.py:two", "test_a")]


def test_a_page_shows_the_tests_of_each_code_block(built_site):
    page = (built_site / "en" / "kmeans" / "lloyd" / "index.html").read_text(encoding="utf-8")
    before_first_block, found, _ = page.partition('<span class="filename">')
    assert found, "no included code block on the Lloyd page"
    tested = re.findall(r'<p class="tfn-tested">Tested by: (.*?)</p>', before_first_block)
    assert tested, "no 'Tested by' line above the first code block"
    names = re.findall(r"<code>(\w+)</code>", tested[-1])
    target = INCLUDE.search((DOCS / "kmeans" / "lloyd.en.md").read_text(encoding="utf-8")).group(1)
    assert names == [r.name for r in provenance.covering_tests(ROOT, target)]
    ko = (built_site / "kmeans" / "lloyd" / "index.html").read_text(encoding="utf-8")
    assert provenance.TESTED_BY["ko"] in ko
