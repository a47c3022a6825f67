"""Held-out evaluation: the split, the RNN's per-character loss and the add-one counting baselines."""

import numpy as np
import pytest

from tfnotes.rnn.heldout import baseline_losses, bigram, char_losses, split_heldout, unigram
from tfnotes.rnn.numpy_rnn import loss_and_grads
from tfnotes.rnn.params import init_params


@pytest.mark.covers("src/tfnotes/rnn/heldout.py:split")
def test_split_keeps_the_last_fraction_apart_in_order():
    ids = np.arange(100)
    train, heldout = split_heldout(ids, 0.1)
    assert train.tolist() == list(range(90)) and heldout.tolist() == list(range(90, 100))
    train, heldout = split_heldout(list(range(7)), 0.3)         # 4.9 rounds to 5 kept
    assert len(train) == 5 and len(heldout) == 2


@pytest.mark.parametrize("args,message", [
    ((np.arange(10), 0.0), "fraction must be > 0"),
    ((np.arange(10), 1.0), "fraction must be below 1"),
    ((np.arange(3), 0.1), "ids is too short to split"),
    ((np.zeros((3, 3), dtype=int), 0.1), "ids must be a 1-D sequence"),
])
def test_split_rejects_bad_arguments(args, message):
    with pytest.raises(ValueError, match=message):
        split_heldout(*args)


@pytest.mark.covers("src/tfnotes/rnn/heldout.py:ngram")
def test_add_one_counts_by_hand():
    train = [0, 1, 0, 1, 2]                      # counts 2, 2, 1 of V = 4 symbols; symbol 3 never occurs
    np.testing.assert_allclose(unigram(train, 4), np.array([3, 3, 2, 1]) / 9)
    p = bigram(train, 4)                         # pairs: 0→1 twice, 1→0 once, 1→2 once
    np.testing.assert_allclose(p[0], np.array([1, 3, 1, 1]) / 6)
    np.testing.assert_allclose(p[1], np.array([2, 1, 2, 1]) / 6)
    np.testing.assert_allclose(p[3], np.full(4, 0.25))          # a row never seen: uniform
    np.testing.assert_allclose(p.sum(axis=1), 1)
    losses = baseline_losses(train, [0, 1, 3], 4)
    assert losses["uniform"] == pytest.approx(np.log(4))
    assert losses["unigram"] == pytest.approx(-np.mean(np.log([3 / 9, 1 / 9])))
    assert losses["bigram"] == pytest.approx(-np.mean(np.log([3 / 6, 1 / 6])))
    np.testing.assert_allclose(unigram(train, 4, add=0), np.array([2, 2, 1, 0]) / 5)


def test_baselines_reject_bad_arguments():
    with pytest.raises(ValueError, match="train"):
        unigram([0, 5], 4)
    with pytest.raises(ValueError, match="heldout must have at least 2 ids"):
        baseline_losses([0, 1, 2], [1], 3)
    with pytest.raises(TypeError, match="vocab_size"):
        bigram([0, 1], 2.5)
    with pytest.raises(ValueError, match="add"):
        unigram([0, 1], 2, add=-1)


@pytest.mark.covers("src/tfnotes/rnn/heldout.py:char-losses")
def test_char_losses_sum_to_the_training_loss_and_stay_finite():
    params = init_params(6, 5, seed=3, scale=0.5)
    ids = np.array([0, 3, 2, 5, 1, 1, 4])
    per_char = char_losses(params, ids)
    assert per_char.shape == (6,) and per_char.dtype == np.float64
    assert per_char.sum() == pytest.approx(loss_and_grads(params, ids[:-1], ids[1:])[0], rel=1e-12)
    confident = {k: v.copy() for k, v in params.items()}
    confident["b_y"][0] = -1e4                                   # symbol 0 all but ruled out: log p underflows
    assert np.isfinite(char_losses(confident, np.array([1, 0]))).all()
    assert char_losses(confident, np.array([1, 0]))[0] > 1e3
    with pytest.raises(ValueError, match="ids must have at least 2"):
        char_losses(params, [1])
