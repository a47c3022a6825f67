"""Compare the hand-written BPTT gradients with finite differences and with TensorFlow's GradientTape.

Run from the repository root: python snippets/bptt_gradcheck.py
"""

import numpy as np

from tfnotes.rnn.gradcheck import check_finite_differences, check_gradient_tape
from tfnotes.rnn.params import init_params

V, H, T = 6, 5, 8                                # vocabulary, hidden units, time steps
rng = np.random.default_rng(0)
params = init_params(V, H, seed=0, scale=0.5)     # float64; weights large enough that every gradient matters
inputs, targets = rng.integers(0, V, size=T), rng.integers(0, V, size=T)
h0 = rng.normal(scale=0.5, size=H)                # a non-zero starting state, as in truncated BPTT

finite = check_finite_differences(params, inputs, targets, h0)
tape = check_gradient_tape(params, inputs, targets, h0)

print("relative error of the hand-written gradient (float64)")
print(f"{'parameter':<10} {'vs finite differences':>22} {'vs GradientTape':>16}")
for key in finite:
    print(f"{key:<10} {finite[key]:>22.1e} {tape[key]:>16.1e}")
print(f"largest vs finite differences: {max(finite.values()):.1e}")
print(f"largest vs GradientTape: {max(tape[key] for key in finite):.1e}")
