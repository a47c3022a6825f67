"""No result-like number is typed into a page: prose, notebook Markdown, captions, alt text and figure labels.

A number a reader sees in a sentence is a result of a run, a fact of the data or a copy of a setting, and each of
those goes stale when the code changes, so it comes from a value computed at build (``[[value NAME.key]]``,
:mod:`tfnotes.values`). This test reads every text source in both languages and fails on any digit left, except:

Rules (structural, so they need no entry each):
1. Code: fenced blocks, inline code, includes and directives are code, not prose.
2. Names: digits glued to letters are part of a name (``float32``, ``W_2``, ``d2l``, ``k-means++``'s ``L2``).
3. Maths: inside ``$...$`` only a number standing alone after a relation (``= 6``, ``\\approx 1.609``, ``< 10^{-7}``)
   is a claim about a value; subscripts, exponents and coefficients of a formula are notation.
4. Dates: years 1500-2099 (publications, events), and the bibliographic lists under a "References"/"참고 문헌"
   heading (volumes, pages).
5. Versions: a number right after a product's name (``TensorFlow 2``, ``TF 0.x``, ``Python 3.11``).
6. Arithmetic's identities and list numbering: 0 and 1 ("sums to 1", "$J = 0$", "between 0 and 1", "counts from
   0"), and the number of an ordered-list item ("1. [Lloyd's algorithm](...)").

Everything else is in :data:`ALLOWED`, one entry per genuine constant, with its reason.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from tfnotes.figures.strings import FIGURES, LABELS

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"

# (language, regular expression that matches the number in its context) -> why it may stay typed.
ALLOWED: dict[tuple[str, str], str] = {
    ("en", r"already for \$k = 2\$ when the dimension|plane \(\$d = 2\$\)"):
        "the statements of the cited NP-hardness theorems (Aloise et al. 2009; Mahajan et al. 2009)",
    ("ko", r"\$k = 2\$일 때부터|평면\(\$d = 2\$\)"):
        "the statements of the cited NP-hardness theorems (Aloise et al. 2009; Mahajan et al. 2009)",
    ("en", r"Act 1, Scene 9"): "where the shipped excerpt ends in the play: a citation, like a page number",
    ("ko", r"1막 9장"): "where the shipped excerpt ends in the play: a citation, like a page number",
    ("en", r"extended to 70 years after death"): "the copyright term in Korean law: a legal constant",
    ("ko", r"사후 70년으로"): "the copyright term in Korean law: a legal constant",
}

NUMBER = re.compile(r"(?<![A-Za-z_\d.])(\d+(?:[.,]\d+)*)(?![A-Za-z_\d])")  # Hangul counters (9장, 70년) stay numbers
YEAR = re.compile(r"^(1[5-9]|20)\d\d$")
VERSION = re.compile(r"(?:TensorFlow|TF|Python|Keras|scikit-learn|MkDocs|NumPy|Material|KaTeX)\s+$")
RELATION = re.compile(r"(?:=|<|>|\\approx|\\le|\\leq|\\ge|\\geq|\\sim|\\ll|\\gg|≈|≤|≥)\s*-?$")
REFERENCES = re.compile(r"^#{2,6}\s+(References|참고 문헌)\s*$", re.MULTILINE)
FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,})[^\n]*\n.*?^\1\2[ \t]*$", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1", re.DOTALL)
DIRECTIVE = re.compile(r"\[\[(?:value|figure|output) [^\]]*\]\]|^[ \t]*--8<--.*$", re.MULTILINE)
LIST_NUMBER = re.compile(r"^[ \t]*\d+\.(?=[ \t])", re.MULTILINE)
HTML = re.compile(r"<[^>\n]+>|&#?\w+;")
LINK_TARGET = re.compile(r"\]\([^)]*\)|^\s*\[[^\]]+\]:\s*\S+.*$|\{\s*[:#.][^}\n]*\}|\{\s*[\w-]+=[^}\n]*\}|\[\^[^\]]+\]", re.MULTILINE)
MATH = re.compile(r"\$\$.+?\$\$|\$[^$\n]+?\$", re.DOTALL)


@dataclass(frozen=True)
class Typed:
    source: str  # file (and line) or figure entry
    lang: str
    number: str
    context: str

    def __str__(self) -> str:
        return f"{self.source} [{self.lang}]: {self.number!r} in …{self.context}…"


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))  # keep line numbers and columns


def typed_numbers(text: str, lang: str, source: str) -> list[Typed]:
    """Every typed number in one Markdown text that no rule or allowlist entry excuses."""
    refs = REFERENCES.search(text)
    if refs:
        text = text[: refs.start()]
    for pattern in (FENCE, DIRECTIVE, LIST_NUMBER, INLINE_CODE, LINK_TARGET, HTML):
        text = pattern.sub(_blank, text)
    found: list[Typed] = []
    maths = [(m.start(), m.end()) for m in MATH.finditer(text)]
    for m in NUMBER.finditer(text):
        number, start = m.group(1), m.start(1)
        if number in ("0", "1"):
            continue
        before = text[max(0, start - 30):start]
        in_math = next(((a, b) for a, b in maths if a <= start < b), None)
        if in_math:
            after = text[m.end(1):in_math[1]]
            standalone = re.match(r"\s*(\^\{?-?\d+\}?)?\s*(\$|[,;.)]|\\[,;!]|\\quad|\\text|=|\\approx|<|>|\\le|\\ge|$)",
                                  after)
            if not (RELATION.search(text[in_math[0]:start]) and standalone):
                continue
        elif YEAR.match(number) or VERSION.search(before):
            continue
        line = text.count("\n", 0, start) + 1
        context = " ".join(text[max(0, start - 40): m.end(1) + 30].split())
        if any(lang == allowed_lang and re.search(pattern, context) for allowed_lang, pattern in ALLOWED):
            continue
        found.append(Typed(f"{source}:{line}", lang, number, context))
    return found


def text_sources() -> list[tuple[str, str, str]]:
    """(text, language, where) for every page, notebook Markdown cell, caption, alt text and figure label."""
    out = []
    for page in sorted(DOCS.rglob("*.md")):
        lang = page.suffixes[-2].lstrip(".")
        out.append((page.read_text(encoding="utf-8"), lang, page.relative_to(ROOT).as_posix()))
    for nb in sorted(DOCS.rglob("*.ipynb")):
        lang = nb.suffixes[-2].lstrip(".")
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        for i, cell in enumerate(cells):
            if cell["cell_type"] == "markdown":
                out.append(("".join(cell["source"]), lang, f"{nb.relative_to(ROOT).as_posix()} cell {i}"))
    for name, entry in FIGURES.items():
        for field in ("alt", "caption"):
            for lang, text in entry[field].items():
                out.append((text, lang, f"strings.FIGURES[{name!r}][{field!r}]"))
    for name, entry in LABELS.items():
        for lang, text in entry.items():
            out.append((re.sub(r"\{[^{}]*\}", " ", text), lang, f"strings.LABELS[{name!r}]"))
    return out


def test_no_typed_result_numbers_in_any_text_a_reader_sees():
    typed = [t for text, lang, where in text_sources() for t in typed_numbers(text, lang, where)]
    assert not typed, (f"{len(typed)} typed number(s); write [[value NAME.key]] (tfnotes.values) or, for a genuine "
                       "constant, add an ALLOWED entry with its reason:\n" + "\n".join(map(str, typed)))


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_allowlist_stays_short(lang):
    assert sum(1 for allowed_lang, _ in ALLOWED if allowed_lang == lang) <= 5


@pytest.mark.parametrize("text,expected", [
    ("With six blobs we ask for $k = 6$ and get 38 good runs.", ["6", "38"]),
    ("Inertia [[value kmeans-init.best:.1f]] in `n_init=10` runs, float32 data.", []),
    ("Lloyd (1957) and $J = \\sum_{i=1}^{n} \\lVert x_i \\rVert^2$, ε $= 10^{-5}$.", ["10"]),
    ("TensorFlow 2 and TF 0.12, Python 3.11.", []),
    ("```python\nx = 5\n```\nsee [the page](a-1.md){ #x-2 }", []),
    ("text\n\n## References\n\n- Vattani, A. (2011). Discrete Comput. Geom. 45, 596–616.", []),
    ("$\\mathbb{E}[J] \\le 8(\\ln k + 2) J_{opt}$ and $p \\approx 0.25$", ["0.25"]),
    ("1. [Lloyd](lloyd.md): sums to 1, $h_0 = 0$.\n2. [Next](next.md) has 2 parts", ["2"]),
])
def test_the_scanner_finds_what_a_reader_would_call_a_number(text, expected):
    assert [t.number for t in typed_numbers(text, "en", "x")] == expected
