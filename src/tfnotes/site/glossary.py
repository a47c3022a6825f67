"""The glossary on the site, from :mod:`tfnotes.glossary` (the one data file): the glossary pages and the tooltips.

- ``[[glossary]]`` on a line of its own (``docs/glossary.*.md``) becomes one table per chapter, sorted by the word
  in the page's language; each term links to the page that introduces it and carries an anchor (``#term-cluster``).
- Tooltips: on the chapter pages, the first use of each term of that chapter becomes
  ``<abbr class="tfn-term" title="definition" tabindex="0">``. Material's ``content.tooltips`` shows ``title`` on
  hover and on keyboard focus (the ``tabindex`` makes the word focusable). Headings, links, code, maths, admonition
  titles and program output are left alone, and in a notebook only its Markdown cells are annotated.

Why not Python-Markdown's ``abbr`` with an auto-appended abbreviation list (Material's documented way): it matches
whole words with ``\\b…\\b``, and a Korean word with a particle attached (클러스터로, 중심점을) has no word boundary
after it, so most Korean uses would get no tooltip. It would also mark every occurrence (one tab stop each) and
reach into headings. A small pass over the rendered HTML does what it cannot; it only tokenises tags and text
(no re-serialisation), so the rest of the page's HTML is left byte for byte.
"""

from __future__ import annotations

import html
import re

from tfnotes.glossary import Term, chapter, terms

DIRECTIVE = re.compile(r"^\[\[glossary\]\][ \t]*$", re.MULTILINE)
CHAPTER_TITLES = {"kmeans": {"ko": "k-means", "en": "k-means"}, "rnn": {"ko": "RNN과 BPTT", "en": "RNN and BPTT"}}
HEADERS = {"ko": ("용어", "영어", "뜻"), "en": ("Term", "Korean", "Meaning")}
OTHER = {"ko": "en", "en": "ko"}

# Elements whose text never gets a tooltip, and classes that mark the same (maths, code, notebook output).
SKIP_TAGS = {"a", "abbr", "code", "pre", "kbd", "samp", "script", "style", "svg", "math", "button", "label",
             "summary", "h1", "h2", "h3", "h4", "h5", "h6", "title", "textarea", "select", "option"}
SKIP_CLASSES = {"arithmatex", "katex", "highlight", "admonition-title", "headerlink", "md-button", "tabbed-labels",
                "jp-OutputArea", "jp-InputArea", "jp-InputPrompt", "tfn-provenance", "tfn-output"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
TOKEN = re.compile(r"<!--.*?-->|<[^>]*>|[^<]+", re.DOTALL)
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*?)(/?)>", re.DOTALL)
CLASS_ATTR = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)')""")
# A whole formula in one text node, or a delimiter whose partner is in another node (a formula with a tag inside).
MATH_DELIM = re.compile(r"\$\$.+?\$\$|\\\[.+?\\\]|\\\(.+?\\\)|(?<![\\$])\$[^$\n]+?\$|\$\$|\\\[|\\\]|\\\(|\\\)", re.DOTALL)
LATIN_AROUND = r"A-Za-z0-9_+\-"  # a Latin word is whole only if none of these touch it
HANGUL = r"가-힣"


# ── the glossary page ──────────────────────────────────────────────────────────────────────────────────────────

def _cell(text: str) -> str:
    return text.replace("|", r"\|")


def table(lang: str) -> str:
    """The glossary as Markdown: a ``##`` heading and a table for each chapter, in the chapters' order."""
    other = OTHER[lang]
    head = HEADERS[lang]
    out = []
    for ch, titles in CHAPTER_TITLES.items():
        group = sorted((t for t in terms() if chapter(t) == ch), key=lambda t: t.word(lang).casefold())
        out += [f"## {titles[lang]}", "", f"| {' | '.join(head)} |", "| --- | --- | --- |"]
        for t in group:
            out.append(f"| [{_cell(t.word(lang))}]({t.page}){{ #term-{t.id} }} | {_cell(t.word(other))} "
                       f"| {_cell(t.definition(lang))} |")
        out.append("")
    return "\n".join(out)


SEARCH_BOOST = 0.5  # a reader who searches a term wants the page that teaches it first, the glossary after


def expand(markdown: str, lang: str, page=None) -> str:
    """``[[glossary]]`` → the tables (any page may hold it; the glossary pages do). The page holding them ranks
    below the chapter pages in search (Material reads ``search.boost`` from the page's meta)."""
    if not DIRECTIVE.search(markdown):
        return markdown
    if page is not None:
        page.meta.setdefault("search", {}).setdefault("boost", SEARCH_BOOST)
    return DIRECTIVE.sub(lambda _: table(lang), markdown)


