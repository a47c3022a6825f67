"""A character vocabulary: characters <-> integer ids <-> one-hot vectors.

A character-level RNN reads one character per step. It never sees the character itself, only its
id ``i`` in ``0 .. V-1`` (``V`` = vocabulary size), turned into a one-hot vector ``x`` of length ``V``
with a single 1 at position ``i``. :class:`Vocab` does that bookkeeping.

An optional *end token* (the symbol ``"<end>"``, id ``V - 1``) marks "the word is over". It is a
symbol of its own, not five characters: :meth:`Vocab.encode` never produces it from text (a ``<`` in
the text is just the character ``<``); :meth:`Vocab.decode` shows it as ``<end>``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from tfnotes.rnn._checks import check_ids

END = "<end>"


class Vocab:
    """Characters in a fixed order; the position of a character is its id.

    Args:
        chars: the characters, each a string of length 1, without repeats, in the order that fixes
            their ids.
        end: append the end token :data:`END` as the last symbol.

    >>> v = Vocab.from_text("hello", end=True)
    >>> v.symbols
    ('h', 'e', 'l', 'o', '<end>')
    >>> v.encode("hell").tolist(), v.decode([1, 2, 2, 3, 4])
    ([0, 1, 2, 2], 'ello<end>')
    """

    def __init__(self, chars: Iterable[str], *, end: bool = False) -> None:
        if isinstance(chars, str):
            chars = list(chars)
        symbols: list[str] = []
        for ch in chars:
            if not isinstance(ch, str) or len(ch) != 1:
                raise ValueError(f"chars must be single characters, got {ch!r}")
            if ch in symbols:
                raise ValueError(f"chars contains character {ch!r} twice; each character needs one id")
            symbols.append(ch)
        if not symbols:
            raise ValueError("chars is empty; a vocabulary needs at least one character")
        if end:
            symbols.append(END)
        self.symbols: tuple[str, ...] = tuple(symbols)
        self.end_id: int | None = len(symbols) - 1 if end else None
        self._ids = {ch: i for i, ch in enumerate(self.symbols) if len(ch) == 1}

    @classmethod
    def from_text(cls, text: str, *, end: bool = False) -> Vocab:
        """The distinct characters of ``text`` in order of first appearance."""
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, got {type(text).__name__}")
        if not text:
            raise ValueError("text is empty; a vocabulary needs at least one character")
        return cls(dict.fromkeys(text), end=end)

    @property
    def size(self) -> int:
        """``V``: the number of symbols, end token included."""
        return len(self.symbols)

    def __len__(self) -> int:
        return self.size

    def __repr__(self) -> str:
        return f"Vocab({''.join(s for s in self.symbols if s != END)!r}, end={self.end_id is not None})"

    def encode(self, text: str) -> np.ndarray:
        """Ids of the characters of ``text`` (an int64 array of length ``len(text)``)."""
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, got {type(text).__name__}")
        for ch in text:
            if ch not in self._ids:
                raise ValueError(f"text contains character {ch!r} that is not in the vocabulary")
        return np.fromiter((self._ids[ch] for ch in text), dtype=np.int64, count=len(text))

    def decode(self, ids: Any) -> str:
        """The characters for ``ids`` joined into a string (the end token shows as ``<end>``)."""
        ids = check_ids("ids", ids, self.size)
        return "".join(self.symbols[i] for i in ids)

    def one_hot(self, ids: Any, dtype: Any = np.float64) -> np.ndarray:
        """A ``(T, V)`` array whose row ``t`` is the one-hot vector of ``ids[t]``."""
        ids = check_ids("ids", ids, self.size)
        return np.eye(self.size, dtype=dtype)[ids]


def next_char_task(text: str, *, end: bool = False) -> tuple[Vocab, np.ndarray, np.ndarray]:
    """Turn ``text`` into a next-character prediction task: ``(vocab, inputs, targets)``.

    The target at step ``t`` is the input at step ``t + 1``. With ``end=True`` the last character's
    target is the end token, so the model also learns where the text stops.
    """
    vocab = Vocab.from_text(text, end=end)
    ids = vocab.encode(text)
    if end:
        return vocab, ids, np.append(ids[1:], vocab.end_id)
    if len(ids) < 2:
        raise ValueError(f"text must have at least 2 characters to predict a next one, got {text!r}")
    return vocab, ids[:-1], ids[1:]


def hello_task(*, end: bool = True) -> tuple[Vocab, np.ndarray, np.ndarray]:
    """The classic toy task on ``"hello"``.

    With ``end=True`` (the default): inputs ``h e l l o`` -> targets ``e l l o <end>``.
    With ``end=False``: inputs ``h e l l`` -> targets ``e l l o``.
    """
    return next_char_task("hello", end=end)
