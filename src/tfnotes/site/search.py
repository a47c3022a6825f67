"""One search index per language, with Korean- and English-aware keys and the glossary's synonyms.

mkdocs-static-i18n merges every language's pages into one ``search/search_index.json`` (upstream #31, #98, #271:
Material fetches one fixed path), so a reader on ``/en/`` got Korean pages and the reverse. After i18n has written
the merged index (its own post-build step runs first), it is split here: the Korean pages stay at
``search/search_index.json`` (Korean is the default language, at ``/``), the English pages go to
``en/search/search_index.json``, and ``docs/assets/javascripts/search-ko.js`` makes an English page fetch its own
(Material has no option for the index path). Locations stay relative to the site root, as Material resolves them.

Each document also gets a ``keys`` field (a search field beside title and text, which Material's worker indexes
and never shows): the search keys of its words that a prefix query would not reach otherwise
(:func:`tfnotes.stems.index_keys`), e.g. ``initialis`` for a page that writes "initialization". The query side
normalises the reader's words by the same rules (:mod:`tfnotes.stems`, mirrored in the JavaScript). The glossary's
synonyms (:func:`tfnotes.glossary.synonyms`) travel in the index's ``config`` as ``synonyms``, normalised, for the
query side to read when Material hands the index to its worker (it passes on ``config`` and ``docs`` only).

The files are written as UTF-8: the search plugin escapes every Hangul syllable as \\uXXXX (6 bytes instead of 3).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from tfnotes import glossary, stems
from tfnotes.site import rebuild

INDEX = Path("search") / "search_index.json"
DEFAULT = "ko"
OTHERS = ("en",)
KEYS_FIELD = {"keys": {"boost": 1.0}}
# Pages that gather what the chapters' pages teach rank below the page that teaches it (lunr multiplies a
# document's score by its boost): the glossary names every term, and the notebooks run the chapter's code again.
GATHERING_BOOST = 0.5
TAG = re.compile(r"<[^>]+>")


def language_of(location: str) -> str:
    first = location.split("/", 1)[0]
    return first if first in OTHERS else DEFAULT


def _tokens(text: str, separator: re.Pattern) -> list[str]:
    return [t for t in separator.split(TAG.sub(" ", text)) if t]


def trim_page_entries(docs: list[dict]) -> set[str]:
    """A notebook page's own entry keeps its title and loses its text. mkdocs-jupyter's page has its H1 inside
    the first cell, so the H1 becomes a section entry of its own (the signature this looks for: a section titled
    like the page) and the page's entry is left with every code cell and output; Material ranks a page's entry
    above sections, so the notebooks outranked the chapter's pages for every word their code shares with them
    (standardize, centroids, k-means++). The notebooks' prose stays searchable in their section entries."""
    titles = {doc["location"]: doc.get("title", "") for doc in docs if "#" not in doc["location"]}
    notebooks = {doc["location"].partition("#")[0] for doc in docs if "#" in doc["location"]
                 and doc.get("title", "").rstrip("¶").strip() == titles.get(doc["location"].partition("#")[0])}
    for doc in docs:
        if doc["location"] in notebooks:
            doc["text"] = ""
    return notebooks


def split_index(data: dict) -> dict[str, dict]:
    """The merged index → one index per language, each doc with its ``keys`` and each index with its synonyms."""
    separator = re.compile(data["config"]["separator"])
    out = {}
    for lang in (DEFAULT, *OTHERS):
        docs = [dict(d) for d in data["docs"] if language_of(d["location"]) == lang]
        notebooks = trim_page_entries(docs)
        page_text = []
        for doc in docs:
            keys = stems.index_keys(_tokens(doc.get("title", "") + " " + doc.get("text", ""), separator))
            if keys:
                doc["keys"] = " ".join(keys)
            page = doc["location"].split("#")[0]
            if page.removeprefix(f"{lang}/").startswith("glossary/") or page in notebooks:
                doc["boost"] = GATHERING_BOOST
            if not page.removeprefix(f"{lang}/").startswith("glossary/"):
                page_text.append(stems.normalise_text(TAG.sub(" ", doc.get("title", "") + " " + doc.get("text", ""))))
        table = stems.synonym_table(glossary.synonyms(lang), " \n ".join(page_text))
        config = {**data["config"], "fields": {**data["config"]["fields"], **KEYS_FIELD}, "synonyms": table}
        out[lang] = {**data, "config": config, "docs": docs}
    return out


def write_indexes(config) -> None:
    site = Path(config.site_dir)
    merged = site / INDEX
    if not merged.exists():
        return
    for lang, data in rebuild.call(split_index, json.loads(merged.read_text(encoding="utf-8"))).items():
        path = site / (INDEX if lang == DEFAULT else Path(lang) / INDEX)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


compact_index = write_indexes  # the name hooks.py calls


SCRIPT = re.compile(r'\s*<script src="[^"]*assets/javascripts/search-ko\.js"></script>')
BUNDLE = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>')


def script_first(body: str) -> str:
    """Move ``search-ko.js`` (listed in ``extra_javascript``, which Material loads after its bundle) in front of
    the bundle: the bundle requests the index and starts its search worker as it runs, and the script must be in
    place by then to pick the page's index and see the worker's setup message (loaded after the bundle, it raced
    the index download and usually lost)."""
    script, bundle = SCRIPT.search(body), BUNDLE.search(body)
    if not script or not bundle or script.start() < bundle.start():
        return body
    body = body[: script.start()] + body[script.end():]
    return body.replace(bundle.group(0), script.group(0).strip() + "\n" + bundle.group(0), 1)
