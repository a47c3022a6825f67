""""Tested by" above every included code block, derived from the tests themselves.

A test names the code sections it exercises with a marker, ``@pytest.mark.covers("src/tfnotes/kmeans/tf.py:assign")``
(a section as the page includes it, ``path:section``, or a whole file, ``snippets/x.py``; a glob such as
``snippets/*.py`` names every file it matches); ``pytestmark = pytest.mark.covers(...)`` names them for every test
of a module. :func:`covering_tests` reads the markers with ``ast``, without importing or running any test; the page
build puts the tests' names, linked to a download of their file, right above the code block, and a test of the
suite fails when a page includes a section that no test names (tests/test_provenance.py).
"""

from __future__ import annotations

import ast
import fnmatch
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tfnotes.site import downloads

TESTED_BY = {"ko": "이 코드를 검사하는 테스트", "en": "Tested by"}
# A fenced block whose first line is an include: its title line, then `--8<-- "path[:section]"`.
INCLUDE_BLOCK = re.compile(r'^(?P<indent>[ \t]*)(?P<fence>`{3,})\w+ title="(?P<title>[^"]+)"[^\n]*\n'
                           r'(?P=indent)--8<-- "(?P<target>[^"]+)"', re.MULTILINE)


@dataclass(frozen=True, order=True)
class TestRef:
    path: str  # the test file, relative to the repository root
    name: str  # the test function ("" for a module-wide marker)


def _covers_args(node: ast.expr) -> list[str] | None:
    """The strings of ``pytest.mark.covers(...)`` (or ``mark.covers``), else None."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "covers":
        return [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    return None


def markers_in(path: Path, rel: str) -> list[tuple[str, TestRef]]:
    """(section pattern, test) for every covers marker in one test file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, TestRef]] = []
    for node in tree.body:  # module-wide: pytestmark = pytest.mark.covers(...) or a list of marks
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "pytestmark" for t in node.targets):
            marks = node.value.elts if isinstance(node.value, (ast.List, ast.Tuple)) else [node.value]
            for mark in marks:
                found += [(s, TestRef(rel, "")) for s in (_covers_args(mark) or [])]
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test"):
            for deco in node.decorator_list:
                found += [(s, TestRef(rel, node.name)) for s in (_covers_args(deco) or [])]
    return found


@lru_cache(maxsize=4)
def _all_markers(root: Path, stamp: tuple) -> tuple[tuple[str, TestRef], ...]:
    out = []
    for path in sorted((root / "tests").rglob("test_*.py")):
        out += markers_in(path, path.relative_to(root).as_posix())
    return tuple(out)


def all_markers(root: Path) -> tuple[tuple[str, TestRef], ...]:
    """Every covers marker under ``root/tests`` (re-read when a test file changes, e.g. under `mkdocs serve`)."""
    stamp = tuple((p.as_posix(), p.stat().st_mtime_ns) for p in sorted((root / "tests").rglob("test_*.py")))
    return _all_markers(root, stamp)


def covering_tests(root: Path, target: str) -> list[TestRef]:
    """The tests whose markers name ``target`` (``path:section`` or ``path``), sorted."""
    return sorted({ref for pattern, ref in all_markers(root) if fnmatch.fnmatchcase(target, pattern)})


def annotate(markdown: str, lang: str, page, config) -> str:
    """Put the "Tested by" line above every included code block of a page."""
    from tfnotes.site import root_of

    root = root_of(config)

    def one(match: re.Match) -> str:
        tests = covering_tests(root, match.group("target"))
        if not tests:
            return match.group(0)  # tests/test_provenance.py fails on this; the page still builds
        links = []
        for ref in tests:
            href = downloads.publish(ref.path, page, config)
            label = ref.name or Path(ref.path).name
            links.append(f'<a href="{href}" download title="{ref.path}"><code>{label}</code></a>')
        indent = match.group("indent")
        line = (f'{indent}<p class="tfn-tested">{TESTED_BY[lang]}: {" · ".join(links)}</p>\n{indent}\n')
        return line + match.group(0)

    return INCLUDE_BLOCK.sub(one, markdown)
