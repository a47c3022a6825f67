"""MkDocs hooks: the thin entry that ``mkdocs.yml`` names under ``hooks:``; each concern lives in its own module
of :mod:`tfnotes.site` (its docstring lists them)."""

from __future__ import annotations

import logging
import os
import time

# One BLAS thread per process: the build runs its parts side by side (figures, snippets, notebook kernels), and
# OpenBLAS's own threads spin while they wait, so on a busy two-core machine a NumPy SVD loop ran 20x slower with
# two threads than with one. Set before the parts start (they inherit it); results are the same bytes.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from mkdocs.plugins import event_priority

from tfnotes.site import (current_language, demos, downloads, figures, glossary, html_fixes, i18n_jupyter,
                          is_outer_build, notebooks, outputs, products, provenance, rebuild, root_of, search, state,
                          values)

log = logging.getLogger("mkdocs.hooks.tfnotes")
i18n_jupyter.patch()
rebuild.patch()


def on_startup(command, dirty) -> None:
    rebuild.enabled, rebuild.serving = True, command == "serve"


def on_env(env, config, files):
    return rebuild.share_templates(env)


def on_serve(server, config, builder):
    return rebuild.poll_faster(server)


def on_config(config):
    return i18n_jupyter.swap_eviction(config)


def on_pre_build(config) -> None:
    if is_outer_build(config):  # the other languages reuse what the outer build made
        rebuild.start_build(root_of(config))
        products.build(config)


def on_page_markdown(markdown: str, page, config, files) -> str:
    if notebooks.is_notebook(page):
        return markdown
    lang = current_language(config)
    markdown = glossary.expand(markdown, lang, page)
    markdown = provenance.annotate(markdown, lang, page, config)
    markdown = outputs.expand(figures.expand(markdown, lang, page), lang)
    markdown = demos.expand(markdown, lang, page)
    return values.expand(markdown, lang, page.file.src_uri)


def on_page_content(html_text: str, page, config, files) -> str:
    lang = current_language(config)
    if not notebooks.is_notebook(page):
        return rebuild.call(glossary.annotate, html_text, lang, page.file.src_uri)
    html_text = values.expand(html_text, lang, page.file.src_uri)
    html_text = notebooks.fix_page(html_text, page, config)
    return rebuild.call(glossary.annotate, html_text, lang, page.file.src_uri, notebook=True)


def on_post_page(output: str, page, config) -> str:
    head, sep, body = output.partition("</head>")
    body = html_fixes.name_search_dialog(body, current_language(config))
    body = downloads.link_code_sources(body, page, config)
    body = search.script_first(body)
    return html_fixes.drop_head_alternates(head) + sep + body


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built the other languages
def on_post_build(config) -> None:
    if is_outer_build(config):
        search.compact_index(config)
        rebuild.finish_build()
        if state["start"] is not None:
            total, pre = time.perf_counter() - state["start"], state.get("pre_build_seconds", 0.0)
            log.info(f"site built (all languages) in {total:.1f} s: pre-build {pre:.1f} s, "
                     f"pages, search index and files of both languages {total - pre:.1f} s")


def on_shutdown() -> None:
    i18n_jupyter.evict_unused()
    rebuild.finish_build(shutdown=True)
