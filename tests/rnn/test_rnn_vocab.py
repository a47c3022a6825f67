"""Vocab: characters <-> ids <-> one-hot, and the "hello" task."""

import numpy as np
import pytest

from tfnotes.rnn.vocab import END, Vocab, hello_task, next_char_task


def test_vocab_from_text_keeps_first_seen_order():
    vocab = Vocab.from_text("hello")
    assert vocab.symbols == ("h", "e", "l", "o")
    assert vocab.size == len(vocab) == 4
    assert vocab.end_id is None


def test_vocab_from_explicit_chars_keeps_given_order_and_appends_end_token():
    vocab = Vocab(["o", "l", "e", "h"], end=True)
    assert vocab.symbols == ("o", "l", "e", "h", END)
    assert vocab.end_id == 4 and END == "<end>"


def test_encode_decode_round_trip_including_korean():
    text = "나 보기가 역겨워"
    vocab = Vocab.from_text(text)
    ids = vocab.encode(text)
    assert ids.dtype == np.int64 and len(ids) == len(text)
    assert vocab.decode(ids) == text


def test_decode_shows_the_end_token_as_one_symbol():
    vocab = Vocab.from_text("hello", end=True)
    assert vocab.decode([1, 2, 2, 3, 4]) == "ello<end>"


def test_a_literal_angle_bracket_in_text_is_not_the_end_token():
    vocab = Vocab.from_text("<end>", end=True)
    assert vocab.encode("<end>").tolist() == [0, 1, 2, 3, 4]
    assert vocab.end_id == 5


def test_one_hot_rows_are_unit_vectors_at_the_ids():
    vocab = Vocab.from_text("hello")
    x = vocab.one_hot(vocab.encode("hell"))
    assert x.shape == (4, 4) and x.dtype == np.float64
    np.testing.assert_array_equal(x, [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 1, 0]])
    assert vocab.one_hot([3], dtype=np.float32).dtype == np.float32


def test_hello_task_without_end_token_predicts_ello():
    vocab, inputs, targets = hello_task(end=False)
    assert vocab.symbols == ("h", "e", "l", "o")
    assert vocab.decode(inputs) == "hell" and vocab.decode(targets) == "ello"


def test_hello_task_with_end_token_predicts_ello_end():
    vocab, inputs, targets = hello_task()
    assert vocab.symbols == ("h", "e", "l", "o", "<end>")
    assert vocab.decode(inputs) == "hello" and vocab.decode(targets) == "ello<end>"


def test_next_char_task_shifts_by_one():
    vocab, inputs, targets = next_char_task("abca")
    assert inputs.tolist() == [0, 1, 2] and targets.tolist() == [1, 2, 0]


def test_unknown_character_raises_naming_it():
    with pytest.raises(ValueError, match="text contains character 'z' that is not in the vocabulary"):
        Vocab.from_text("hello").encode("hez")


@pytest.mark.parametrize("chars, message", [
    (["a", "a"], "chars contains character 'a' twice"),
    (["ab"], "chars must be single characters"),
    ([], "chars is empty"),
])
def test_bad_character_lists_raise(chars, message):
    with pytest.raises(ValueError, match=message):
        Vocab(chars)


def test_empty_text_raises():
    with pytest.raises(ValueError, match="text is empty"):
        Vocab.from_text("")


def test_decode_rejects_ids_outside_the_vocabulary():
    with pytest.raises(ValueError, match=r"ids contains id 4, outside the vocabulary \[0, 4\)"):
        Vocab.from_text("hello").decode([0, 4])
