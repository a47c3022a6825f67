"""Data of the k-means stepper on the Lloyd page (``docs/assets/javascripts/demos/kmeans.js``).

Three data sets, each the very array a page draws: the blobs of the Lloyd page's step figure (with that figure's
poor start), the 2016 tutorial data of the quickstart, and the uneven-sizes case of the failures page (a wide,
populous blob beside two small, tight ones: Lloyd's steps swallow the small blobs even when started at the true
centroids). For each: the points as ``[x, y]`` pairs, the k the page uses, and axis ranges that fit the points.
The names shown in the menu are UI text (``kmeans.toml``, keys ``data_<name>``), not data.
The points are not rounded: the browser starts from the same doubles as NumPy, so the tests can compare the
browser's steps with :mod:`tfnotes.kmeans.reference` exactly.
"""

from __future__ import annotations

import inspect

import numpy as np

from tfnotes.data import failure_cases
from tfnotes.kmeans import reference
from tfnotes.runs import kmeans_basics, kmeans_tutorial
from tfnotes.runs.kmeans import FAIL_SEED

FAILURE_CASE = "uneven_sizes"  # the failures page's case whose drift a stepper shows best
MARGIN = 0.05  # axis ranges: the points' range widened by this share on each side


def axis_range(values: np.ndarray) -> list[float]:
    lo, hi = float(values.min()), float(values.max())
    pad = MARGIN * (hi - lo)
    return [lo - pad, hi + pad]


def dataset(x: np.ndarray, k: int, start: np.ndarray | None = None) -> dict:
    out = {"points": x, "k": int(k), "x_range": axis_range(x[:, 0]), "y_range": axis_range(x[:, 1])}
    if start is not None:
        out["start"] = start  # the page figure's starting centroids
    return out


def export() -> dict:
    steps_x, _, steps_start = kmeans_basics.steps_data()
    uneven_x, _, uneven_k = failure_cases(seed=FAIL_SEED)[FAILURE_CASE]
    return {
        "datasets": {
            "blobs": dataset(steps_x, len(steps_start), steps_start),
            "classic": dataset(kmeans_tutorial.classic_data(), kmeans_tutorial.CLASSIC_CALL["k"]),
            FAILURE_CASE: dataset(uneven_x, uneven_k),
        },
        "order": ["blobs", "classic", FAILURE_CASE],  # the menu's order; the first is shown on load
        "max_iter": inspect.signature(reference.kmeans).parameters["max_iter"].default,  # Run's limit, as the package
    }
