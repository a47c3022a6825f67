"""The shipped texts load, are what PROVENANCE.md says they are, and are clean."""

import hashlib
import re
from importlib.resources import files

import pytest

from tfnotes.rnn.texts import TEXTS, load_text

PROVENANCE = (files("tfnotes") / "data" / "texts" / "PROVENANCE.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_text_matches_the_hash_and_size_recorded_in_provenance(name):
    text = load_text(name)
    row = next(line for line in PROVENANCE.splitlines() if line.startswith(f"| `{TEXTS[name]}`"))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert digest in row
    assert f"{len(text):,}" in row and f"| {len(set(text))} |" in row


def test_shakespeare_excerpt_is_the_opening_of_coriolanus():
    text = load_text("shakespeare")
    assert text.startswith("First Citizen:\nBefore we proceed any further, hear me speak.\n")
    assert text.endswith("In praises sauced with lies.\n")
    assert 20_000 <= len(text.encode()) <= 100_000 and text.isascii()


def test_korean_poems_are_ten_titled_poems_by_kim_sowol():
    text = load_text("korean-poems")
    poems = text.rstrip("\n").split("\n\n\n")
    titles = [poem.split("\n", 1)[0] for poem in poems]
    assert titles == ["진달래꽃", "불운에 우는 그대여", "바다가 변하야 뽕나무밭 된다고", "황촉불",
                      "맘에 있는 말이라고 다 할까 보냐", "훗길", "부부", "나의 집", "새벽", "구름"]
    assert "사뿐히 즈려밟고 가시옵소서" in text
    assert sum("가" <= ch <= "힣" for ch in text) > 1000


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_texts_have_unix_newlines_and_no_stray_whitespace(name):
    text = load_text(name)
    assert "\r" not in text and "\t" not in text and text.endswith("\n")
    assert not re.search(r" +\n", text)


def test_unknown_text_name_raises():
    with pytest.raises(ValueError, match=r"name must be one of \['korean-poems', 'shakespeare'\], got 'x'"):
        load_text("x")
