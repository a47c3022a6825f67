"""Training throughput of the character RNN, in characters per second.

One training step = forward pass, backward pass (by hand or by GradientTape), clipping and one
optimiser update on a window of ``seq_len`` characters per sequence, on the shipped Shakespeare
text. Rows:

- NumPy, hand-written BPTT, batch 1: the min-char-rnn setting (float64, Adagrad, clip ±5).
- TensorFlow GradientTape in a ``tf.function``, with and without XLA (``jit_compile``), at batch 1
  and at ``--batch-size``: float32, Adam, global-norm clipping at 5.
- Keras ``SimpleRNN`` + ``Dense`` trained with ``train_on_batch`` (float32, Adam, global-norm
  clipping at 5). This row starts every window from a zero state: Keras's ``train_on_batch`` does not
  hand back the final state, and carrying it would not change the cost of a step.

The first call of each variant (tracing, compiling) is excluded; each figure is the median of
``--repeats`` timings of ``--steps`` training steps. Run as ``python -m tfnotes.rnn.bench``.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from tfnotes._checks import positive_int
from tfnotes.rnn.params import init_params
from tfnotes.rnn.texts import load_text
from tfnotes.rnn.train import text_streams, train_numpy, train_tf
from tfnotes.rnn.vocab import Vocab


@dataclass(frozen=True)
class Row:
    """One benchmark result."""

    name: str
    batch_size: int
    chars_per_second: float


def _median_rate(run: Callable[[int], None], chars_per_step: int, steps: int, repeats: int) -> float:
    """Characters per second of ``run(steps)``: one untimed warm-up call, then the median of ``repeats``."""
    run(1)
    rates = []
    for _ in range(repeats):
        start = time.perf_counter()
        run(steps)
        rates.append(steps * chars_per_step / (time.perf_counter() - start))
    return statistics.median(rates)


def _keras_runner(ids: np.ndarray, vocab_size: int, hidden_size: int, seq_len: int,
                  batch_size: int) -> Callable[[int], None]:
    """``run(steps)`` doing ``steps`` Keras ``train_on_batch`` calls over consecutive windows."""
    from tfnotes.rnn.keras_rnn import build_model, keras

    model = build_model(vocab_size, hidden_size)
    model.compile(optimizer=keras.optimizers.Adam(0.01, global_clipnorm=5.0),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    streams, n_windows = text_streams(ids, batch_size, seq_len)
    one_hot = np.eye(vocab_size, dtype=np.float32)
    h0 = np.zeros((batch_size, hidden_size), dtype=np.float32)

    def run(steps: int) -> None:
        for i in range(steps):
            k = i % n_windows
            inputs = streams[:, k * seq_len:(k + 1) * seq_len]
            targets = streams[:, k * seq_len + 1:(k + 1) * seq_len + 1]
            model.train_on_batch([one_hot[inputs], h0], targets)

    return run


def run_benchmark(*, hidden_size: int = 100, seq_len: int = 25, batch_size: int = 64, steps: int = 50,
                  repeats: int = 5, seed: int = 0) -> list[Row]:
    """Measure every row (see the module docstring); returns them in table order."""
    H = positive_int("hidden_size", hidden_size)
    T = positive_int("seq_len", seq_len)
    B = positive_int("batch_size", batch_size)
    steps = positive_int("steps", steps)
    repeats = positive_int("repeats", repeats)
    text = load_text("shakespeare")
    vocab = Vocab.from_text(text)
    ids = vocab.encode(text)
    params64 = init_params(vocab.size, H, seed=seed)
    params32 = init_params(vocab.size, H, seed=seed, dtype=np.float32)

    rows = [Row("NumPy, hand-written BPTT", 1, _median_rate(
        lambda n: train_numpy(params64, ids, n_steps=n, seq_len=T), T, steps, repeats))]
    for batch in (1, B):
        for jit in (False, True):
            name = "TF GradientTape, tf.function" + (" + XLA" if jit else "")
            rate = _median_rate(lambda n, b=batch, j=jit: train_tf(params32, ids, n_steps=n, seq_len=T, batch_size=b,
                                                                   jit_compile=j), batch * T, steps, repeats)
            rows.append(Row(name, batch, rate))
    rows.append(Row("Keras SimpleRNN, train_on_batch", B, _median_rate(
        _keras_runner(ids, vocab.size, H, T, B), B * T, steps, repeats)))
    return rows


def format_table(rows: Sequence[Row]) -> str:
    """A plain-text table plus the speed-up of the fastest batched TensorFlow row over NumPy batch 1."""
    lines = [f"{'variant':<36} {'batch':>5} {'chars/s':>12}", "-" * 55]
    lines += [f"{row.name:<36} {row.batch_size:>5} {row.chars_per_second:>12,.0f}" for row in rows]
    numpy_rate = rows[0].chars_per_second
    batched = max((row for row in rows if row.name.startswith("TF") and row.batch_size > 1),
                  key=lambda row: row.chars_per_second)
    lines.append(f"\nTF batched ({batched.name.split(', ')[1]}, batch {batched.batch_size}) / NumPy batch 1: "
                 f"{batched.chars_per_second / numpy_rate:.1f}x")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: print the throughput table. Returns the exit status (0)."""
    parser = argparse.ArgumentParser(prog="python -m tfnotes.bench rnn", description=__doc__.splitlines()[0])
    parser.add_argument("--hidden-size", type=int, default=100, help="H (default 100, as in min-char-rnn)")
    parser.add_argument("--seq-len", type=int, default=25, help="characters per window (default 25)")
    parser.add_argument("--batch-size", type=int, default=64, help="batch of the batched rows (default 64)")
    parser.add_argument("--steps", type=int, default=50, help="training steps per timing (default 50)")
    parser.add_argument("--repeats", type=int, default=5, help="timings per row; the median is shown (default 5)")
    args = parser.parse_args(argv)
    print(f"Character RNN training throughput: H={args.hidden_size}, seq_len={args.seq_len}, "
          f"median of {args.repeats} x {args.steps} steps, warm-up excluded")
    rows = run_benchmark(hidden_size=args.hidden_size, seq_len=args.seq_len, batch_size=args.batch_size,
                         steps=args.steps, repeats=args.repeats)
    print(format_table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
