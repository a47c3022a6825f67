"""The glossary: one data file (``terms.toml`` beside this module) is the single source of the site's terms.

Each ``[[term]]`` has: ``id``; ``ko`` and ``en`` (the page terms); ``ko_def`` and ``en_def`` (one-line definitions);
``page`` (the page that introduces it, e.g. ``"kmeans/index.md"``); ``ko_variants`` / ``en_variants`` (accepted other
words a reader may search for: synonyms, spellings, plurals); ``ko_forbidden`` / ``en_forbidden`` (variants a page
must not write); ``gloss_everywhere`` (optional, false by default): every Korean page of the term's chapter that
uses it glosses the English term at its first use there, not only ``page``. From it come the glossary pages, the
tooltips, the search synonyms and the terminology test.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("terms.toml")
LANGS = ("ko", "en")


@dataclass(frozen=True)
class Term:
    id: str
    ko: str
    en: str
    ko_def: str
    en_def: str
    page: str
    ko_variants: tuple[str, ...] = field(default=())
    en_variants: tuple[str, ...] = field(default=())
    ko_forbidden: tuple[str, ...] = field(default=())
    en_forbidden: tuple[str, ...] = field(default=())
    gloss_everywhere: bool = False

    def word(self, lang: str) -> str:
        return getattr(self, lang)

    def definition(self, lang: str) -> str:
        return getattr(self, f"{lang}_def")

    def variants(self, lang: str) -> tuple[str, ...]:
        return getattr(self, f"{lang}_variants")

    def forbidden(self, lang: str) -> tuple[str, ...]:
        return getattr(self, f"{lang}_forbidden")


@lru_cache(maxsize=1)
def terms() -> tuple[Term, ...]:
    """Every term, in the file's order; a missing field or a duplicate id is an error that names the term."""
    raw = tomllib.loads(DATA.read_text(encoding="utf-8")).get("term", [])
    out, seen = [], set()
    required = ("id", "ko", "en", "ko_def", "en_def", "page")
    for i, entry in enumerate(raw):
        missing = [k for k in required if not entry.get(k)]
        if missing:
            raise ValueError(f"glossary term #{i + 1} ({entry.get('id', '?')}): missing {missing}")
        if entry["id"] in seen:
            raise ValueError(f"glossary term id {entry['id']!r} appears twice")
        seen.add(entry["id"])
        out.append(Term(**{k: tuple(v) if isinstance(v, list) else v for k, v in entry.items()}))
    return tuple(out)


def synonyms(lang: str) -> dict[str, str]:
    """``{variant: page term}`` for search in ``lang``: a reader's word maps to the word the pages use.

    Forbidden words are included too: a page must not write 그라디언트, but a reader may still type it."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, got {lang!r}")
    return {v: t.word(lang) for t in terms() for v in (*t.variants(lang), *t.forbidden(lang))}


def chapter(term: Term) -> str:
    """The chapter a term belongs to: the first folder of its page (``"kmeans"``, ``"rnn"``)."""
    return term.page.split("/", 1)[0]
