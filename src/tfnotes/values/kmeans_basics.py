"""Numbers quoted by the home page, the chapter opener, the Lloyd page and the TensorFlow page.

Settings are read from the code that uses them (the data generator, the shared run settings, the defaults of
``kmeans``), results from the runs the figures draw, so a sentence cannot disagree with the figure next to it.
"""

from __future__ import annotations

import inspect
import math
import tomllib
from pathlib import Path

import numpy as np

from tfnotes.data import CLASSIC_P_WIDE, CLASSIC_TIGHT, CLASSIC_WIDE
from tfnotes.kmeans import reference
from tfnotes.runs import kmeans_basics as runs
from tfnotes.runs import kmeans_classic
from tfnotes.runs import kmeans_tutorial as tutorial
from tfnotes.values import value

ROOT = Path(__file__).resolve().parents[3]


@value("home")
def home() -> dict:
    """What the home page says about running the site: the oldest Python the package supports."""
    spec = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    if not spec.startswith(">="):
        raise ValueError(f"requires-python must be a lower bound '>=X.Y', got {spec!r}")
    return {"python": spec[2:]}


def _search_digits(n: int, k: int) -> int:
    """Decimal digits of k^n / k!, the rough number of ways to split n points into k non-empty groups."""
    return math.floor(n * math.log10(k) - math.log10(math.factorial(k))) + 1


@value("kmeans-classic")
def classic() -> dict:
    """The tutorial data, the quickstart call and what it found (the figure kmeans-classic draws the same run)."""
    x, blob = tutorial.classic_data(with_blob=True)
    result = kmeans_classic.classic_result()
    n, d = x.shape
    k = tutorial.CLASSIC_CALL["k"]
    # Which clusters hold the points of each blob: the tight blob (nearly) whole in one, the wide one cut into the rest.
    table = np.zeros((2, k), dtype=int)
    np.add.at(table, (blob, result.labels), 1)
    tight_cluster = int(np.argmax(table[1]))
    wide_pieces = int(np.sum(table[0] > 0.05 * table[0].sum()))  # clusters holding a real share of the wide blob
    (wx, wy), wsd = CLASSIC_WIDE
    (tx, ty), tsd = CLASSIC_TIGHT
    return {
        "n": n, "d": d, "k": k, "n_init": tutorial.CLASSIC_CALL["n_init"], "seed": tutorial.CLASSIC_CALL["seed"],
        "data_seed": tutorial.CLASSIC_DATA["seed"], "p_wide": CLASSIC_P_WIDE,
        "wide_x": wx, "wide_y": wy, "wide_sd": wsd, "tight_x": tx, "tight_y": ty, "tight_sd": tsd,
        "blobs": int(len(np.unique(blob))),
        "broadcast_numbers": k * n * d,  # size of the (k, n, d) difference tensor
        "search_digits": _search_digits(n, k),
        "tight_share": float(table[1, tight_cluster] / table[1].sum()),  # of the tight blob in its cluster
        "tight_purity": float(table[1, tight_cluster] / table[:, tight_cluster].sum()),  # that cluster's tight share
        "wide_pieces": wide_pieces,
        "iterations": result.n_iter,
    }


@value("kmeans-memory")
def memory() -> dict:
    """The sizes the TensorFlow page reasons with: a large broadcast tensor and float32 spacing far from 0."""
    big_n, big_d, big_k = 10**6, 100, 100
    numbers = big_n * big_d * big_k
    offset, spread = 1e4, 1.0
    # Each term of ‖x‖² − 2x·c + ‖c‖² lies between offset² (one coordinate squared) and 4·offset² (the cross term).
    lo, hi = offset**2, 4 * offset**2
    return {
        "big_n": big_n, "big_d": big_d, "big_k": big_k, "numbers": numbers,
        "gb": numbers * np.dtype(np.float32).itemsize / 1e9,
        "offset": offset, "spread": spread, "term": lo,
        "spacing_lo": float(np.spacing(np.float32(lo))), "spacing_hi": float(np.spacing(np.float32(hi))),
    }


@value("kmeans-steps")
def steps() -> dict:
    """The Lloyd-steps run: three blobs from a poor start (figures kmeans-steps and kmeans-inertia)."""
    x, blob, start = runs.steps_data()
    result = runs.steps_run()
    inertia = result.history.inertia
    start_blobs = {int(blob[i]) for i in runs.STEPS_START}
    centres = np.array([x[blob == b].mean(axis=0) for b in range(blob.max() + 1)])
    nearest_blob = np.argmin(((result.centroids[:, None, :] - centres[None]) ** 2).sum(axis=2), axis=1)
    moves = np.sum((np.diff(result.history.centroids, axis=0)) ** 2, axis=(1, 2))  # squared shift per update
    return {
        "blobs": int(len(centres)), "k": len(start), "points": len(x),
        "n_iter": result.n_iter,
        "start_one_blob": len(start_blobs) == 1,
        "blob_each": bool(len(set(nearest_blob.tolist())) == len(centres)),  # every centroid found its own blob
        "never_increases": bool(np.all(np.diff(inertia) <= 1e-9 * inertia[0])),
        # J strictly falls after every update that moved a centroid (the termination argument)
        "strict_when_moved": bool(np.all(np.diff(inertia)[moves[:-1] > 0] < 0)),
        "first_drop_share": float((inertia[0] - inertia[1]) / (inertia[0] - inertia[-1])),
        "inertia_first": float(inertia[0]), "inertia_last": float(inertia[-1]),
        "tol": float(inspect.signature(reference.kmeans).parameters["tol"].default),
    }
