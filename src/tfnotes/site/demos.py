"""``[[demo NAME]]`` on a line of its own becomes an in-browser demo: a root element that the demo's script fills,
the demo's UI text in the page's language (from :data:`tfnotes.demos.strings.STRINGS`), and the two scripts
(``assets/javascripts/demos/common.js`` and ``<NAME>.js``). The data the script computes with is the file the build
exported, ``assets/demos/NAME.json`` (:mod:`tfnotes.demos`).

Without JavaScript the root stays hidden and a ``<noscript>`` line points at the page's static figure, which the
page shows in any case. Raw HTML is not rewritten by MkDocs, so the paths are made relative to the page's URL here.
"""

from __future__ import annotations

import html
import json
import re

from mkdocs.exceptions import PluginError

from tfnotes.demos import DEMOS
from tfnotes.demos.strings import STRINGS

# demo -> the page that shows it (the same path in every language); the tests and the benchmark open these.
PAGES = {"kmeans": "kmeans/lloyd/", "rnn": "rnn/hello-task/", "jacobian": "rnn/vanishing/"}
DEMO_LINE = re.compile(r"^\[\[demo ([a-z0-9-]+)\]\][ \t]*$", re.MULTILINE)
DATA_DIR = "assets/demos"
SCRIPT_DIR = "assets/javascripts/demos"


def strings(name: str, lang: str) -> dict[str, str]:
    """The UI text of demo ``name`` in ``lang``: its own keys over the shared ``common`` ones."""
    table = {**STRINGS["common"], **STRINGS.get(name, {})}
    return {key: text[lang] for key, text in table.items()}


def expand(markdown: str, lang: str, page) -> str:
    where = page.file.src_uri
    up = "../" * page.url.count("/")

    def one(match: re.Match) -> str:
        name = match.group(1)
        if name not in DEMOS:
            raise PluginError(f"{where}: unknown demo {name!r}; known: {list(DEMOS)}")
        url = page.url.removeprefix(f"{lang}/")
        if PAGES.get(name) != url:
            raise PluginError(f"{where}: demo {name!r} belongs on {PAGES.get(name)!r} (tfnotes.site.demos.PAGES)")
        text = strings(name, lang)
        table = json.dumps(text, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
        return (f'<div class="tfn-demo" id="demo-{name}" data-demo="{name}" data-lang="{lang}" '
                f'data-src="{up}{DATA_DIR}/{name}.json" role="group" aria-label="{html.escape(text["title"])}" hidden>\n'
                f'<script type="application/json" class="tfn-demo__strings">{table}</script>\n'
                f"</div>\n"
                f'<noscript><p class="tfn-demo__noscript">{html.escape(text["noscript"])}</p></noscript>\n'
                f'<script src="{up}{SCRIPT_DIR}/common.js" defer></script>\n'
                f'<script src="{up}{SCRIPT_DIR}/{name}.js" defer></script>')

    return DEMO_LINE.sub(one, markdown)
