"""Training throughput of the character RNN, in characters per second, and what it is measured against.

One training step = forward pass, backward pass (by hand or by GradientTape), the recorded gradient norm, clipping
and one optimiser update on a window of ``seq_len`` characters per sequence. Two tables:

1. **The NumPy reference against a bare loop.** :func:`tfnotes.rnn.train.train_numpy` (batch 1) is timed against
   :func:`_bare_train`, a plain loop written here that evaluates the same equations with the same NumPy operations
   (so it produces bit-identical parameters, losses and gradient norms, which the table checks) but without the
   reference's structure: no argument checks, no parameter dicts, no result objects. Their ratio is the price of
   that structure; the reference checks its arguments once per call, never per step, so the ratio should be close
   to 1. Two sizes: the chapter's "hello" model (plain gradient descent, no clipping, as
   :func:`~tfnotes.rnn.train.train_hello`) and the real-text model on the shipped Shakespeare text (Adagrad,
   clipped to ±5: :func:`~tfnotes.rnn.train.train_numpy`'s defaults, as in min-char-rnn).
2. **TensorFlow and Keras**, float32, at batch 1 and at ``--batch-size`` (:func:`~tfnotes.rnn.train.train_tf`'s
   defaults: Adam, global-norm clipping), beside the NumPy reference (float64, batch 1, as in normal use: BLAS
   threads not limited), each also as a share of the machine's matmul throughput. The matmul FLOPs
   of a step are counted from the shapes (:func:`step_matmul_flops`); the machine's float32 matmul rate is measured
   in the same run on the same FLOPs done as the step's eight products with its time steps stacked (``B·T`` rows
   in place of ``B``: what the arithmetic costs without the recurrence's one-step-at-a-time order), and on one
   large square matmul.

Every row is timed in the same run, repeats interleaved (round-robin, order reversed every other repeat) so
that a change in the machine's load hits every row alike; each figure is the median of ``--repeats`` timings of
``--steps`` steps, and the first call of each variant (tracing, compiling) is excluded. On a shared machine the
ratios are the figures to trust, not the absolute rates. Run as ``python -m tfnotes.bench rnn`` (or
``python -m tfnotes.rnn.bench``).
"""

from __future__ import annotations

import argparse
import inspect
import statistics
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Any
from dataclasses import dataclass

import numpy as np

from tfnotes._checks import positive_int
from tfnotes.rnn.params import PARAM_KEYS, Params, init_params
from tfnotes.rnn.texts import load_text
from tfnotes.rnn.train import SGD, Adagrad, TrainResult, text_streams, train_hello, train_numpy, train_tf
from tfnotes.rnn.vocab import Vocab, hello_task

LARGE_MATMUL = 1024  # the side of the square float32 matmul that stands for the machine's matmul peak
NUMPY_ROW = "NumPy reference, float64 (train_numpy)"


@dataclass(frozen=True)
class Row:
    """One timed variant: its name, batch size, characters per second and matmul GFLOP/s."""

    name: str
    batch_size: int
    chars_per_second: float
    gflops: float


@dataclass(frozen=True)
class Comparison:
    """The NumPy reference against the bare loop on one task (medians over the interleaved repeats)."""

    task: str
    vocab_size: int
    hidden_size: int
    seq_len: int
    update: str
    reference: float            # characters per second (median wall clock)
    bare: float                 # characters per second (median wall clock)
    ratio: float                # median over pairs of reference / bare throughput, wall clock
    cpu_ratio: float            # the same from the thread's CPU time: what a loaded machine disturbs least
    identical: bool             # bare loop and reference gave bit-identical parameters, losses and norms


