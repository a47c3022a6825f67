"""The search normaliser: its rules on Korean and English words, and the browser's copy (search-ko.js, run by node)
giving the same key as the Python one for every word of a list and for the site's own words."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tfnotes import glossary, stems

ROOT = Path(__file__).resolve().parents[1]
JS = ROOT / "docs" / "assets" / "javascripts" / "search-ko.js"

KOREAN = {  # word → key
    "클러스터링을": "클러스터링", "중심점에서는": "중심점", "중심점들의": "중심점", "은닉": "은닉",
    "초기화하면": "초기화", "초기화한": "초기화", "초기화했다": "초기화", "초기화해서": "초기화", "초기화합니다": "초기화",
    "초기화하는": "초기화", "초기화하다": "초기화", "학습시키면": "학습", "학습시켜": "학습", "학습시킨": "학습",
    "정규화된": "정규화", "사용되는": "사용", "사용됩니다": "사용", "수렴했다": "수렴", "계산하고": "계산",
    "바뀌었다": "바뀌", "바뀌면": "바뀌", "BPTT의": "bptt", "means를": "means", "TensorFlow로": "tensorflow",
}
KEPT = ["기울기", "크기", "페이지", "이미지", "레이어", "단어", "작은", "함수", "길이", "결과", "정의", "손실함수"]
ENGLISH = {
    "initialization": "initialis", "initialisation": "initialis", "initialise": "initialis", "initialized": "initialis",
    "standardize": "standardis", "standardised": "standardis", "standardization": "standardis",
    "centroids": "centroid", "centroid": "centroid", "probabilities": "probability", "batches": "batch",
    "colours": "color", "color": "color", "behaviour": "behavior", "neighbours": "neighbor", "centre": "center",
    "centres": "center", "modelling": "modeling", "labelled": "labeled", "analyse": "analys", "analyzes": "analys",
    "catalogue": "catalog", "loss": "loss", "corpus": "corpus", "basis": "basis", "bias": "bias", "means": "means",
    "gas": "gas", "series": "series",
}


@pytest.mark.parametrize("word,key", sorted(KOREAN.items()))
def test_korean_particles_and_endings_go(word, key):
    assert stems.normalise_word(word) == key


@pytest.mark.parametrize("word", KEPT)
def test_korean_nouns_that_look_like_endings_stay(word):
    assert stems.normalise_word(word) == word


@pytest.mark.parametrize("word,key", sorted(ENGLISH.items()))
def test_english_plurals_and_spellings_meet(word, key):
    assert stems.normalise_word(word) == key


def test_index_keys_are_only_what_a_prefix_query_misses():
    # 초기화하면's key is a prefix of it (no key needed); initialization's is not; 된다 keeps one syllable
    assert stems.index_keys(["초기화하면", "initialization", "centres", "된다", "means++"]) == ["initialis", "center"]


def test_synonyms_replace_a_readers_word_or_join_the_pages_own():
    table = stems.synonym_table({"군집": "클러스터", "BPTT": "시간 역전파", "K-평균": "k-means"},
                                stems.normalise_text("bptt 로 학습합니다"))
    assert table == {"군집": "클러스터", "bptt": "bptt 시간 역전파", "k-평균": "k-means"}
    assert stems.normalise_query("군집을 BPTT로", table) == "클러스터 bptt 시간 역전파"
    assert stems.normalise_query("k-평균의 초기화하면", table) == "k-means 초기화"


def _node(words: list[str], queries: list[str], table: dict[str, str]) -> dict:
    script = (f"const s = require({json.dumps(str(JS))});"
              f"const words = {json.dumps(words, ensure_ascii=False)}, queries = {json.dumps(queries, ensure_ascii=False)};"
              f"const table = {json.dumps(table, ensure_ascii=False)};"
              "console.log(JSON.stringify({words: words.map(s.normaliseWord),"
              " queries: queries.map(q => s.normaliseQuery(q, table))}));")
    proc = subprocess.run([shutil.which("node") or "node", "-e", script], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to run the browser's normaliser")
def test_the_browser_normaliser_agrees_with_python():
    site_words = set()
    for page in (ROOT / "docs").rglob("*.md"):
        site_words.update(stems.WORD.findall(page.read_text(encoding="utf-8")))
    words = sorted(set(KOREAN) | set(KEPT) | set(ENGLISH) | site_words)
    assert len(words) > 2000
    table = stems.synonym_table(glossary.synonyms("ko") | glossary.synonyms("en"), "")
    queries = sorted(set(glossary.synonyms("ko")) | set(glossary.synonyms("en"))) + [
        "군집을 BPTT로", "k-평균의 초기화하면", "initialization of centroids", "k-means++", "  은닉  상태를 "]
    out = _node(words, queries, table)
    differ = [(w, js, stems.normalise_word(w)) for w, js in zip(words, out["words"]) if js != stems.normalise_word(w)]
    assert differ == []
    differ = [(q, js, stems.normalise_query(q, table)) for q, js in zip(queries, out["queries"])
              if js != stems.normalise_query(q, table)]
    assert differ == []


def test_the_browser_copy_lists_the_same_rules():
    js = JS.read_text(encoding="utf-8")

    def js_list(name: str) -> list[str]:
        body = re.search(rf"var {name} = \[(.*?)\];", js, re.DOTALL).group(1)
        return re.findall(r'"([^"]*)"', body)

    assert js_list("PARTICLES") == list(stems.PARTICLES)
    assert js_list("BARE_TAILS") == list(stems._BARE_TAILS)
    assert js_list("MERGED_TAILS") == list(stems._MERGED_TAILS)
    assert js_list("CONTRACTED_TAILS") == list(stems._CONTRACTED_TAILS)
    assert js_list("PAST_TAILS") == list(stems._PAST_TAILS)
    assert sorted(set(js_list("VERB_ENDINGS"))) == sorted(stems.VERB_ENDINGS)
    assert js_list("NO_PLURAL") == sorted(stems.NO_PLURAL, key=js_list("NO_PLURAL").index)
    assert set(js_list("NO_PLURAL")) == stems.NO_PLURAL
    assert js_list("OUR_ROOTS") == list(stems.OUR_ROOTS)


from hypothesis import given, strategies as st  # noqa: E402

_TEXT = st.text(alphabet="ab 9-가나", max_size=30)


@given(_TEXT, st.text(alphabet="ab 가", min_size=1, max_size=4))
def test_whole_word_search_matches_its_regular_expression(text, key):
    pattern = rf"(?<![0-9a-z\uac00-\ud7a3]){re.escape(key)}(?![0-9a-z\uac00-\ud7a3])"
    assert stems._has_whole_word(text, key) == bool(re.search(pattern, text))
