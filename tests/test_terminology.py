"""One term per concept, from the glossary (src/tfnotes/glossary/terms.toml): the data are complete, no page writes
a forbidden variant, and the page that introduces a term glosses the English term in parentheses at its first use.

What counts as a page's text: the Markdown of every page and the Markdown cells of every notebook, without code
(fenced blocks, inline code, includes, directives), maths, link targets, HTML tags and comments. A notebook's code
cells count for forbidden variants too (they print and label what a reader sees), as English on both languages'
pages: code and its output are the same in the twins (the policy the home page states); code is never glossed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tfnotes.glossary import LANGS, chapter, synonyms, terms

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = sorted(p for p in DOCS.rglob("*.*.*") if p.suffix in (".md", ".ipynb") and p.name.split(".")[-2] in LANGS)
HANGUL = "가-힣"
LATIN = r"A-Za-z0-9_+\-"

FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,})[^\n]*\n.*?^\1\2[ \t]*$", re.MULTILINE | re.DOTALL)
CODE_OR_MATH = re.compile(r"(`+)(?!`).+?(?<!`)\1|\$\$.+?\$\$|\$[^$\n]+?\$", re.DOTALL)
NOT_PROSE = re.compile(r"\[\[[^\]]*\]\]|^[ \t]*--8<--.*$|<!--.*?-->|<[^>\n]+>|\]\([^)]*\)|\{[:#.][^}\n]*\}",
                       re.MULTILINE | re.DOTALL)
HEADING = re.compile(r"^(#{1,6} |[ \t]*(?:!!!|\?\?\?\+?) ).*$", re.MULTILINE)  # headings, admonition titles


def lang_of(path: Path) -> str:
    return path.name.split(".")[-2]


def prose(markdown: str) -> str:
    """The sentences a reader reads: no code, maths, link targets, tags, headings; emphasis marks dropped."""
    text = FENCE.sub("", markdown)
    text = CODE_OR_MATH.sub(" ", text)
    text = NOT_PROSE.sub(lambda m: "]" if m.group(0).startswith("](") else " ", text)
    text = HEADING.sub("", text)
    return text.replace("*", "")


REFERENCES = re.compile(r"^#{2,6}\s+(?:References|참고 문헌)\s*$.*?(?=^#{1,6} |\Z)", re.MULTILINE | re.DOTALL)


def page_text(path: Path, *, with_code: bool = False) -> str:
    """A page's prose. With ``with_code``, a notebook's code cells too, and no reference lists (the titles of other
    works are quoted as they are: d2l-ko's "시간을 통한 역전파" stays in the citation)."""
    if path.suffix == ".md":
        markdown = path.read_text(encoding="utf-8")
        return prose(REFERENCES.sub("", markdown) if with_code else markdown)
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    parts = [prose("".join(c["source"])) for c in cells if c["cell_type"] == "markdown"]
    if with_code:
        parts += [code_text(path)]
    return "\n\n".join(parts)


def code_text(path: Path) -> str:
    """A notebook's code cells (nothing for a Markdown page): English on both languages' pages."""
    if path.suffix != ".ipynb":
        return ""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")


def word_pattern(word: str, lang: str) -> str:
    """The word where it stands alone: nothing word-like before it; after a Korean word a particle may follow."""
    body = re.escape(word).replace(r"\ ", r"\s+")  # a line break may fall inside a term
    if re.search(f"[{HANGUL}]$", word):
        return rf"(?<![{LATIN}{HANGUL}]){body}"
    return rf"(?<![{LATIN}{HANGUL}]){body}(?![{LATIN}])"


def forbidden_uses(text: str, lang: str) -> list[str]:
    """Each forbidden variant the text writes, with the page term it should have been and some context."""
    found = []
    for t in terms():
        for bad in t.forbidden(lang):
            for m in re.finditer(word_pattern(bad, lang), text, flags=re.IGNORECASE if lang == "en" else 0):
                context = text[max(0, m.start() - 20): m.end() + 20].replace("\n", " ")
                found.append(f"{bad!r} (the pages say {t.word(lang)!r}): …{context}…")
    return found


def first_use(text: str, term, lang: str = "ko") -> re.Match | None:
    """The first place the term's word stands for that term (not inside a longer term: 클러스터 in 클러스터링)."""
    words = sorted({t.word(lang) for t in terms()}, key=len, reverse=True)
    alternation = re.compile("|".join(f"({word_pattern(w, lang)})" for w in words))
    for m in alternation.finditer(text):
        if re.fullmatch(re.escape(term.word(lang)).replace(r"\ ", r"\s+"), m.group(0)):
            return m
    return None


def glossed(text: str, m: re.Match, term) -> bool:
    """Right after the word (a plural 들 allowed): parentheses that name the English term or an accepted variant."""
    after = re.match(r"들?\s*\(([^)]*)\)", text[m.end():])
    if not after:
        return False
    inside = re.sub(r"\s+", " ", after.group(1)).casefold()
    return any(name.casefold() in inside for name in (term.en, *term.en_variants))


def source_of(page: str, lang: str) -> Path:
    stem = DOCS / page.removesuffix(".md")
    for candidate in (stem.with_name(f"{stem.name}.{lang}.md"), stem.with_name(f"{stem.name}.{lang}.ipynb")):
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"{page} ({lang})")


# ── the data ───────────────────────────────────────────────────────────────────────────────────────────────────

