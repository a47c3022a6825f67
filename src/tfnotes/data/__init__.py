"""Data for the pages: the shipped real data sets and seeded synthetic generators.

Real data (see PROVENANCE.md beside this file): Palmer penguins (CC0) and Old Faithful (R datasets).
Everything here is NumPy only and deterministic for a given ``seed``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources
from typing import Any, Sequence

import numpy as np

from tfnotes import _checks


@dataclass(frozen=True)
class Dataset:
    """A feature matrix with names, and optional reference labels (never used for fitting)."""

    x: np.ndarray  # (n, d) float64
    feature_names: tuple[str, ...]
    target: np.ndarray | None = None  # (n,) str, e.g. the species
    units: tuple[str, ...] = ()


def _read_csv(name: str) -> list[dict[str, str]]:
    with resources.files(__package__).joinpath(name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# --8<-- [start:penguins]
PENGUIN_FEATURES = ("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g")


def load_penguins() -> Dataset:
    """Palmer penguins: 4 body measurements of 342 penguins (the 2 rows without measurements dropped)."""
    rows = [r for r in _read_csv("penguins.csv") if all(r[f] != "NA" for f in PENGUIN_FEATURES)]
    x = np.array([[float(r[f]) for f in PENGUIN_FEATURES] for r in rows])
    species = np.array([r["species"] for r in rows])
    return Dataset(x, PENGUIN_FEATURES, species, units=("mm", "mm", "mm", "g"))
# --8<-- [end:penguins]


def load_faithful() -> Dataset:
    """Old Faithful geyser: eruption length (minutes) and waiting time to the next eruption (minutes)."""
    rows = _read_csv("faithful.csv")
    x = np.array([[float(r["eruptions"]), float(r["waiting"])] for r in rows])
    return Dataset(x, ("eruptions", "waiting"), units=("min", "min"))


# --8<-- [start:standardize]
def standardize(x: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Z-scores: every column shifted to mean 0 and scaled to standard deviation 1.

    Returns (z, mean, std) so that ``x = z * std + mean``.
    """
    x = _checks.as_float_matrix("x", x)
    mean, std = x.mean(axis=0), x.std(axis=0)
    if np.any(std == 0):
        cols = np.flatnonzero(std == 0).tolist()
        raise ValueError(f"x has constant column(s) {cols}: standard deviation 0 cannot be scaled")
    return (x - mean) / std, mean, std
# --8<-- [end:standardize]


# --8<-- [start:classic]
CLASSIC_WIDE = ((0.0, 0.0), 0.9)  # centre and standard deviation of the wide blob
CLASSIC_TIGHT = ((3.0, 1.0), 0.5)  # ... and of the tight blob
CLASSIC_P_WIDE = 0.5  # the chance that a point comes from the wide blob


def classic_points(n: int = 2000, *, seed: int = 0, with_blob: bool = False):
    """The data set of the 2016 TensorFlow k-means tutorials: n points in the plane, each drawn from
    the wide blob with probability CLASSIC_P_WIDE and otherwise from the tight one.

    Returns x (n, 2); with ``with_blob=True`` also which blob each point came from (0 wide, 1 tight).
    """
    n = _checks.positive_int("n", n)
    rng = np.random.default_rng(_checks.seed_value("seed", seed))
    wide = rng.random(n) > 1 - CLASSIC_P_WIDE  # True with probability CLASSIC_P_WIDE
    (c_wide, sd_wide), (c_tight, sd_tight) = CLASSIC_WIDE, CLASSIC_TIGHT
    x = np.where(wide[:, None], rng.normal(c_wide, sd_wide, (n, 2)), rng.normal(c_tight, sd_tight, (n, 2)))
    return (x, np.where(wide, 0, 1)) if with_blob else x
# --8<-- [end:classic]


def gaussian_blobs(centers: Sequence[Sequence[float]], stds: Sequence[float], sizes: Sequence[int], *,
                   seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Isotropic Gaussian blobs: ``sizes[i]`` points around ``centers[i]`` with std ``stds[i]``.

    Returns (x (n, d), true labels (n,)).
    """
    centers = _checks.as_float_matrix("centers", centers)
    if not len(centers) == len(stds) == len(sizes):
        raise ValueError(f"centers, stds and sizes must have the same length, got "
                         f"{len(centers)}, {len(stds)} and {len(sizes)}")
    sizes = [_checks.positive_int("sizes[i]", s) for s in sizes]
    stds = [_checks.positive_float("stds[i]", s) for s in stds]
    rng = np.random.default_rng(_checks.seed_value("seed", seed))
    x = np.concatenate([rng.normal(c, s, (m, centers.shape[1])) for c, s, m in zip(centers, stds, sizes)])
    y = np.repeat(np.arange(len(sizes)), sizes)
    return x, y


def failure_cases(seed: int = 0) -> dict[str, tuple[np.ndarray, np.ndarray, int]]:
    """Four data sets on which k-means misleads: name -> (x, true labels, k to ask for)."""
    x, y = gaussian_blobs([(0, 0), (3, 3), (6, 0)], [1, 1, 1], [200, 200, 200], seed=seed)
    shear = np.array([[0.6, -0.64], [-0.41, 0.85]])  # stretches the blobs into parallel ellipses
    anisotropic = (x @ shear, y, 3)
    unequal_variance = (*gaussian_blobs([(0, 0), (4, 0), (8, 0)], [0.5, 2.5, 0.5], [200, 200, 200], seed=seed), 3)
    uneven_sizes = (*gaussian_blobs([(0, 0), (4.5, 0), (0, 4.5)], [1.5, 0.3, 0.3], [600, 20, 20], seed=seed), 3)
    wrong_k = (x, y, 2)
    return {"anisotropic": anisotropic, "unequal_variance": unequal_variance,
            "uneven_sizes": uneven_sizes, "wrong_k": wrong_k}
