"""``[[output snippets/X.py]]`` on a line of its own becomes what that snippet prints.

Every snippet a page names runs once per build when its cached output is stale (its source, the Python version and
every project module it imports key the cache), all in one background process (:mod:`tfnotes._snippets`: TensorFlow
is imported once).
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

from tfnotes import _deps
from tfnotes.site import state, tail

OUTPUT_LINE = re.compile(r"^\[\[output ([\w./-]+\.py)\]\][ \t]*$", re.MULTILINE)
OUTPUT_TITLE = {"ko": "실행 결과: {path}", "en": "Output of {path}"}


def _cache_file(root: Path, rel: str, cache_dir: Path) -> Path:
    script = root / rel
    if not script.is_file():
        raise PluginError(f"[[output {rel}]]: no such file")
    key = hashlib.sha256(script.read_bytes() + sys.version.encode() + _deps.source_hash(
        _deps.script_closure(script)).encode()).hexdigest()[:20]
    return cache_dir / f"{script.stem}-{key}.txt"


def start(docs_dir: Path, root: Path, cache_dir: Path) -> dict:
    """Start one process that runs every snippet named by an [[output ...]] line whose cached output is stale."""
    state["output_dirs"] = (root, cache_dir)
    wanted = sorted({m.group(1) for page in docs_dir.rglob("*.md")
                     for m in OUTPUT_LINE.finditer(page.read_text(encoding="utf-8"))})
    stale = {rel: cached for rel in wanted if not (cached := _cache_file(root, rel, cache_dir)).exists()}
    if not stale:
        return {}
    proc = subprocess.Popen([sys.executable, "-m", "tfnotes._snippets", *stale], cwd=root, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return {"proc": proc, "stale": stale}


def finish(running: dict) -> None:
    if not running:
        return
    out, err = running["proc"].communicate()
    if running["proc"].returncode != 0:
        raise PluginError(f"snippet output failed: {tail(err)}")
    for rel, text in json.loads(out).items():
        cached = running["stale"][rel]
        cached.parent.mkdir(parents=True, exist_ok=True)
        for old in cached.parent.glob(cached.name.rsplit("-", 1)[0] + "-*.txt"):
            old.unlink()
        cached.write_text(text, encoding="utf-8")


def snippet_output(rel: str) -> str:
    """What ``rel`` prints: from the cache, or run now (a page may name a snippet after pre-build)."""
    root, cache_dir = state["output_dirs"]
    cached = _cache_file(root, rel, cache_dir)
    if not cached.exists():
        finish({"stale": {rel: cached}, "proc": subprocess.Popen(
            [sys.executable, "-m", "tfnotes._snippets", rel], cwd=root, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)})
    return cached.read_text(encoding="utf-8")


def expand(markdown: str, lang: str) -> str:
    def output(match: re.Match) -> str:
        rel = match.group(1)
        text = snippet_output(rel)
        fence = "````" if "```" in text else "```"
        return f'{fence}text title="{OUTPUT_TITLE[lang].format(path=rel)}"\n{text.rstrip()}\n{fence}'

    return OUTPUT_LINE.sub(output, markdown)