def test_the_glossary_has_at_least_40_terms_with_both_languages_and_a_page_that_exists():
    all_terms = terms()
    assert len(all_terms) >= 40
    assert {chapter(t) for t in all_terms} == {"kmeans", "rnn"}
    for t in all_terms:
        assert re.search(f"[{HANGUL}]", t.ko_def) and not re.search(f"[{HANGUL}]", t.en_def), t.id
        for lang in LANGS:
            assert source_of(t.page, lang).exists()


def test_no_word_names_two_concepts_and_none_is_both_accepted_and_forbidden():
    for lang in LANGS:
        owner: dict[str, str] = {}
        for t in terms():
            for w in (t.word(lang), *t.variants(lang), *t.forbidden(lang)):
                key = w.casefold()
                assert owner.get(key, t.id) == t.id, f"{lang}: {w!r} belongs to {owner[key]} and {t.id}"
                owner[key] = t.id
            assert not set(t.variants(lang)) & set(t.forbidden(lang)), t.id
            assert t.word(lang) not in (*t.variants(lang), *t.forbidden(lang)), t.id


def test_search_synonyms_map_a_readers_word_to_the_page_word():
    ko, en = synonyms("ko"), synonyms("en")
    assert ko["군집"] == "클러스터" and ko["그래디언트"] == "기울기" and ko["k-평균"] == "k-means"
    assert ko["센트로이드"] == "중심점" and ko["그라디언트"] == "기울기"  # a forbidden word still finds the page
    assert en["initialization"] == "initialisation" and en["standardize"] == "standardisation"
    assert en["centroids"] == "centroid" and en["BPTT"] == "backpropagation through time"
    with pytest.raises(ValueError, match="lang"):
        synonyms("fr")


# ── the pages ──────────────────────────────────────────────────────────────────────────────────────────────────

def test_pages_are_found():
    assert len([p for p in PAGES if lang_of(p) == "ko"]) >= 20


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_no_page_writes_a_forbidden_variant(path):
    lang = lang_of(path)
    korean_notebook = lang != "en" and path.suffix == ".ipynb"
    uses = forbidden_uses(page_text(path, with_code=not korean_notebook), lang)
    uses += forbidden_uses(code_text(path), "en") if korean_notebook else []  # code prints English on every page
    assert uses == [], f"{path.relative_to(DOCS)}:\n" + "\n".join(uses)


def test_a_planted_forbidden_variant_fails():
    text = page_text(DOCS / "rnn" / "bptt.ko.md")
    assert forbidden_uses(text, "ko") == []
    planted = text.replace("기울기", "그라디언트", 1)
    assert len(forbidden_uses(planted, "ko")) == 1 and "'그라디언트' (the pages say '기울기')" in forbidden_uses(planted, "ko")[0]
    assert forbidden_uses("이 모델은 시간 역전파로 학습합니다.", "ko")[0].startswith("'시간 역전파'")
    assert forbidden_uses("그라디언트를", "ko") and not forbidden_uses("기울기를", "ko")


LINK_TEXT = re.compile(r"\[[^\]\n]*\]")
KOREAN_TERMS = [t for t in terms() if re.search(f"[{HANGUL}]", t.ko)]


@pytest.mark.parametrize("term", KOREAN_TERMS, ids=lambda t: t.id)
def test_the_introducing_page_glosses_the_english_term_at_first_use(term):
    path = source_of(term.page, "ko")
    text = LINK_TEXT.sub(" ", page_text(path))  # a link's text names another page; the gloss goes in the prose
    m = first_use(text, term)
    assert m, f"{term.ko!r} does not appear in {path.relative_to(DOCS)} (the page that introduces it)"
    context = text[max(0, m.start() - 30): m.end() + 40].replace("\n", " ")
    ok = glossed(text, m, term)
    assert ok, f"{path.relative_to(DOCS)}: the first {term.ko!r} has no ({term.en}): …{context}…"


def test_the_gloss_check_reads_parentheses_after_the_word():
    cluster = next(t for t in terms() if t.id == "cluster")
    text = "클러스터링(clustering)은 점을 클러스터(clusters)로 나눕니다."
    m = first_use(text, cluster)
    assert text[m.start():m.end()] == "클러스터" and m.start() == text.index("클러스터(")  # not the one in 클러스터링
    assert glossed(text, m, cluster)
    assert not glossed("클러스터로 나눕니다(cluster).", first_use("클러스터로 나눕니다(cluster).", cluster), cluster)


EVERYWHERE = [(t, p) for t in terms() if t.gloss_everywhere for p in PAGES
              if lang_of(p) == "ko" and p.relative_to(DOCS).parts[0] == chapter(t)
              and first_use(LINK_TEXT.sub(" ", page_text(p)), t)]  # the chapter's pages that use it


def test_some_terms_are_glossed_on_every_page_of_their_chapter():
    assert {t.id for t, _ in EVERYWHERE} >= {"hidden-state", "gradient"}
    assert len([p for t, p in EVERYWHERE if t.id == "hidden-state"]) >= 10  # the RNN pages (all of them use it)


@pytest.mark.parametrize("term,path", EVERYWHERE, ids=lambda x: getattr(x, "id", None) or x.relative_to(DOCS).as_posix())
def test_a_term_glossed_everywhere_is_glossed_at_its_first_use_on_each_page(term, path):
    text = LINK_TEXT.sub(" ", page_text(path))
    m = first_use(text, term)
    context = text[max(0, m.start() - 30): m.end() + 40].replace("\n", " ")
    ok = glossed(text, m, term)
    assert ok, f"{path.relative_to(DOCS)}: the first {term.ko!r} has no ({term.en}): …{context}…"
