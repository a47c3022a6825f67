"""Small HTML fixes after rendering (the templates have no option for either).

- No per-page ``<link rel="alternate">`` in ``<head>``: mkdocs-static-i18n sets Material's ``extra.alternate`` per
  page (each entry is the twin page), and Material's JavaScript fetches "sitemap.xml" relative to every such link:
  a 404 and a console error on every page. The language selector's own links already point at the twin page, and
  the sitemap.xml of each language carries the hreflang alternates, so the head links go.
- A name for Material's search dialog, which has role="dialog" but no accessible name (axe: aria-dialog-name).
"""

from __future__ import annotations

import re

HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_LABEL = {"ko": "사이트 검색", "en": "Search the site"}


def drop_head_alternates(head: str) -> str:
    return HEAD_ALTERNATE.sub("", head)


def name_search_dialog(body: str, lang: str) -> str:
    return body.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{SEARCH_LABEL[lang]}">')
