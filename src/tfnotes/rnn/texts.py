"""The public-domain texts shipped with the package for training character models.

Sources, editions and what was cut: ``src/tfnotes/data/texts/PROVENANCE.md``.

- ``"shakespeare"``: the opening of *Coriolanus* (Act 1 to the middle of Scene 9), as in the
  first 31,742 characters of Karpathy's tinyshakespeare; English, 58 distinct characters.
- ``"korean-poems"``: ten poems by 김소월 (Kim Sowol, 1902-1934) from his 1925 collection
  『진달래꽃』; Korean, 2,073 characters of which 337 are distinct.
"""

from __future__ import annotations

from importlib.resources import files

TEXTS = {
    "shakespeare": "shakespeare_coriolanus.txt",
    "korean-poems": "kim_sowol.txt",
}


def load_text(name: str) -> str:
    """The text called ``name`` (one of :data:`TEXTS`), read as UTF-8 with ``\\n`` line ends."""
    if name not in TEXTS:
        raise ValueError(f"name must be one of {sorted(TEXTS)}, got {name!r}")
    return (files("tfnotes") / "data" / "texts" / TEXTS[name]).read_text(encoding="utf-8")
