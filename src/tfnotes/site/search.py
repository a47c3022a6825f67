"""A smaller search index: the search plugin writes every Hangul syllable escaped as \\uXXXX (6 bytes instead of
3), and every page's search worker downloads the index, so it is rewritten as UTF-8 once both languages are in it
(mkdocs-static-i18n writes the merged index in its own post-build step, which runs first)."""

from __future__ import annotations

import json
from pathlib import Path


def compact_index(config) -> None:
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.exists():
        data = json.loads(index.read_text(encoding="utf-8"))
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
