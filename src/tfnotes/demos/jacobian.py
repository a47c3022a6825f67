"""The BPTT explorer: what the browser needs to recompute ``‖∂h_T/∂h_{T-k}‖`` like :mod:`tfnotes.rnn.experiments`.

:func:`tfnotes.rnn.experiments.gradient_norms` builds, for one seed, one random normal matrix ``W``
(:func:`~tfnotes.rnn.experiments.recurrent_matrix` rescales it to each spectral radius: ``W * (radius / m)`` with
``m`` its largest ``|eigenvalue|``), input weights ``scale * Z`` (:func:`~tfnotes.rnn.params.init_params`, ``Z``
standard normal) and a random id sequence. The browser cannot draw NumPy's random streams, so this module exports
the unit-scale pieces, ``W``, ``m`` and the ids, and the script (``docs/assets/javascripts/demos/jacobian.js``)
rescales them with the same floating-point operations as the package, then runs the forward pass and the product
of Jacobians of :func:`~tfnotes.rnn.experiments.jacobian_norms`.

``init_params`` draws ``W_xh`` first from the same seeded stream as ``recurrent_matrix``'s ``W``, and
``H * V <= H * H``, so ``Z`` is the first ``H * V`` entries of ``W`` (row-major): only ``W`` is exported. The export
checks this and every rescaling against the package, bit for bit, and fails with the reason if one differs.

``W`` is 10,000 doubles at the page's size (``H = 100``); as decimal text they alone would take ~92 KB gzip of the
demo's 100 KB budget, so they travel as the base64 of their little-endian float64 bytes (~80 KB gzip), which is
also bit-exact.
"""

from __future__ import annotations

import base64
import inspect

import numpy as np

from tfnotes.rnn.experiments import recurrent_matrix
from tfnotes.rnn.params import init_params
from tfnotes.rnn.train import train_numpy
from tfnotes.runs import rnn as runs


# The controls: spectral radius (a range input), input-weight scales (a select; the page's two are among them),
# the steps back shown (the page's experiment) and the truncation length's initial value (the trainers' default
# window, seq_len).
RADIUS = {"min": 0.5, "max": 2.0, "step": 0.05, "value": 1.0}
EXTRA_SCALES = (0.1, 0.3)


def _default(fn, name: str):
    return inspect.signature(fn).parameters[name].default


def export() -> dict:
    H, V, K = (runs.NORMS[key] for key in ("hidden_size", "vocab_size", "steps_back"))
    seed = runs.SEED
    W = np.random.default_rng(seed).standard_normal((H, H))        # recurrent_matrix's draw before rescaling
    m = float(np.max(np.abs(np.linalg.eigvals(W))))
    for radius in runs.NORMS["radii"] + (RADIUS["min"], RADIUS["max"]):
        if not np.array_equal(recurrent_matrix(H, radius, seed=seed), W * (radius / m)):
            raise ValueError(f"recurrent_matrix(radius={radius}) is not W * (radius / m) bit for bit")
    Z = W.ravel()[: H * V].reshape(H, V)
    scales = tuple(sorted(set(runs.NORMS["input_scales"]) | set(EXTRA_SCALES)))
    for scale in scales:
        if not np.array_equal(init_params(V, H, seed=seed, scale=scale)["W_xh"], scale * Z):
            raise ValueError(f"init_params(scale={scale})['W_xh'] is not scale times the first H*V entries of W")
    inputs = np.random.default_rng(seed).integers(0, V, size=K)    # gradient_norms's id sequence
    return {
        "hidden_size": H,
        "vocab_size": V,
        "seed": seed,
        "steps": K,
        "W_unit": base64.b64encode(W.astype("<f8").tobytes()).decode("ascii"),
        "W_unit_radius": m,
        "inputs": inputs,
        "radius": RADIUS,
        "radii": runs.NORMS["radii"],
        "input_scales": scales,
        "input_scale": runs.NORMS["input_scales"][0],
        "truncation": min(_default(train_numpy, "seq_len"), K),
        "fit_from": runs.NORMS["fit_from"],
    }
