"""KaTeX's stylesheet, rewritten at set-up to list only the font files the site ships.

``katex.min.css`` gives every ``@font-face`` three sources (woff2, woff, ttf); the Makefile copies only the woff2
files (every browser the site supports reads them, and they come first), so the other two were references to files
that do not exist: a link checker's ~40 broken links. This drops each ``url(...) format(...)`` source whose file is
not in the fonts folder, and keeps the rest byte for byte. KaTeX has no build option for it (its CSS is prebuilt).

Run by ``make setup`` after the copy: ``python -m tfnotes.site.katex_fonts docs/assets/vendor/katex``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}")
SRC = re.compile(r"(src\s*:\s*)([^;}]*)")
SOURCE = re.compile(r"""url\(\s*["']?([^)"']+)["']?\s*\)(?:\s*format\(\s*["'][^"']*["']\s*\))?""")


def ship_only(css: str, exists) -> str:
    """``css`` with every font source for which ``exists(url)`` is false removed (a face keeps at least one)."""
    def face(m: re.Match) -> str:
        def src(s: re.Match) -> str:
            sources = [x.group(0) for x in SOURCE.finditer(s.group(2))]
            kept = [x for x in sources if exists(SOURCE.match(x).group(1))]
            if not kept:
                raise ValueError(f"no shipped file for any source of {s.group(2)[:80]!r}")
            return s.group(1) + ",".join(kept)
        return SRC.sub(src, m.group(0))
    return FONT_FACE.sub(face, css)


def main(folder: str) -> None:
    root = Path(folder)
    css_path = root / "katex.min.css"
    css = css_path.read_text(encoding="utf-8")
    new = ship_only(css, lambda url: (root / url).is_file())
    css_path.write_text(new, encoding="utf-8")
    print(f"{css_path}: {len(SOURCE.findall(css))} font sources -> {len(SOURCE.findall(new))} (the files shipped)")


if __name__ == "__main__":
    main(*sys.argv[1:])