def _bare_train(params: Params, ids: np.ndarray, *, n_steps: int, seq_len: int, learning_rate: float,
               adagrad: bool, clip: float | None) -> tuple[Params, list[float], list[float]]:
    """``train_numpy`` at batch 1 as one plain loop: same equations, same NumPy operations, nothing else.

    Returns the final parameters and, per window, the mean loss per character and the gradient norm before
    clipping (what :class:`~tfnotes.rnn.train.TrainResult` records).
    """
    W_xh, W_hh, W_hy, b_h, b_y = (params[key].copy() for key in PARAM_KEYS)
    weights = [W_xh, W_hh, W_hy, b_h, b_y]
    memory = [np.zeros_like(w) for w in weights]
    (H, V), T = W_xh.shape, seq_len
    eye = np.eye(V, dtype=W_xh.dtype)
    n_windows = (len(ids) - 1) // T
    losses, norms = [], []
    for i in range(n_steps):
        k = i % n_windows
        if k == 0:
            h = np.zeros(H, dtype=W_xh.dtype)
        inputs, targets = ids[k * T:(k + 1) * T], ids[k * T + 1:(k + 1) * T + 1]
        xs, hs, ys = eye[inputs], np.empty((T + 1, H), dtype=h.dtype), np.empty((T, V), dtype=h.dtype)
        hs[0] = h
        for t in range(T):                                        # forward
            hs[t + 1] = np.tanh(W_xh @ xs[t] + W_hh @ hs[t] + b_h)
            ys[t] = W_hy @ hs[t + 1] + b_y
        e = np.exp(ys - np.max(ys, axis=-1, keepdims=True))
        ps = e / np.sum(e, axis=-1, keepdims=True)
        m = np.max(ys, axis=1)                                    # loss
        losses.append(float(np.sum(m + np.log(np.sum(np.exp(ys - m[:, None]), axis=1)) - ys[np.arange(T), targets]))
                      / T)
        targets_1hot = eye[targets]                               # backward
        dW_xh, dW_hh, dW_hy = np.zeros_like(W_xh), np.zeros_like(W_hh), np.zeros_like(W_hy)
        db_h, db_y, dh_next = np.zeros_like(b_h), np.zeros_like(b_y), np.zeros_like(h)
        for t in reversed(range(T)):
            dy = ps[t] - targets_1hot[t]
            dW_hy += np.outer(dy, hs[t + 1])
            db_y += dy
            dh_raw = (1 - hs[t + 1] * hs[t + 1]) * (W_hy.T @ dy + dh_next)
            db_h += dh_raw
            dW_xh += np.outer(dh_raw, xs[t])
            dW_hh += np.outer(dh_raw, hs[t])
            dh_next = W_hh.T @ dh_raw
        h = hs[T]
        grads = [dW_xh, dW_hh, dW_hy, db_h, db_y]
        norms.append(float(np.sqrt(sum(np.square(g, dtype=np.float64).sum() for g in grads))))
        if clip is not None:
            grads = [np.clip(g, -clip, clip) for g in grads]
        for w, g, mem in zip(weights, grads, memory):             # update
            if adagrad:
                mem += g * g
                w -= learning_rate * g / np.sqrt(mem + 1e-8)
            else:
                w -= learning_rate * g
    return dict(zip(PARAM_KEYS, weights)), losses, norms


def _same(result: TrainResult, bare: tuple[Params, list[float], list[float]]) -> bool:
    params, losses, norms = bare
    return (all(np.array_equal(result.params[key], params[key]) for key in PARAM_KEYS)
            and np.array_equal(result.losses, losses) and np.array_equal(result.grad_norms, norms))


