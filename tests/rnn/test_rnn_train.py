"""Training: clipping, optimisers, truncated BPTT with carried state, the two trainers."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from tfnotes.rnn.numpy_rnn import predict
from tfnotes.rnn.params import init_params
from tfnotes.rnn.train import (Adagrad, Adam, accuracy, clip_by_global_norm, clip_elementwise, global_norm,
                               text_streams, train_hello, train_numpy, train_tf)
from tfnotes.rnn.vocab import Vocab, hello_task

finite = st.floats(-1e3, 1e3, allow_nan=False)
grad_dicts = st.fixed_dictionaries({"W": arrays(np.float64, (3, 4), elements=finite),
                                    "b": arrays(np.float64, (4,), elements=finite)})


@pytest.mark.covers("src/tfnotes/rnn/train.py:clip")
@settings(max_examples=50, deadline=None, derandomize=True)
@given(grads=grad_dicts, limit=st.floats(0.01, 100))
def test_clip_elementwise_bounds_every_entry_and_keeps_small_ones(grads, limit):
    original = {k: v.copy() for k, v in grads.items()}
    clipped, norm = clip_elementwise(grads, limit)
    assert norm == pytest.approx(global_norm(original))
    for key, g in clipped.items():
        assert np.all(np.abs(g) <= limit)
        small = np.abs(original[key]) <= limit
        np.testing.assert_array_equal(g[small], original[key][small])
        np.testing.assert_array_equal(grads[key], original[key])       # input untouched


@pytest.mark.covers("src/tfnotes/rnn/train.py:clip")
@settings(max_examples=50, deadline=None, derandomize=True)
@given(grads=grad_dicts, max_norm=st.floats(0.01, 100))
def test_clip_by_global_norm_bounds_the_norm_and_keeps_the_direction(grads, max_norm):
    clipped, norm = clip_by_global_norm(grads, max_norm)
    assert norm == pytest.approx(global_norm(grads))
    assert global_norm(clipped) <= max_norm * (1 + 1e-12)
    scale = min(1.0, max_norm / norm) if norm > 0 else 1.0
    for key in grads:
        np.testing.assert_allclose(clipped[key], scale * grads[key], rtol=1e-12, atol=1e-300)


def test_clip_by_global_norm_is_a_no_op_below_the_limit():
    grads = {"W": np.array([3.0, 4.0])}
    clipped, norm = clip_by_global_norm(grads, 10.0)
    assert norm == 5.0 and np.array_equal(clipped["W"], grads["W"])
    clipped, _ = clip_by_global_norm(grads, 1.0)
    np.testing.assert_allclose(clipped["W"], [0.6, 0.8])


def test_adagrad_and_adam_first_steps_have_size_learning_rate():
    grads = {"w": np.array([0.5, -2.0, 0.05])}
    for optimizer in (Adagrad(0.1), Adam(0.1)):
        params = {"w": np.zeros(3)}
        optimizer.update(params, grads)
        np.testing.assert_allclose(params["w"], [-0.1, 0.1, -0.1], rtol=1e-4)


@pytest.mark.parametrize("optimizer", [Adagrad(0.5), Adam(0.1)])
def test_optimisers_minimise_a_quadratic(optimizer):
    params = {"w": np.array([3.0, -2.0])}
    for _ in range(500):
        optimizer.update(params, {"w": 2 * params["w"]})
    assert np.abs(params["w"]).max() < 0.05


def test_hello_training_reaches_full_next_character_accuracy():
    vocab, inputs, targets = hello_task()
    _, result = train_hello(seed=0, n_steps=100)
    assert accuracy(result.params, inputs, targets) == 1.0
    assert vocab.decode(predict(result.params, inputs)) == "ello<end>"
    assert result.losses[-1] < 0.05 < result.losses[0]


def test_training_does_not_modify_the_callers_params_and_is_deterministic():
    vocab = Vocab.from_text("abcb")
    ids = vocab.encode("abcb" * 20)
    params = init_params(vocab.size, 6, seed=4)
    before = {k: v.copy() for k, v in params.items()}
    a = train_numpy(params, ids, n_steps=30, seq_len=4)
    b = train_numpy(params, ids, n_steps=30, seq_len=4)
    for key in params:
        np.testing.assert_array_equal(params[key], before[key])
        np.testing.assert_array_equal(a.params[key], b.params[key])
    np.testing.assert_array_equal(a.losses, b.losses)
    c = train_numpy(init_params(vocab.size, 6, seed=5), ids, n_steps=30, seq_len=4)
    assert not np.array_equal(a.losses, c.losses)


def test_train_result_records_history_and_perplexity():
    vocab = Vocab.from_text("abcb")
    result = train_numpy(init_params(vocab.size, 6), vocab.encode("abcb" * 20), n_steps=40, seq_len=4)
    assert result.losses.shape == result.smooth_losses.shape == result.grad_norms.shape == (40,)
    assert result.n_chars == 40 * 4 and result.h.shape == (1, 6)
    assert result.smooth_losses[0] == pytest.approx(0.99 * np.log(3) + 0.01 * result.losses[0])
    assert result.perplexity == pytest.approx(np.exp(result.smooth_losses[-1]))
    assert result.losses[-5:].mean() < result.losses[:5].mean()


def test_text_streams_are_contiguous_slices():
    streams, n_windows = text_streams(np.arange(23), 2, 5)
    np.testing.assert_array_equal(streams, [np.arange(11), np.arange(11, 22)])
    assert n_windows == 2


def _memory_task():
    """After 'b' comes 'c' if 'a' came before it and 'a' if 'c' did: only a remembered state can tell."""
    vocab = Vocab.from_text("abcb")
    return vocab, vocab.encode("abcb" * 50)


@pytest.mark.covers("src/tfnotes/rnn/train.py:truncated-bptt")
def test_truncated_bptt_carries_the_state_across_windows():
    # Windows of ONE character: gradients never cross a window boundary, so the model can only
    # learn what follows 'b' from the hidden state handed over from the previous window. With the
    # state reset between windows the best possible loss is ln(2)/2 = 0.35 nats per character.
    vocab, ids = _memory_task()
    result = train_numpy(init_params(vocab.size, 8, seed=0, scale=0.5), ids, n_steps=1500, seq_len=1)
    assert result.losses[-100:].mean() < 0.1
    assert accuracy(result.params, ids[:-1], ids[1:]) == 1.0


class _Recorder:
    """An optimiser that only keeps the gradients it is given (what the trainer passes on after clipping)."""

    def __init__(self):
        self.seen = []

    def update(self, params, grads):
        self.seen.append({key: g.copy() for key, g in grads.items()})


@pytest.mark.covers("src/tfnotes/rnn/train.py:truncated-bptt", "src/tfnotes/rnn/train.py:clip")
@pytest.mark.parametrize("batch_size", [1, 3])
def test_max_norm_limits_the_gradient_of_the_mean_loss_per_character(batch_size):
    from tfnotes.rnn.train import MAX_NORM, train_tf

    vocab = Vocab.from_text("abcb")
    ids = vocab.encode("abcb" * 40)
    params = init_params(vocab.size, 6, seed=3, scale=2.0)        # large weights: large gradients
    T, limit = 5, 0.05
    free = train_numpy(params, ids, n_steps=4, seq_len=T, clip_value=None, max_norm=None, optimizer=_Recorder())
    rec = _Recorder()
    train = train_numpy if batch_size == 1 else train_tf
    extra = {} if batch_size == 1 else {"batch_size": batch_size}
    result = train(params, ids, n_steps=4, seq_len=T, clip_value=None, max_norm=limit, optimizer=rec, **extra)
    per_char = result.grad_norms / (batch_size * T)             # the norm of the mean loss's gradient
    assert np.all(per_char > limit)                               # so clipping fires on every update here
    for grads in rec.seen:
        assert global_norm(grads) == pytest.approx(limit * batch_size * T, rel=1e-5)
    np.testing.assert_allclose(result.clip_scales, limit / per_char, rtol=1e-6)   # what the trainer applied
    assert np.all(free.clip_scales == 1.0)                                         # no limit, no clipping
    if batch_size == 1:                                           # nothing else changes: same first gradient
        np.testing.assert_allclose(result.grad_norms[0], free.grad_norms[0])
    assert MAX_NORM == 1.0 and train_tf.__kwdefaults__["max_norm"] == MAX_NORM   # d2l's limit, as the page says


def test_tf_trainer_carries_the_state_across_windows_too():
    vocab, ids = _memory_task()
    params = init_params(vocab.size, 8, seed=0, scale=0.5, dtype=np.float32)
    result = train_tf(params, ids, n_steps=600, seq_len=1, batch_size=2, optimizer=Adam(0.02))
    assert result.losses[-50:].mean() < 0.1
    assert result.h.shape == (2, 8) and result.n_chars == 600 * 2


def test_tf_trainer_equals_numpy_trainer_at_batch_one_in_float64():
    vocab, ids = _memory_task()
    params = init_params(vocab.size, 5, seed=2, scale=0.5)
    a = train_numpy(params, ids, n_steps=40, seq_len=7)
    b = train_tf(params, ids, n_steps=40, seq_len=7, batch_size=1, optimizer=Adagrad(0.1), clip_value=5.0,
                 max_norm=None)
    np.testing.assert_allclose(b.losses, a.losses, rtol=1e-9)
    for key in params:
        np.testing.assert_allclose(b.params[key], a.params[key], rtol=0, atol=1e-9)


def test_tf_trainer_is_deterministic():
    vocab, ids = _memory_task()
    params = init_params(vocab.size, 8, seed=1, dtype=np.float32)
    a = train_tf(params, ids, n_steps=50, seq_len=5, batch_size=4)
    b = train_tf(params, ids, n_steps=50, seq_len=5, batch_size=4)
    np.testing.assert_array_equal(a.losses, b.losses)


@pytest.mark.parametrize("kwargs, message", [
    (dict(n_steps=0), "n_steps must be >= 1"),
    (dict(n_steps=5, seq_len=0), "seq_len must be >= 1"),
    (dict(n_steps=5, seq_len=200), "ids is too short"),
    (dict(n_steps=5, clip_value=-1.0), "clip_value must be a finite number >= 0"),
    (dict(n_steps=5, max_norm=0.0), "max_norm must be > 0"),
    (dict(n_steps=5, smoothing=1.0), r"smoothing must be in \[0, 1\)"),
])
def test_trainer_rejects_bad_arguments(kwargs, message):
    vocab, ids = _memory_task()
    with pytest.raises((TypeError, ValueError), match=message):
        train_numpy(init_params(vocab.size, 4), ids, **kwargs)


def test_trainer_rejects_ids_outside_the_vocabulary():
    with pytest.raises(ValueError, match=r"ids contains id 9, outside the vocabulary \[0, 3\)"):
        train_numpy(init_params(3, 4), [0, 1, 9, 2], n_steps=1, seq_len=2)


@pytest.mark.parametrize("make, message", [
    (lambda: Adagrad(0), "learning_rate must be > 0"),
    (lambda: Adam(0.01, beta1=1.0), r"beta1 must be in \[0, 1\)"),
    (lambda: clip_elementwise({"w": np.ones(2)}, 0), "limit must be > 0"),
    (lambda: clip_by_global_norm({"w": np.ones(2)}, -1), "max_norm must be a finite number >= 0"),
])
def test_optimiser_and_clipping_arguments_are_checked(make, message):
    with pytest.raises(ValueError, match=message):
        make()


@pytest.mark.parametrize("clip_value, max_norm", [(5.0, None), (None, 1.0), (0.5, 0.01), (None, None)])
def test_trainer_checks_its_arguments_once_per_call_not_once_per_step(monkeypatch, clip_value, max_norm):
    """Every check function the trainer or the NumPy RNN can reach is counted: the count must not grow with n_steps."""
    import tfnotes._checks
    import tfnotes.rnn._checks
    from tfnotes.rnn import numpy_rnn, train

    calls = []
    for module in (train, numpy_rnn):
        for source in (tfnotes._checks, tfnotes.rnn._checks):
            for name in dir(source):
                original = getattr(source, name)
                if callable(original) and getattr(original, "__module__", None) == source.__name__ \
                        and hasattr(module, name):
                    def counting(*args, _original=original, _name=name, **kwargs):
                        calls.append(_name)
                        return _original(*args, **kwargs)
                    monkeypatch.setattr(module, name, counting)
    vocab, ids = _memory_task()
    params = init_params(vocab.size, 4)
    counts = []
    for n_steps in (2, 9):
        calls.clear()
        train_numpy(params, ids, n_steps=n_steps, seq_len=3, optimizer=Adam(0.01), clip_value=clip_value,
                    max_norm=max_norm)
        counts.append(sorted(calls))
    assert counts[0] == counts[1]
    assert "check_params" in counts[0] and "check_ids" in counts[0]     # the checks do run, once
