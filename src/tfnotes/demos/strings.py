"""The demos' UI text in every language: ``STRINGS[demo][key][lang]``.

The page embeds the table of its own demo in its own language (:mod:`tfnotes.site.demos`), and the JavaScript
reads every word it shows from there; ``common`` holds what all demos share. A test checks that every key has
every language, and that every key a demo's script asks for exists here.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, dict[str, str]]] = {
    "common": {
        "noscript": {
            "ko": "이 데모는 자바스크립트(JavaScript)가 있어야 움직입니다. 위 그림이 같은 내용을 보여 줍니다.",
            "en": "This demo needs JavaScript; the figure above shows the same steps.",
        },
        "loading": {"ko": "데모를 불러오는 중입니다…", "en": "Loading the demo…"},
        "failed": {"ko": "데모 데이터를 불러오지 못했습니다.", "en": "The demo's data could not be loaded."},
        "state": {"ko": "현재 상태", "en": "Current state"},
    },
    "kmeans": {
        "title": {"ko": "직접 해 보기: 로이드 알고리즘", "en": "Try it: Lloyd's algorithm"},
    },
    "rnn": {
        "title": {"ko": "직접 해 보기: \"hello\" RNN 한 단계씩", "en": "Try it: the \"hello\" RNN step by step"},
    },
    "jacobian": {
        "title": {"ko": "직접 해 보기: 기울기가 거슬러 가는 길", "en": "Try it: how far the gradient reaches back"},
    },
}