def _interleaved(runs: dict[str, Callable[[int], object]], steps: int,
                 repeats: int) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Wall-clock and this thread's CPU seconds of ``run(steps)`` for every run, ``repeats`` rounds, round-robin
    (order reversed every other round); one untimed warm-up call each."""
    for run in runs.values():
        run(1)
    names = list(runs)
    wall: dict[str, list[float]] = {name: [] for name in names}
    cpu: dict[str, list[float]] = {name: [] for name in names}
    for r in range(repeats):
        for name in names if r % 2 == 0 else reversed(names):
            start, start_cpu = time.perf_counter(), time.thread_time()
            runs[name](steps)
            wall[name].append(time.perf_counter() - start)
            cpu[name].append(time.thread_time() - start_cpu)
    return wall, cpu


def compare_with_bare(*, hidden_size: int = 100, seq_len: int = 25, steps: int = 10,
                      pairs: int = 101, seed: int = 0) -> list[Comparison]:
    """Table 1: the NumPy reference against :func:`_bare_train`, on "hello" and on the Shakespeare text.

    Each of the ``pairs`` rounds times both once, back to back (``steps`` windows; ten times as many for the tiny
    "hello" model), so the two timings of a pair see the same machine load; the ratio is the median over pairs.
    Many short pairs resolve a few per cent on a loaded machine where a few long timings do not.
    """
    hidden_size = positive_int("hidden_size", hidden_size)
    seq_len = positive_int("seq_len", seq_len)
    steps = positive_int("steps", steps)
    pairs = positive_int("pairs", pairs)
    hello_vocab, hello_inputs, hello_targets = hello_task(end=True)
    text = load_text("shakespeare")
    text_vocab = Vocab.from_text(text)
    hello = {name: p.default for name, p in inspect.signature(train_hello).parameters.items()}  # its settings
    hello_lr = hello["learning_rate"]
    tasks = [  # name, ids, V, H, T, optimiser factory, learning rate, adagrad?, clip, steps
        ("hello", np.append(hello_inputs, hello_targets[-1]), hello_vocab.size, hello["hidden_size"],
         len(hello_inputs), lambda: SGD(hello_lr), hello_lr, False, None, steps * 10),
        ("shakespeare", text_vocab.encode(text), text_vocab.size, hidden_size, seq_len, lambda: Adagrad(0.1), 0.1,
         True, 5.0, steps),
    ]
    out = []
    for name, ids, V, H, T, make_optimizer, lr, adagrad, clip, n in tasks:
        params = init_params(V, H, seed=seed)

        def reference(k: int, params=params, ids=ids, T=T, make=make_optimizer, clip=clip) -> TrainResult:
            return train_numpy(params, ids, n_steps=k, seq_len=T, optimizer=make(), clip_value=clip)

        def bare(k: int, params=params, ids=ids, T=T, lr=lr, adagrad=adagrad, clip=clip):
            return _bare_train(params, ids, n_steps=k, seq_len=T, learning_rate=lr, adagrad=adagrad, clip=clip)

        with _one_blas_thread():
            identical = _same(reference(n), bare(n))
            wall, cpu = _interleaved({"reference": reference, "bare": bare}, n, pairs)
        update = f"SGD {lr:g}" if not adagrad else f"Adagrad {lr:g}"
        update += f", clip ±{clip:g}" if clip is not None else ", no clip"
        out.append(Comparison(name, V, H, T, update, n * T / statistics.median(wall["reference"]),
                              n * T / statistics.median(wall["bare"]), _median_ratio(wall), _median_ratio(cpu),
                              identical))
    return out


def _median_ratio(seconds: dict[str, list[float]]) -> float:
    """Median over pairs of reference throughput / bare throughput (= bare seconds / reference seconds)."""
    return statistics.median(b / r for r, b in zip(seconds["reference"], seconds["bare"]))


def _one_blas_thread() -> AbstractContextManager[object]:
    """Limit BLAS to one thread (threadpoolctl, which scikit-learn brings along; a no-op without it).

    Batch-1 matrix-vector products are too small to gain from threads; with helper threads, a product waits
    whenever the shared machine has descheduled one, which adds noise to both loops, and a thread's CPU time
    (the robust measure here) would miss the helpers' share.
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - the test and benchmark environment has it
        return nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def step_shapes(vocab_size: int, hidden_size: int, batch_size: int) -> list[tuple[int, int, int]]:
    """The ``(m, k, n)`` of every matmul of one time step of a training step (an ``(m, k) @ (k, n)`` product).

    Forward: ``x W_xhᵀ`` (TF multiplies the one-hot rows as a dense matrix), ``h W_hhᵀ``, ``h W_hyᵀ``. Backward: the
    three weight gradients ``daᵀ x``, ``daᵀ h_prev``, ``dyᵀ h``, and the gradients handed back to ``h`` through
    ``W_hy`` and ``W_hh`` (none to the one-hot input).
    """
    V, H = positive_int("vocab_size", vocab_size), positive_int("hidden_size", hidden_size)
    B = positive_int("batch_size", batch_size)
    forward = [(B, V, H), (B, H, H), (B, H, V)]
    backward = [(H, B, V), (H, B, H), (V, B, H), (B, V, H), (B, H, H)]
    return forward + backward


def step_matmul_flops(vocab_size: int, hidden_size: int, seq_len: int, batch_size: int) -> int:
    """Matmul FLOPs of one training step, ``2·B·T·(5VH + 3H²)`` (a multiply-add counts 2; element-wise work,
    the softmax and the optimiser are not counted)."""
    flops_per_time_step = sum(2 * m * k * n for m, k, n in step_shapes(vocab_size, hidden_size, batch_size))
    return positive_int("seq_len", seq_len) * flops_per_time_step


def _matmul_runner(shapes: Sequence[tuple[int, int, int]]) -> tuple[Callable[[int], None], int]:
    """``run(n)``: ``n`` calls of one TF graph (``tf.function``) doing one float32 ``(m, k) @ (k, n)`` product per
    shape; returns ``run`` and the FLOPs of one call. The operands are variables (a graph may fold products of
    constants away before it runs) and every product is returned (none is pruned)."""
    from tfnotes._tf import tensorflow

    tf = tensorflow()
    rng = np.random.default_rng(0)
    operands = [(tf.Variable(rng.standard_normal((m, k), dtype=np.float32)),
                 tf.Variable(rng.standard_normal((k, n), dtype=np.float32))) for m, k, n in shapes]

    @tf.function
    def products() -> list[Any]:
        return [tf.matmul(a, b) for a, b in operands]

    def run(calls: int) -> None:
        for _ in range(calls):
            products()[0].numpy()

    return run, sum(2 * m * k * n for m, k, n in shapes)


