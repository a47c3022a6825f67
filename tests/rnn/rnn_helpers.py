"""Helpers shared by the RNN tests (a plain module: test files import it by name)."""

from __future__ import annotations

import numpy as np

from tfnotes.rnn.params import init_params


def random_problem(V: int, H: int, T: int, seed: int, *, scale: float = 0.5, dtype=np.float64):
    """Parameters with non-zero biases, an id sequence, targets and a non-zero h0, all from ``seed``."""
    rng = np.random.default_rng(seed)
    params = init_params(V, H, seed=seed, scale=scale, dtype=dtype)
    params["b_h"] = rng.normal(scale=0.3, size=H).astype(dtype)
    params["b_y"] = rng.normal(scale=0.3, size=V).astype(dtype)
    inputs = rng.integers(0, V, size=T)
    targets = rng.integers(0, V, size=T)
    h0 = rng.normal(scale=0.5, size=H).astype(dtype)
    return params, inputs, targets, h0
