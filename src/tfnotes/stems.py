"""Search normalisation: one word → the key that search matches on, the same rules at index time (Python, here)
and at query time (the browser: ``docs/assets/javascripts/search.js`` mirrors this module line for line, and
``tests/test_stems.py`` checks that both give the same key for a word list).

Why by hand: Material's search (lunr) matches every query word as a *prefix* and runs no stemmer, and lunr has no
Korean stemmer at all. A morphological analyser was measured for the index side (kiwipiepy 0.24: a 105 MB model,
2 s to load, 0.5 s for the whole Korean index, so it would fit the build), but the query side has to run in the
reader's browser, where no analyser of that size can go; an index stemmed by the analyser and a query stemmed by
rules would disagree (kiwipiepy splits 초기화하면 into 초기+화+하+면, the rules below keep 초기화). Rules that run on
both sides give the same key for the same word, which is the property search needs.

The key is a prefix-friendly stem: the query sends the key of each word, lunr matches it as a prefix, so a key
that is a prefix of the page's word finds it. Where the key is not a prefix of the page's word (a British/American
spelling the page does not use, a contracted ending), the index carries the key (:func:`index_keys`).

Korean rules (a word that ends in Hangul), applied in this order, each at most once:

1. A particle (조사) at the end goes (클러스터링을 → 클러스터링, 중심점에서는 → 중심점), then a plural 들
   (중심점들 → 중심점). Particles are listed longest first, so 에서는 is cut whole, not as 는.
2. A light verb (하다, 되다, 시키다) with its ending goes, so a noun used as a verb searches as the noun
   (초기화하면, 초기화한, 초기화했다, 초기화해서, 초기화합니다 → 초기화; 학습시키면 → 학습; 정규화된, 사용되는 → 정규화,
   사용). Contracted forms are listed as written (해 = 하+여, 했 = 하+였, 돼 = 되+어, 된 = 되+ㄴ, 시켜 = 시키+어).
3. Otherwise, a verb or adjective ending from a short closed list goes (바뀌었다, 바뀌면 → 바뀌). The list leaves out
   endings that end common nouns: 기 (기울기, 크기), 지 (페이지, 이미지), 어 (레이어, 단어).

Every cut keeps at least two syllables (one-syllable stems such as 작 of 작은 would match half the site), or at
least one character when what is left is not Hangul (BPTT의 → bptt, means를 → means). Known limits: irregular
verbs (가까운/가깝다, 골라/고르다) and endings merged into the last syllable of a native verb (바뀐/바뀌다) keep
their surface form, since telling 바뀐 from a noun such as 기간 needs a dictionary.

English rules (a word of Latin letters, after the Korean rules, so English terms on Korean pages get them too):

1. A plural -s goes (centroids → centroid; -ies → -y; -sses, -xes, -ches, -shes lose -es; -ss, -us, -is stay,
   so loss, corpus, basis do not change; words of three letters or less stay).
2. British and American spellings meet on one stem: -ize/-ise and their forms (-ized, -izing, -ization, -izer …)
   become -is (initialization, initialisation, initialise → initialis), -yze/-yse become -ys (analyze → analys),
   -our becomes -or for the known roots (colour, behaviour, neighbour …), -tre becomes -ter (centre → center),
   -elled/-elling become -eled/-eling (modelled → modeled, labelling → labeling), -ogue becomes -og.
"""

from __future__ import annotations

import functools
import re

# Particles (조사), longest first so that a compound particle is cut whole. 하고 ("with") is also the light verb
# 하 + 고: cutting either way gives the same noun.
PARTICLES = (
    "에서부터", "으로부터", "으로서는", "으로써는",
    "에서는", "에서도", "으로는", "으로도", "으로서", "으로써", "에게서", "이라는", "이라고", "이라면", "입니다",
    "에서", "에게", "에는", "에도", "으로", "부터", "까지", "처럼", "보다", "라는", "라고", "이나", "하고", "이다",
    "이고", "이며", "이란", "마다", "만큼", "로서", "로써", "와는", "과는", "와의", "과의", "로는", "로도", "에의",
    "은", "는", "이", "가", "을", "를", "의", "에", "로", "와", "과", "도", "만", "나", "란",
)
PLURAL = "들"
# Light verbs as they are written before an ending, with the endings each form takes.
_BARE_TAILS = ("", "다", "면", "는", "고", "게", "기", "지", "며", "면서", "려면", "려고", "도록", "는데", "던",
               "여", "여서", "여야", "였다", "지만", "는지", "더라도", "므로", "자")