def _keras_runner(ids: np.ndarray, vocab_size: int, hidden_size: int, seq_len: int,
                  batch_size: int) -> Callable[[int], None]:
    """``run(steps)`` doing ``steps`` Keras ``train_on_batch`` calls over consecutive windows (zero start state:
    ``train_on_batch`` does not hand back the final state, and carrying it would not change the cost)."""
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


@dataclass(frozen=True)
class MatmulRates:
    """Measured float32 matmul GFLOP/s: a step's FLOPs with its time steps stacked, per batch size, and one large
    square matmul."""

    at_step_shapes: dict[int, float]
    large: float


def run_benchmark(*, hidden_size: int = 100, seq_len: int = 25, batch_size: int = 64, steps: int = 50,
                  repeats: int = 5, seed: int = 0) -> tuple[list[Row], MatmulRates]:
    """Table 2: the TensorFlow and Keras rows and the matmul rates, all interleaved in one measurement."""
    H = positive_int("hidden_size", hidden_size)
    T = positive_int("seq_len", seq_len)
    B = positive_int("batch_size", batch_size)
    steps = positive_int("steps", steps)
    repeats = positive_int("repeats", repeats)
    text = load_text("shakespeare")
    vocab = Vocab.from_text(text)
    V = vocab.size
    ids = vocab.encode(text)
    params32 = init_params(V, H, seed=seed, dtype=np.float32)

    params64 = init_params(V, H, seed=seed)
    runs: dict[str, Callable[[int], object]] = {NUMPY_ROW: lambda n: train_numpy(params64, ids, n_steps=n, seq_len=T)}
    chars: dict[str, tuple[str, int]] = {NUMPY_ROW: (NUMPY_ROW, 1)}
    for batch in (1, B):
        for jit in (False, True):
            name = "TF GradientTape, tf.function" + (" + XLA" if jit else "")
            runs[f"{name}|{batch}"] = (lambda n, b=batch, j=jit: train_tf(params32, ids, n_steps=n, seq_len=T,
                                                                         batch_size=b, jit_compile=j))
            chars[f"{name}|{batch}"] = (name, batch)
    runs[f"Keras SimpleRNN, train_on_batch|{B}"] = _keras_runner(ids, V, H, T, B)
    chars[f"Keras SimpleRNN, train_on_batch|{B}"] = ("Keras SimpleRNN, train_on_batch", B)
    # The matmul rows: run(n) does n times the FLOPs of one training step as the step's eight products with the
    # T time steps stacked (B * T rows in place of B: no per-step overhead, no recurrence), or n / 10 products of
    # the large square matmul.
    matmul_flops, calls = {}, {}
    for batch in sorted({1, B}):
        runs[f"matmul|{batch}"], matmul_flops[f"matmul|{batch}"] = _matmul_runner(step_shapes(V, H, batch * T))
        calls[f"matmul|{batch}"] = steps
    run, matmul_flops["matmul|large"] = _matmul_runner([(LARGE_MATMUL,) * 3])
    runs["matmul|large"], calls["matmul|large"] = (lambda n, run=run: run(max(1, n // 10))), max(1, steps // 10)

    seconds, _ = _interleaved(runs, steps, repeats)
    rates = {key: calls[key] * matmul_flops[key] / statistics.median(seconds[key]) / 1e9 for key in matmul_flops}
    rows = []
    for key, (name, batch) in chars.items():
        per_second = steps / statistics.median(seconds[key])
        rows.append(Row(name, batch, per_second * batch * T, per_second * step_matmul_flops(V, H, T, batch) / 1e9))
    return rows, MatmulRates({b: rates[f"matmul|{b}"] for b in sorted({1, B})}, rates["matmul|large"])


def format_comparison(comparisons: Sequence[Comparison]) -> str:
    """Table 1 as text: one line per task, then the lowest reference/bare ratio by CPU time."""
    lines = [f"{'':<12} {'':>3} {'':>4} {'':>3}  {'':<22} {'reference':>10} {'bare loop':>10} "
             f"{'ref/bare':>8} {'ref/bare':>8}",
             f"{'task':<12} {'V':>3} {'H':>4} {'T':>3}  {'update':<22} {'chars/s':>10} {'chars/s':>10} "
             f"{'wall':>8} {'CPU':>8}  same result",
             "-" * 100]
    for c in comparisons:
        lines.append(f"{c.task:<12} {c.vocab_size:>3} {c.hidden_size:>4} {c.seq_len:>3}  {c.update:<22} "
                     f"{c.reference:>10,.0f} {c.bare:>10,.0f} {c.ratio:>8.2f} {c.cpu_ratio:>8.2f}  "
                     f"{'yes' if c.identical else 'NO'}")
    lowest = min(comparisons, key=lambda c: c.cpu_ratio)
    lines.append(f"lowest reference/bare throughput ratio (CPU time): {lowest.cpu_ratio:.2f} ({lowest.task})")
    return "\n".join(lines)


def format_table(rows: Sequence[Row], matmul: MatmulRates) -> str:
    """Table 2 as text, plus the fastest batched TF row against the NumPy row and against the matmul rate."""
    lines = [f"{'variant':<38} {'batch':>5} {'chars/s':>10} {'GFLOP/s':>8} {'of matmul':>9}", "-" * 74]
    for row in rows:
        share = row.gflops / matmul.at_step_shapes[row.batch_size]
        lines.append(f"{row.name:<38} {row.batch_size:>5} {row.chars_per_second:>10,.0f} {row.gflops:>8.2f} "
                     f"{share:>9.1%}")
    for batch, rate in matmul.at_step_shapes.items():
        lines.append(f"{'matmul: a step, time steps stacked':<38} {batch:>5} {'':>10} {rate:>8.2f}")
    lines.append(f"{f'matmul: {LARGE_MATMUL} x {LARGE_MATMUL} x {LARGE_MATMUL}':<38} {'':>5} {'':>10} "
                 f"{matmul.large:>8.2f}")
    batched = max((row for row in rows if row.name.startswith("TF") and row.batch_size > 1),
                  key=lambda row: row.chars_per_second)
    label = f"TF batched ({batched.name.split(', ')[1]}, batch {batched.batch_size})"
    numpy_rate = next(row.chars_per_second for row in rows if row.name == NUMPY_ROW)
    lines.append(f"\n{label} / NumPy batch 1: {batched.chars_per_second / numpy_rate:.1f}x")
    lines.append(f"{label}: {batched.gflops / matmul.at_step_shapes[batched.batch_size]:.1%} of the matmul rate "
                 f"on the same FLOPs, {batched.gflops / matmul.large:.1%} of the {LARGE_MATMUL}^3 matmul rate")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: print both tables. Returns the exit status (0)."""
    parser = argparse.ArgumentParser(prog="python -m tfnotes.bench rnn", description=__doc__.splitlines()[0])
    parser.add_argument("--hidden-size", type=int, default=100, help="H (default 100, as in min-char-rnn)")
    parser.add_argument("--seq-len", type=int, default=25, help="characters per window (default 25)")
    parser.add_argument("--batch-size", type=int, default=64, help="batch of the batched rows (default 64)")
    parser.add_argument("--steps", type=int, default=50, help="training steps per TF/Keras timing (default 50)")
    parser.add_argument("--repeats", type=int, default=5,
                        help="interleaved timings per TF/Keras/matmul row; medians shown (default 5)")
    parser.add_argument("--pairs", type=int, default=101,
                        help="back-to-back timings of the NumPy reference and the bare loop (default 101)")
    parser.add_argument("--pair-steps", type=int, default=10,
                        help="windows per timing of a pair (default 10; 10x that for the tiny 'hello' model)")
    args = parser.parse_args(argv)
    print(f"1. NumPy reference (train_numpy) against a bare loop of the same equations, batch 1, float64, one BLAS "
          f"thread;\n   medians of {args.pairs} back-to-back pairs, warm-up excluded. CPU: this thread's CPU time, "
          f"which other programs on the machine disturb least.")
    comparisons = compare_with_bare(hidden_size=args.hidden_size, seq_len=args.seq_len, steps=args.pair_steps,
                                    pairs=args.pairs)
    print(format_comparison(comparisons))
    print(f"\n2. TensorFlow and Keras, float32, train_tf's defaults (Adam, global-norm clipping), beside NumPy; "
          f"H={args.hidden_size}, seq_len={args.seq_len}; median of {args.repeats} interleaved timings of "
          f"{args.steps} steps.\n"
          f"   GFLOP/s: a step's matmul FLOPs, 2BT(5VH + 3H^2), counted from the shapes, per second.\n"
          f"   of matmul: that rate as a share of the matmul rate measured on the same FLOPs in this run.")
    rows, matmul = run_benchmark(hidden_size=args.hidden_size, seq_len=args.seq_len, batch_size=args.batch_size,
                                 steps=args.steps, repeats=args.repeats)
    print(format_table(rows, matmul))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
