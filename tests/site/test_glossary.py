"""The glossary on the site (tfnotes.site.glossary): the tables the glossary pages show, and where tooltips go."""

from __future__ import annotations

import re

from tfnotes.glossary import chapter, terms
from tfnotes.site import glossary

CLUSTER = next(t for t in terms() if t.id == "cluster")


def test_the_glossary_table_lists_every_term_once_under_its_chapter_linked_to_its_page():
    for lang, other in (("ko", "en"), ("en", "ko")):
        md = glossary.expand("# T\n\n[[glossary]]\n", lang)
        rows = re.findall(r"^\| \[([^\]]+)\]\(([^)]+)\)\{ #term-([\w-]+) \} \| ([^|]+) \|", md, re.MULTILINE)
        assert len(rows) == len(terms()) >= 40
        by_id = {t.id: t for t in terms()}
        for word, page, tid, other_word in rows:
            assert (word, page, other_word.strip()) == (by_id[tid].word(lang), by_id[tid].page, by_id[tid].word(other))
        sections = re.split(r"^## .*$", md, flags=re.MULTILINE)[1:]
        assert [len(re.findall(r"\{ #term-", s)) for s in sections] == \
            [sum(chapter(t) == ch for t in terms()) for ch in glossary.CHAPTER_TITLES]
        kmeans_words = re.findall(r"^\| \[([^\]]+)\]", sections[0], re.MULTILINE)
        assert kmeans_words == sorted(kmeans_words, key=str.casefold)  # sorted in the page's language
    assert "## RNN과 BPTT" in glossary.table("ko") and "## RNN and BPTT" in glossary.table("en")


def test_a_tooltip_goes_on_the_first_use_of_a_term_with_a_particle_attached():
    html = "<p>점을 클러스터로 나눕니다. 클러스터를 또 씁니다.</p>"
    out = glossary.annotate(html, "ko", "kmeans/lloyd.ko.md")
    assert out.count('class="tfn-term"') == 1
    assert f'<abbr class="tfn-term" title="{CLUSTER.ko_def}" tabindex="0">클러스터</abbr>로 나눕니다' in out
    assert out.replace(re.search(r"<abbr[^>]*>", out).group(0), "").replace("</abbr>", "") == html  # nothing else


def test_no_tooltip_in_headings_code_maths_links_or_admonition_titles():
    html = ('<h2 id="x">클러스터</h2><p><code>클러스터</code> <span class="arithmatex">\\(클러스터\\)</span> '
            '<a href="x">클러스터</a></p><p class="admonition-title">클러스터</p><pre><code>클러스터</code></pre>')
    assert glossary.annotate(html, "ko", "kmeans/lloyd.ko.md") == html
    assert glossary.annotate(html + "<p>클러스터</p>", "ko", "kmeans/lloyd.ko.md").endswith(
        '<p><abbr class="tfn-term" title="' + CLUSTER.ko_def + '" tabindex="0">클러스터</abbr></p>')


def test_the_longest_term_wins_and_words_inside_other_words_stay_plain():
    out = glossary.annotate("<p>클러스터링과 시간에 따른 역전파, k-means++ 다음 k-means, 특성 스케일링</p>", "ko", "kmeans/x.md")
    assert re.findall(r"<abbr[^>]*>([^<]+)</abbr>", out) == ["클러스터링", "k-means++", "k-means", "특성 스케일링"]
    out = glossary.annotate("<p>시간에 따른 역전파와 역전파</p>", "ko", "rnn/bptt.ko.md")
    assert re.findall(r"<abbr[^>]*>([^<]+)</abbr>", out) == ["시간에 따른 역전파", "역전파"]


def test_english_pages_match_plurals_and_case_and_use_english_definitions():
    out = glossary.annotate("<p>Centroids move; the centroid</p>", "en", "kmeans/lloyd.en.md")
    centroid = next(t for t in terms() if t.id == "centroid")
    assert out == f'<p><abbr class="tfn-term" title="{centroid.en_def}" tabindex="0">Centroids</abbr> move; the centroid</p>'


def test_only_the_chapters_terms_and_only_on_chapter_pages():
    assert glossary.annotate("<p>클러스터와 은닉 상태</p>", "ko", "index.ko.md") == "<p>클러스터와 은닉 상태</p>"
    out = glossary.annotate("<p>클러스터와 은닉 상태</p>", "ko", "rnn/cell.ko.md")
    assert re.findall(r"<abbr[^>]*>([^<]+)</abbr>", out) == ["은닉 상태"]


def test_in_a_notebook_only_markdown_cells_get_tooltips():
    html = ('<div class="jp-Cell"><div class="jp-InputArea"><pre>은닉 상태</pre></div>'
            '<div class="jp-OutputArea"><pre>은닉 상태</pre></div></div><p>은닉 상태</p>'
            '<div class="jp-RenderedMarkdown"><p>은닉 상태</p></div>')
    out = glossary.annotate(html, "ko", "rnn/hello.ko.ipynb", notebook=True)
    assert out.count("<abbr") == 1 and out.endswith('tabindex="0">은닉 상태</abbr></p></div>')


def test_tex_left_for_katex_stays_whole_even_across_tags():
    """Notebook Markdown keeps its TeX as text; a tooltip inside a formula would split it and KaTeX would show
    raw TeX. Words in maths stay plain; the first use outside maths gets the tooltip."""
    html = ('<div class="jp-RenderedMarkdown"><p>$\\text{loss}$ and $$L = \\text{loss}_t$$ and \\(loss\\) '
            'then $$a <em>b</em> loss$$ and the loss.</p></div>')
    out = glossary.annotate(html, "en", "rnn/hello.en.ipynb", notebook=True)
    assert out.count("<abbr") == 1 and out.endswith('>loss</abbr>.</p></div>')
    assert out.replace(re.search(r"<abbr[^>]*>", out).group(0), "").replace("</abbr>", "") == html