_MERGED_TAILS = ("", "다", "니다", "니까", "지", "데")  # 한, 할, 함, 합(니다), 된, 될, 됨, 됩(니다) …
_CONTRACTED_TAILS = ("", "서", "야", "도", "요", "라", "진다", "진", "지는", "져", "지면", "보면", "보세요")
_PAST_TAILS = ("다", "고", "는데", "던", "지만", "으며", "을", "습니다", "으면", "는지")
LIGHT_VERBS = (
    ("하", _BARE_TAILS), ("되", _BARE_TAILS), ("시키", _BARE_TAILS),
    ("한", _MERGED_TAILS), ("할", _MERGED_TAILS), ("함", _MERGED_TAILS), ("합", _MERGED_TAILS),
    ("된", _MERGED_TAILS), ("될", _MERGED_TAILS), ("됨", _MERGED_TAILS), ("됩", _MERGED_TAILS),
    ("시킨", _MERGED_TAILS), ("시킬", _MERGED_TAILS), ("시킴", _MERGED_TAILS), ("시킵", _MERGED_TAILS),
    ("해", _CONTRACTED_TAILS), ("돼", _CONTRACTED_TAILS), ("시켜", _CONTRACTED_TAILS),
    ("했", _PAST_TAILS), ("됐", _PAST_TAILS), ("시켰", _PAST_TAILS),
)
# Light-verb suffixes (form + tail), longest first: 했습니다 before 다.
LIGHT_SUFFIXES = tuple(sorted({form + tail for form, tails in LIGHT_VERBS for tail in tails},
                              key=lambda s: (-len(s), s)))
# Endings of other verbs and adjectives; no 기, 지, 어 (they end nouns: 기울기, 페이지, 레이어).
VERB_ENDINGS = ("습니다", "었습니다", "았습니다", "었다", "았다", "였다", "는다", "으면", "려면", "면서", "지만",
                "도록", "어서", "아서", "다", "면", "고", "게")
VERB_ENDINGS = tuple(sorted(set(VERB_ENDINGS), key=lambda s: (-len(s), s)))
MIN_HANGUL_STEM = 2

HANGUL = re.compile("[\uac00-\ud7a3]")
WORD = re.compile("[0-9A-Za-z\uac00-\ud7a3]+")  # what one key is made from: letters, digits, Hangul syllables

# English.
PLURAL_KEEP = ("ss", "us", "is")
NO_PLURAL = frozenset({"series", "species", "always", "perhaps", "news", "means", "this", "thus", "does", "has",
                       "was", "its", "yes", "plus", "minus", "bias", "lens", "gauss", "towards", "afterwards"})
OUR_ROOTS = ("behavio", "colo", "neighbo", "favo", "labo", "hono", "flavo", "humo", "harbo", "vapo", "endeavo")
SPELLING = (  # (pattern, replacement), applied in order, each to the word's end
    (re.compile(r"(?<=[a-z]{3})i[sz](?:e|es|ed|ing|ation|ations|er|ers)$"), "is"),
    (re.compile(r"(?<=[a-z]{2})y[sz](?:e|es|ed|ing|er|ers)$"), "ys"),
    (re.compile(r"^(" + "|".join(OUR_ROOTS) + r")ur"), r"\1r"),
    (re.compile(r"(?<=[a-z]{2})tre(s|d)?$"), r"ter\1"),
    (re.compile(r"(?<=[a-z]{2})ell(ed|ing|er|ers)$"), r"el\1"),
    (re.compile(r"(?<=[a-z]{2})ogue(s)?$"), r"og\1"),
)


def _is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


def _cut(word: str, suffixes: tuple[str, ...]) -> str:
    """``word`` without the first of ``suffixes`` it ends with, if enough stays (see the module's rules)."""
    for suffix in suffixes:
        if len(word) > len(suffix) and word.endswith(suffix):
            stem = word[: -len(suffix)]
            if _is_hangul(stem[-1]) and len(stem) >= MIN_HANGUL_STEM or not _is_hangul(stem[-1]):
                return stem
    return word


