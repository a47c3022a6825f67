"""The k-means experiments that the initialisation, choosing-k, failures and real-data pages report.

Each page's data and settings are defined here once; the figures draw these runs and the value modules
(:mod:`tfnotes.values.kmeans_init` and its siblings) quote them, so a sentence and a figure cannot
disagree. Expensive runs are :func:`~tfnotes._memo.memo`-cached. Scores (ARI, silhouette) are computed
by the callers with :mod:`tfnotes.kmeans.metrics`, which this module does not import, so an edit to the
metrics does not recompute the runs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tfnotes._memo import memo
from tfnotes.data import classic_points, failure_cases, gaussian_blobs, load_faithful, load_penguins, standardize
from tfnotes.kmeans import reference
from tfnotes.kmeans._common import KMeansResult

# ---------------------------------------------------------------- initialisation (six blobs, many seeds)
INIT_CENTERS = ((0, 0), (4, 0), (8, 0), (0, 4), (4, 4), (8, 4))  # two rows of three
INIT_STD = 0.6
INIT_SIZE = 80  # points per blob
INIT_DATA_SEED = 1
INIT_SEEDS = tuple(range(60))  # one run per seed and method
INIT_METHODS = ("random", "k-means++")
LOCAL_OPTIMA_PANELS = 4  # runs shown side by side in the kmeans-local-optima figure
BEST_TOL = 0.01  # a run "reaches the best" if its inertia is within 1 % of the lowest seen
CLASSIC_K = 4  # the 2016 tutorials' data and k, for the iteration comparison
CLASSIC_SEEDS = tuple(range(20))


def init_blobs() -> tuple[np.ndarray, np.ndarray]:
    """Six well-separated blobs in two rows: easy for the global optimum, easy to get wrong locally.

    Returns (x, true blob of every point)."""
    return gaussian_blobs(INIT_CENTERS, [INIT_STD] * len(INIT_CENTERS), [INIT_SIZE] * len(INIT_CENTERS),
                          seed=INIT_DATA_SEED)


@memo
def init_runs(init: str) -> list[KMeansResult]:
    """One Lloyd run (``n_init=1``) per seed in :data:`INIT_SEEDS`, k = number of blobs."""
    x, _ = init_blobs()
    return [reference.kmeans(x, len(INIT_CENTERS), init=init, seed=s, history=True) for s in INIT_SEEDS]


def start_blobs(result: KMeansResult) -> np.ndarray:
    """The blob that each starting centroid of ``result`` came from (both inits start from data points)."""
    x, blob = init_blobs()
    start = result.history.centroids[0]
    return blob[np.argmin(np.sum((start[:, None, :] - x[None]) ** 2, axis=2), axis=1)]


@dataclass(frozen=True)
class InitSummary:
    """What the runs of one initialisation method did (counts over :data:`INIT_SEEDS`)."""

    runs: int
    best: float  # lowest inertia seen over both methods
    reached_best: int  # runs within BEST_TOL of ``best``
    poor: int  # the others
    one_per_blob: int  # starts with exactly one centroid in every blob
    repaired: int  # starts without one per blob that still reached the best
    one_per_blob_poor: int  # starts with one per blob that did not reach the best
    worst_poor_floor: float  # the lowest inertia among the poor runs
    median_iter: float


def init_summary(init: str) -> InitSummary:
    """Counts for the figure and the page: how many starts put one seed per blob, how many runs reach the best."""
    if init not in INIT_METHODS:
        raise ValueError(f"init must be one of {INIT_METHODS}, got {init!r}")
    results = init_runs(init)
    best = min(r.inertia for rs in map(init_runs, INIT_METHODS) for r in rs)
    good = np.array([r.inertia <= best * (1 + BEST_TOL) for r in results])
    one = np.array([len(set(start_blobs(r).tolist())) == len(INIT_CENTERS) for r in results])
    poor_inertia = [r.inertia for r, g in zip(results, good) if not g]
    return InitSummary(
        runs=len(results), best=best, reached_best=int(good.sum()), poor=int((~good).sum()),
        one_per_blob=int(one.sum()), repaired=int((good & ~one).sum()), one_per_blob_poor=int((one & ~good).sum()),
        worst_poor_floor=min(poor_inertia) if poor_inertia else float("nan"),
        median_iter=float(np.median([r.n_iter for r in results])))


@memo
def classic_iterations(init: str) -> list[int]:
    """Iterations to converge on the 2016 tutorials' data (k = 4), one run per seed in :data:`CLASSIC_SEEDS`."""
    x = classic_points()
    return [reference.kmeans(x, CLASSIC_K, init=init, seed=s).n_iter for s in CLASSIC_SEEDS]


# ---------------------------------------------------------------- choosing k (four blobs, k = 1..10)
CHOOSE_CENTERS = ((0, 0), (5, 0), (0, 5), (5.5, 5.5))
CHOOSE_STDS = (0.9, 1.1, 0.8, 1.0)
CHOOSE_SIZE = 150
CHOOSE_DATA_SEED = 2
CHOOSE_KS = tuple(range(1, 11))
CHOOSE_N_INIT = 5  # restarts per k for the elbow curve
RISE_SEEDS = tuple(range(200))  # where to look for a single-start curve that rises


def choose_blobs() -> np.ndarray:
    """Four blobs of different spread: a clear but not perfect answer."""
    return gaussian_blobs(CHOOSE_CENTERS, CHOOSE_STDS, [CHOOSE_SIZE] * len(CHOOSE_CENTERS), seed=CHOOSE_DATA_SEED)[0]


