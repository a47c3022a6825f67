"""Every included file can be downloaded: a code block included from a file shows the file's path as its title
(pymdownx.highlight's ``title``); the title becomes a link to a copy of the whole file, placed in the site under
``downloads/``, so a reader can fetch exactly what the page shows and the tests run."""

from __future__ import annotations

import re
from pathlib import Path

from tfnotes.site import root_of

FILENAME = re.compile(r'<span class="filename">((?:snippets|src)/[\w./-]+\.py)</span>')
DOWNLOAD_DIR = "downloads"


def publish(rel: str, page, config) -> str | None:
    """Copy the repository file ``rel`` into the site (if it changed); return its URL relative to ``page``."""
    source = root_of(config) / rel
    if not source.is_file():
        return None
    target = Path(config.site_dir) / DOWNLOAD_DIR / rel
    if not target.exists() or target.read_bytes() != source.read_bytes():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
    return "../" * page.url.count("/") + f"{DOWNLOAD_DIR}/{rel}"


def link_code_sources(body: str, page, config) -> str:
    def link(match: re.Match) -> str:
        rel = match.group(1)
        href = publish(rel, page, config)
        if href is None:
            return match.group(0)
        return f'<span class="filename"><a href="{href}" download>{rel}</a></span>'

    return FILENAME.sub(link, body)