def korean_stem(word: str) -> str:
    """Particles, then a light verb with its ending, or else a verb ending, as the module's rules say."""
    stem = _cut(word, PARTICLES)
    stem = _cut(stem, (PLURAL,))
    light = _cut(stem, LIGHT_SUFFIXES)
    return light if light != stem else _cut(stem, VERB_ENDINGS)


def english_stem(word: str) -> str:
    """A plural -s, then British/American spellings, as the module's rules say."""
    if len(word) > 3 and word not in NO_PLURAL:
        if word.endswith("ies") and len(word) > 4:
            word = word[:-3] + "y"
        elif word.endswith(("sses", "xes", "ches", "shes")):
            word = word[:-2]
        elif word.endswith("s") and not word.endswith(PLURAL_KEEP):
            word = word[:-1]
    for pattern, replacement in SPELLING:
        word = pattern.sub(replacement, word)
    return word


@functools.lru_cache(maxsize=None)  # pure, and the search index asks for the same words many times
def normalise_word(word: str) -> str:
    """The search key of one word (a run of letters, digits and Hangul syllables), in lower case."""
    word = word.lower()
    if word and _is_hangul(word[-1]):
        word = korean_stem(word)
    if re.fullmatch("[a-z]+", word):
        word = english_stem(word)
    return word


def normalise_text(text: str) -> str:
    """Every word of ``text`` replaced by its key, everything between words kept (operators such as ``+``)."""
    return WORD.sub(lambda m: normalise_word(m.group(0)), text)


def normalise_query(query: str, table: dict[str, str]) -> str:
    """What the browser sends to lunr: each word's key, then a reader's word (a glossary variant, normalised) as
    ``table`` says (:func:`synonym_table`), longest variant first, whole words only."""
    text = normalise_text(query)
    for variant in sorted(table, key=lambda v: (-len(v), v)):
        text = re.sub(rf"(?<![0-9a-z\uac00-\ud7a3]){re.escape(variant)}(?![0-9a-z\uac00-\ud7a3])",
                      lambda m: table[variant], text)
    return text


def synonym_keys(synonyms: dict[str, str]) -> dict[str, str]:
    """The synonyms as the query side uses them: normalised variant → normalised page term (a variant that
    normalises to its own term is dropped: the rules already find it)."""
    out = {}
    for variant, term in synonyms.items():
        key, value = normalise_text(variant), normalise_text(term)
        if key != value:
            out[key] = value
    return out


def index_keys(tokens: list[str]) -> list[str]:
    """The keys the index must carry besides the page's own words: those a prefix query would not reach, i.e. the
    key of a word that is not a prefix of the word as lunr stores it (lower case), in first-seen order."""
    out: dict[str, None] = {}
    for token in tokens:
        low = token.lower()
        for match in WORD.finditer(low):
            key = normalise_word(match.group(0))
            if len(key) >= 2 and not low.startswith(key):
                out[key] = None
    return list(out)


def synonym_table(synonyms: dict[str, str], page_text: str) -> dict[str, str]:
    """What the query side substitutes: normalised variant → what to search instead. A variant the pages never
    write is replaced by the page's word (군집 → 클러스터); a variant the pages also write (BPTT on the Korean pages,
    whose term is 시간에 따른 역전파) is kept and the page's word added, so the reader still finds the pages that use it.
    ``page_text`` is the language's pages' text, already normalised (:func:`normalise_text`)."""
    out = {}
    for key, term in synonym_keys(synonyms).items():
        out[key] = f"{key} {term}" if _has_whole_word(page_text, key) else term
    return out


def _is_word_char(ch: str) -> bool:
    return "0" <= ch <= "9" or "a" <= ch <= "z" or _is_hangul(ch)


def _has_whole_word(text: str, key: str) -> bool:
    """``key`` occurs in ``text`` with no word character (0-9, a-z, Hangul) right before or after it: the regular
    expression ``(?<![0-9a-z가-힣])key(?![0-9a-z가-힣])``, found with ``str.find`` (the look-behind tried at every
    position of the pages' whole text made the search index the slowest step of a rebuild)."""
    start = text.find(key)
    while start != -1:
        end = start + len(key)
        if (start == 0 or not _is_word_char(text[start - 1])) and (end == len(text) or not _is_word_char(text[end])):
            return True
        start = text.find(key, start + 1)
    return False