# ── tooltips ───────────────────────────────────────────────────────────────────────────────────────────────────

def _pattern(word: str, lang: str) -> str:
    left = rf"(?<![{LATIN_AROUND}{HANGUL}])"
    body = re.escape(word)
    if re.search(f"[{HANGUL}]$", word):
        return left + body  # a particle or ending may follow a Korean word (클러스터로, 초기화하면)
    plural = "(?:e?s)?" if lang == "en" and word[-1].isalpha() else ""
    return left + body + plural + rf"(?![{LATIN_AROUND}])"


def _matcher(ch: str, lang: str) -> tuple[re.Pattern, dict[str, Term]]:
    group = [t for t in terms() if chapter(t) == ch]
    by_word = {t.word(lang).casefold(): t for t in group}
    words = sorted(by_word, key=len, reverse=True)  # the longest first: 시간 역전파 before 역전파
    flags = re.IGNORECASE if lang == "en" else 0
    return re.compile("|".join(f"(?P<t{i}>{_pattern(w, lang)})" for i, w in enumerate(words)), flags), \
        {f"t{i}": by_word[w] for i, w in enumerate(words)}


def _classes(attrs: str) -> set[str]:
    m = CLASS_ATTR.search(attrs)
    return set((m.group(1) or m.group(2) or "").split()) if m else set()


def _skipped(name: str, attrs: str) -> bool:
    return name in SKIP_TAGS or bool(SKIP_CLASSES & _classes(attrs))


def annotate(html_text: str, lang: str, src_uri: str, *, notebook: bool = False) -> str:
    """The page's HTML with a tooltip on the first use of each glossary term of its chapter."""
    ch = src_uri.split("/", 1)[0]
    if ch not in CHAPTER_TITLES:
        return html_text
    pattern, names = _matcher(ch, lang)
    done: set[str] = set()
    stack: list[tuple[str, bool]] = []  # open elements: (name, text inside may be annotated)
    allowed = not notebook
    math = [False]  # inside a display formula that spans text nodes
    out = []
    for token in TOKEN.findall(html_text):
        if token.startswith("<!--"):
            out.append(token)
            continue
        if token.startswith("<"):
            out.append(token)
            m = TAG.match(token)
            if not m:
                continue
            closing, name, attrs, selfclosing = m.group(1), m.group(2).lower(), m.group(3), m.group(4)
            if closing:
                while stack:  # pop to the matching element (tolerates an unclosed <p> or <li>)
                    if stack.pop()[0] == name:
                        break
                allowed = stack[-1][1] if stack else not notebook
            elif name not in VOID and not selfclosing:
                opens_markdown = notebook and "jp-RenderedMarkdown" in _classes(attrs)
                inside = (allowed or opens_markdown) and not _skipped(name, attrs)
                stack.append((name, inside))
                allowed = inside
            continue
        if not allowed or len(done) == len(names):
            out.append(token)
            continue
        out.append(_mark(token, pattern, names, done, lang, math))
    return "".join(out)


def _mark(text: str, pattern: re.Pattern, names: dict[str, Term], done: set[str], lang: str, math: list[bool]) -> str:
    """Tooltips in the parts of ``text`` outside maths. Notebook Markdown keeps its TeX as text for KaTeX's
    auto-render (``$…$``, ``$$…$$``, ``\\(…\\)``, ``\\[…\\]``), which must find each formula whole; ``math[0]`` carries
    a display formula left open at the end of one text node into the next."""
    out, pos = [], 0
    for m in MATH_DELIM.finditer(text):
        if not math[0]:
            out.append(_mark_plain(text[pos:m.start()], pattern, names, done, lang))
            out.append(m.group(0))
            if m.group(0) in ("$$", "\\[", "\\("):  # an opening without its closing in this node
                math[0] = True
        else:
            out.append(text[pos:m.end()])
            if m.group(0) in ("$$", "\\]", "\\)"):
                math[0] = False
        pos = m.end()
    rest = text[pos:]
    out.append(rest if math[0] else _mark_plain(rest, pattern, names, done, lang))
    return "".join(out)


def _mark_plain(text: str, pattern: re.Pattern, names: dict[str, Term], done: set[str], lang: str) -> str:
    def one(m: re.Match) -> str:
        term = names[m.lastgroup]
        if term.id in done:
            return m.group(0)
        done.add(term.id)
        title = html.escape(term.definition(lang), quote=True)
        return f'<abbr class="tfn-term" title="{title}" tabindex="0">{m.group(0)}</abbr>'

    return pattern.sub(one, text)
