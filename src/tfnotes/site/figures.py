"""``[[figure NAME]]`` on a line of its own becomes the figure with its alt text and caption in the page's
language (from :data:`tfnotes.figures.strings.FIGURES`; values in them are expanded first). The page refers to
``NAME.svg``; the figure files are ``NAME.<lang>.svg`` and the page's language picks its own."""

from __future__ import annotations

import html
import re

from mkdocs.exceptions import PluginError

from tfnotes.figures import render
from tfnotes.figures.strings import FIGURES
from tfnotes.site import state, values

FIGURE_DIR = "assets/figures"
FIGURE_LINE = re.compile(r"^\[\[figure ([a-z0-9-]+)\]\][ \t]*$", re.MULTILINE)


def expand(markdown: str, lang: str, page) -> str:
    if state["figures"] is None:
        state["figures"] = render.discover()  # once per build: read from source, nothing imported
    specs = state["figures"]
    where = page.file.src_uri
    depth = where.count("/")

    def one(match: re.Match) -> str:
        name = match.group(1)
        if name not in specs:
            raise PluginError(f"{where}: unknown figure {name!r}; known: {sorted(specs)}")
        alt = html.escape(values.expand(FIGURES[name]["alt"][lang], lang, where))
        alt = alt.replace("[", "&#91;").replace("]", "&#93;")
        caption = FIGURES[name]["caption"][lang]
        src = "../" * depth + f"{FIGURE_DIR}/{name}.{specs[name].fmt}"
        return (f'<figure class="tfn-figure" id="fig-{name}" markdown="span">\n'
                f"  ![{alt}]({src}){{ loading=lazy }}\n"
                f"  <figcaption>{caption}</figcaption>\n"
                f"</figure>")

    return FIGURE_LINE.sub(one, markdown)
