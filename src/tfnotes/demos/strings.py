"""The demos' UI text in every language: ``STRINGS[demo][key][lang]``.

``common`` (here) holds what all demos share; each demo's own text is ``src/tfnotes/demos/<demo>.toml``, one table
per key with a string per language. The page embeds the text of its demo in its own language
(:mod:`tfnotes.site.demos`) and the JavaScript reads every word it shows from there. Tests check that every key
has every language, and that every key a demo's script asks for exists.
"""

from __future__ import annotations

import tomllib

from tfnotes.demos import DEMOS, HERE

COMMON: dict[str, dict[str, str]] = {
    "noscript": {
        "ko": "이 데모는 자바스크립트(JavaScript)를 켜야 동작합니다. 같은 계산은 위 그림에 나와 있습니다.",
        "en": "This demo needs JavaScript; the figure above shows the same computation.",
    },
    "loading": {"ko": "데모를 불러오는 중입니다…", "en": "Loading the demo…"},
    "failed": {"ko": "데모 데이터를 불러오지 못했습니다.", "en": "The demo's data could not be loaded."},
}


def _load(name: str) -> dict[str, dict[str, str]]:
    path = HERE / f"{name}.toml"
    if not path.exists():
        raise FileNotFoundError(f"demo {name!r} has no UI text: {path} is missing")
    with path.open("rb") as f:
        return tomllib.load(f)


STRINGS: dict[str, dict[str, dict[str, str]]] = {"common": COMMON, **{name: _load(name) for name in DEMOS}}