@memo
def elbow_fits() -> dict[int, KMeansResult]:
    """The best of :data:`CHOOSE_N_INIT` runs for every k in :data:`CHOOSE_KS` (the elbow and silhouette figures)."""
    x = choose_blobs()
    return {k: reference.kmeans(x, k, n_init=CHOOSE_N_INIT, seed=0) for k in CHOOSE_KS}


def elbow_k(inertia: dict[int, float]) -> int:
    """The k where the curve bends most: the largest ratio of the drop before k to the drop after it."""
    ks = sorted(inertia)
    ratios = {k: (inertia[a] - inertia[k]) / max(inertia[k] - inertia[b], 1e-300)
              for a, k, b in zip(ks, ks[1:], ks[2:])}
    return max(ratios, key=ratios.get)


@memo
def elbow_rise() -> dict:
    """The first seed whose single-start (``init="random"``, ``n_init=1``) curve rises from some k to k + 1."""
    x = choose_blobs()
    for seed in RISE_SEEDS:
        curve = [reference.kmeans(x, k, init="random", n_init=1, seed=seed).inertia for k in CHOOSE_KS]
        for k, (a, b) in zip(CHOOSE_KS, zip(curve, curve[1:])):
            if b > a:
                return {"seed": seed, "k": k, "inertia_k": a, "inertia_next": b, "curve": curve}
    raise RuntimeError(f"no rising single-start curve among seeds {RISE_SEEDS[0]}..{RISE_SEEDS[-1]}")


UNIFORM_N = 600
UNIFORM_SEED = 0


def uniform_points() -> np.ndarray:
    """Structureless data: points drawn uniformly from the unit square."""
    return np.random.default_rng(UNIFORM_SEED).uniform(0.0, 1.0, (UNIFORM_N, 2))


@memo
def uniform_fits() -> dict[int, KMeansResult]:
    """k-means (same settings as :func:`elbow_fits`) on :func:`uniform_points`, k >= 2."""
    x = uniform_points()
    return {k: reference.kmeans(x, k, n_init=CHOOSE_N_INIT, seed=0) for k in CHOOSE_KS if k >= 2}


# ---------------------------------------------------------------- failure cases
FAIL_N_INIT = 10
FAIL_SEED = 0


@memo
def failure_fits() -> dict[str, tuple[np.ndarray, np.ndarray, int, KMeansResult]]:
    """name -> (x, true labels, k, k-means result) for every case of :func:`tfnotes.data.failure_cases`."""
    return {name: (x, truth, k, reference.kmeans(x, k, n_init=FAIL_N_INIT, seed=FAIL_SEED))
            for name, (x, truth, k) in failure_cases(seed=FAIL_SEED).items()}


def true_centroids(x: np.ndarray, truth: np.ndarray) -> np.ndarray:
    return np.array([x[truth == j].mean(axis=0) for j in np.unique(truth)])


def partition_inertia(x: np.ndarray, labels: np.ndarray) -> float:
    """Inertia of a given partition, each group around its own mean."""
    return float(sum(np.sum((x[labels == j] - x[labels == j].mean(axis=0)) ** 2) for j in np.unique(labels)))


@memo
def uneven_variants() -> dict:
    """The uneven-sizes case three ways: Lloyd started at the true centroids, and the same sizes and centres
    with the wide blob made as tight as the small ones (well-separated uneven clusters)."""
    x, truth, k, _ = failure_fits()["uneven_sizes"]
    from_truth = reference.kmeans(x, k, init=true_centroids(x, truth))
    xt, tt = tight_uneven()
    return {"from_truth": from_truth, "tight": (xt, tt, reference.kmeans(xt, k, n_init=FAIL_N_INIT, seed=FAIL_SEED))}


UNEVEN_CENTERS = ((0, 0), (4.5, 0), (0, 4.5))  # as in failure_cases
UNEVEN_SIZES = (600, 20, 20)
UNEVEN_SMALL_STD = 0.3


def tight_uneven() -> tuple[np.ndarray, np.ndarray]:
    """Same centres and sizes as the uneven-sizes case, but every blob as tight as the small ones."""
    return gaussian_blobs(UNEVEN_CENTERS, [UNEVEN_SMALL_STD] * 3, UNEVEN_SIZES, seed=FAIL_SEED)


# ---------------------------------------------------------------- real data
PENGUIN_K = 3
PENGUIN_PLANE = (0, 2)  # columns drawn in the figure: bill length, flipper length
FAITHFUL_K = 2
REAL_N_INIT = 10


@memo
def penguin_fits() -> tuple[KMeansResult, KMeansResult]:
    """k-means on the four penguin measurements: (unscaled, standardised)."""
    x = load_penguins().x
    return (reference.kmeans(x, PENGUIN_K, n_init=REAL_N_INIT, seed=0),
            reference.kmeans(standardize(x)[0], PENGUIN_K, n_init=REAL_N_INIT, seed=0))


@memo
def penguin_kilogram_fit() -> KMeansResult:
    """The unscaled fit again with body mass in kilograms instead of grams: a unit is a choice."""
    data = load_penguins()
    x = data.x.copy()
    x[:, data.feature_names.index("body_mass_g")] /= 1000
    return reference.kmeans(x, PENGUIN_K, n_init=REAL_N_INIT, seed=0)


@memo
def faithful_fits() -> tuple[KMeansResult, KMeansResult]:
    """k-means on Old Faithful (eruption, waiting): (unscaled, standardised)."""
    x = load_faithful().x
    return (reference.kmeans(x, FAITHFUL_K, n_init=REAL_N_INIT, seed=0),
            reference.kmeans(standardize(x)[0], FAITHFUL_K, n_init=REAL_N_INIT, seed=0))
