"""The throughput benchmark: its bare loop is the reference's equations, its FLOP count is the step's, and it prints
both tables end to end (at a toy size)."""

import numpy as np
import pytest

from tfnotes.rnn.bench import (NUMPY_ROW, Comparison, MatmulRates, Row, _bare_train, format_comparison, format_table,
                               main, step_matmul_flops, step_shapes)
from tfnotes.rnn.params import init_params
from tfnotes.rnn.train import SGD, Adagrad, train_numpy


@pytest.mark.parametrize("adagrad, clip, seq_len", [(True, 5.0, 7), (False, None, 4), (True, None, 3),
                                                    (False, 0.01, 5)])
def test_bare_loop_gives_bit_identical_results_to_train_numpy(adagrad, clip, seq_len):
    rng = np.random.default_rng(3)
    ids = rng.integers(0, 6, size=40)              # several passes over the text: the state is reset at each
    params = init_params(6, 5, seed=1, scale=0.5)
    lr = 0.1 if adagrad else 0.3
    result = train_numpy(params, ids, n_steps=13, seq_len=seq_len, optimizer=Adagrad(lr) if adagrad else SGD(lr),
                         clip_value=clip)
    bare_params, losses, norms = _bare_train(params, ids, n_steps=13, seq_len=seq_len, learning_rate=lr,
                                            adagrad=adagrad, clip=clip)
    for key in params:
        assert np.array_equal(result.params[key], bare_params[key]), key
    assert np.array_equal(result.losses, losses) and np.array_equal(result.grad_norms, norms)
    assert not np.array_equal(result.params["W_hh"], params["W_hh"])   # it trained


def test_bare_loop_leaves_the_callers_params_alone():
    params = init_params(4, 3, seed=0)
    before = {key: value.copy() for key, value in params.items()}
    _bare_train(params, np.array([0, 1, 2, 3, 0, 1]), n_steps=3, seq_len=2, learning_rate=0.1, adagrad=True, clip=5.0)
    assert all(np.array_equal(params[key], before[key]) for key in params)


def test_step_matmul_flops_counts_the_eight_products_of_every_time_step():
    V, H, T, B = 58, 100, 25, 64
    forward = B * V * H + B * H * H + B * H * V          # x W_xhᵀ, h W_hhᵀ, h W_hyᵀ
    weight_grads = H * B * V + H * B * H + V * B * H     # daᵀ x, daᵀ h_prev, dyᵀ h
    state_grads = B * V * H + B * H * H                  # dy W_hy, da W_hh
    assert step_matmul_flops(V, H, T, B) == 2 * T * (forward + weight_grads + state_grads)
    assert step_matmul_flops(V, H, T, B) == 2 * B * T * (5 * V * H + 3 * H * H)
    assert len(step_shapes(V, H, B)) == 8
    # stacking the time steps (B * T rows) keeps the FLOPs: the matmul rate is measured on the same work
    assert sum(2 * m * k * n for m, k, n in step_shapes(V, H, B * T)) == step_matmul_flops(V, H, T, B)


def test_format_comparison_shows_both_ratios_and_the_lowest_cpu_ratio():
    table = format_comparison([
        Comparison("hello", 5, 8, 5, "SGD 0.2, no clip", 20000.0, 21000.0, 0.95, 0.93, True),
        Comparison("shakespeare", 58, 100, 25, "Adagrad 0.1, clip ±5", 9000.0, 9100.0, 0.99, 0.97, False)])
    assert "20,000" in table and "0.95" in table
    assert table.splitlines()[-1] == "lowest reference/bare throughput ratio (CPU time): 0.93 (hello)"
    assert table.splitlines()[3].endswith("yes") and table.splitlines()[4].endswith("NO")


def test_format_table_reports_speed_up_and_matmul_share_of_the_fastest_batched_tf_row():
    rows = [Row(NUMPY_ROW, 1, 1000.0, 0.4), Row("TF GradientTape, tf.function", 1, 800.0, 0.5),
            Row("TF GradientTape, tf.function", 32, 9000.0, 6.0),
            Row("TF GradientTape, tf.function + XLA", 32, 12000.0, 8.0),
            Row("Keras SimpleRNN, train_on_batch", 32, 20000.0, 13.0)]
    table = format_table(rows, MatmulRates({1: 2.0, 32: 40.0}, 100.0))
    lines = table.splitlines()
    assert "12,000" in table and "20.0%" in table           # 8 GFLOP/s of the 40 measured at batch 32
    assert lines[-2] == "TF batched (tf.function + XLA, batch 32) / NumPy batch 1: 12.0x"
    assert lines[-1] == ("TF batched (tf.function + XLA, batch 32): 20.0% of the matmul rate on the same FLOPs, "
                         "8.0% of the 1024^3 matmul rate")


def test_bench_main_prints_both_tables(capsys):
    assert main(["--hidden-size", "8", "--seq-len", "5", "--batch-size", "4", "--steps", "2", "--repeats", "1",
                 "--pairs", "1", "--pair-steps", "1"]) == 0
    out = capsys.readouterr().out
    for name in ("hello", "shakespeare", NUMPY_ROW, "TF GradientTape, tf.function + XLA",
                 "Keras SimpleRNN, train_on_batch",
                 "matmul: a step, time steps stacked", "matmul: 1024 x 1024 x 1024"):
        assert name in out
    assert out.count(" yes") == 2                            # the bare loop reproduced the reference on both tasks
    assert "/ NumPy batch 1:" in out and "of the matmul rate on the same FLOPs" in out


@pytest.mark.parametrize("args, message", [((0, 4, 5, 2), "vocab_size must be >= 1"),
                                           ((5, 4, 0, 2), "seq_len must be >= 1"),
                                           ((5, 4, 5, 1.5), "batch_size must be an integer")])
def test_flop_count_rejects_bad_sizes(args, message):
    with pytest.raises((TypeError, ValueError), match=message):
        step_matmul_flops(*args)
