"""Every page exists in Korean and English with the same skeleton: headings, figures, code, outputs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"
PAGES = sorted(p for p in DOCS.rglob("*.ko.*") if p.suffix in (".md", ".ipynb"))
FENCE = re.compile(r"^(```|~~~)")
VALUE = re.compile(r"\[\[value ([a-z0-9-]+(?:\.[A-Za-z0-9_]+)?)")  # the same values in both languages (spec may differ)


def twin(path: Path) -> Path:
    return path.with_name(path.name.replace(".ko.", ".en."))


def skeleton(markdown: str) -> dict[str, list[str]]:
    """What must match between twins: heading levels, figure/output tokens, includes, admonition kinds, and the
    values quoted (each value as often in one language as in the other)."""
    parts: dict[str, list[str]] = {"headings": [], "figures": [], "outputs": [], "includes": [], "admonitions": [],
                                   "values": sorted(VALUE.findall(markdown))}
    in_code = False
    for line in markdown.splitlines():
        stripped = line.strip()
        if FENCE.match(stripped):
            in_code = not in_code
            continue
        if stripped.startswith("--8<--"):
            parts["includes"].append(stripped)
        if in_code:
            continue
        if m := re.match(r"^(#{1,6}) ", line):
            parts["headings"].append(m.group(1))
        elif m := re.match(r"^\[\[figure (\S+)\]\]", stripped):
            parts["figures"].append(m.group(1))
        elif m := re.match(r"^\[\[output (\S+)\]\]", stripped):
            parts["outputs"].append(m.group(1))
        elif m := re.match(r"^(!!!|\?\?\?\+?) ?([\w-]+)", stripped):
            parts["admonitions"].append(m.group(2))
    return parts


def test_there_are_pages_and_every_one_has_a_twin():
    assert len(PAGES) >= 10
    english = sorted(p for p in DOCS.rglob("*.en.*") if p.suffix in (".md", ".ipynb"))
    assert sorted(twin(p) for p in PAGES) == english


@pytest.mark.parametrize("page", [p for p in PAGES if p.suffix == ".md"], ids=lambda p: str(p.relative_to(DOCS)))
def test_markdown_twins_have_the_same_skeleton(page):
    ko, en = skeleton(page.read_text(encoding="utf-8")), skeleton(twin(page).read_text(encoding="utf-8"))
    assert ko["headings"][:1] == ["#"] and ko["headings"].count("#") == 1
    for part in ko:
        assert ko[part] == en[part], f"{part} differ between {page.name} and {twin(page).name}"


@pytest.mark.parametrize("page", [p for p in PAGES if p.suffix == ".ipynb"], ids=lambda p: p.name)
def test_notebook_twins_have_the_same_cells_and_code_and_no_outputs(page):
    ko, en = (json.loads(p.read_text(encoding="utf-8")) for p in (page, twin(page)))
    assert [c["cell_type"] for c in ko["cells"]] == [c["cell_type"] for c in en["cells"]]
    quoted = [sorted(VALUE.findall("".join("".join(c["source"]) for c in nb["cells"]))) for nb in (ko, en)]
    assert quoted[0] == quoted[1], "the twins quote different values"
    code = [["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"] for nb in (ko, en)]
    # Code and what it prints are the same on both languages' pages (the policy the home page states, Korean
    # review G1): a notebook's code cells are identical in the twins, comments, printed text and plot labels too.
    assert code[0] == code[1], "the twins' code cells differ"
    for nb in (ko, en):
        first = "".join(nb["cells"][0]["source"])
        assert nb["cells"][0]["cell_type"] == "markdown" and first.startswith("# ")
        assert len(first.strip().splitlines()) > 1, "the H1 must share its cell with the first paragraph"
        assert all(not c.get("outputs") and c.get("execution_count") is None
                   for c in nb["cells"] if c["cell_type"] == "code"), "stored outputs go stale: strip them"
        assert all(c.get("id") for c in nb["cells"])


def test_captions_and_alt_texts_quote_the_same_values_in_both_languages():
    from tfnotes.figures.strings import FIGURES

    for name, entry in FIGURES.items():
        for field in ("alt", "caption"):
            ko, en = (sorted(VALUE.findall(entry[field][lang])) for lang in ("ko", "en"))
            assert ko == en, f"{name} {field}: ko quotes {ko}, en quotes {en}"
