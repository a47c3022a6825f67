"""The throughput benchmark runs end to end (at a toy size) and prints its table."""

from tfnotes.rnn.bench import Row, format_table, main


def test_format_table_reports_the_speed_up_of_the_fastest_batched_tf_row():
    rows = [Row("NumPy, hand-written BPTT", 1, 1000.0), Row("TF GradientTape, tf.function", 1, 800.0),
            Row("TF GradientTape, tf.function", 32, 9000.0), Row("TF GradientTape, tf.function + XLA", 32, 12000.0),
            Row("Keras SimpleRNN, train_on_batch", 32, 20000.0)]
    table = format_table(rows)
    assert "12,000" in table
    assert table.splitlines()[-1] == "TF batched (tf.function + XLA, batch 32) / NumPy batch 1: 12.0x"


def test_bench_main_prints_every_row(capsys):
    assert main(["--hidden-size", "8", "--seq-len", "5", "--batch-size", "4", "--steps", "2", "--repeats", "1"]) == 0
    out = capsys.readouterr().out
    for name in ("NumPy, hand-written BPTT", "TF GradientTape, tf.function + XLA", "Keras SimpleRNN, train_on_batch"):
        assert name in out
    assert out.count("\n") >= 9 and "/ NumPy batch 1:" in out
