"""What the TensorFlow and NumPy k-means share: argument checks, initialisation, restarts, results.

Both implementations call :func:`prepare` and :func:`best_of`, so they accept exactly the same
arguments, fail on exactly the same bad input and, from the same ``seed``, start from exactly the
same centroids. Only the Lloyd loop itself differs between them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Callable

import numpy as np

from tfnotes import _checks

INIT_METHODS = ("k-means++", "random")


@dataclass(frozen=True)
class KMeansHistory:
    """Per-iteration record of one Lloyd run (the figures draw from it).

    ``centroids[i]`` are the centroids at the start of iteration ``i``; the last entry is the
    final result, so ``centroids`` has ``n_iter + 1`` entries. ``inertia[i]`` is the objective
    after the assignment step of iteration ``i`` (points assigned to ``centroids[i]``).
    """

    centroids: np.ndarray  # (n_iter + 1, k, d)
    inertia: np.ndarray  # (n_iter,)


@dataclass(frozen=True)
class KMeansResult:
    """The outcome of :func:`kmeans`: the best of ``n_init`` runs (``history`` only if asked for)."""

    centroids: np.ndarray  # (k, d)
    labels: np.ndarray  # (n,) int64 in [0, k)
    inertia: float  # within-cluster sum of squared distances
    n_iter: int  # Lloyd iterations of the returned run
    converged: bool  # stopped by tol/unchanged labels rather than by max_iter
    history: KMeansHistory | None = field(default=None, repr=False)  # None unless kmeans(..., history=True)


@dataclass(frozen=True)
class Spec:
    """Checked arguments of one :func:`kmeans` call."""

    x: np.ndarray
    k: int
    inits: list[np.ndarray]  # one (k, d) start per restart
    max_iter: int
    tol: float  # absolute: the user's tol times the mean per-feature variance (as scikit-learn)
    history: bool = False  # keep the per-iteration history in the result


def prepare(x: Any, k: Any, init: Any, n_init: Any, max_iter: Any, tol: Any, seed: Any,
            history: Any = False) -> Spec:
    """Check every argument and draw the starting centroids of each restart."""
    x = _checks.as_float_matrix("x", x)
    k = _checks.positive_int("k", k)
    n, d = x.shape
    if k > n:
        raise ValueError(f"k must be <= the number of samples in x, got k={k} for {n} samples")
    n_init = _checks.positive_int("n_init", n_init)
    max_iter = _checks.positive_int("max_iter", max_iter)
    tol = _checks.non_negative_float("tol", tol)
    seed = _checks.seed_value("seed", seed)
    if not isinstance(history, (bool, np.bool_)):
        raise TypeError(f"history must be True or False, got {type(history).__name__} {history!r}")

    if isinstance(init, str):
        if init not in INIT_METHODS:
            raise ValueError(f"init must be one of {INIT_METHODS} or a (k, d) array, got {init!r}")
        rng = np.random.default_rng(seed)
        draw = kmeans_plus_plus if init == "k-means++" else random_init
        inits = [draw(x, k, rng) for _ in range(n_init)]
    else:
        start = _checks.as_float_matrix("init", init, dtype=x.dtype)
        if start.shape != (k, d):
            raise ValueError(f"init must have shape (k, d) = ({k}, {d}), got {start.shape}")
        if n_init != 1:
            raise ValueError(f"n_init must be 1 when init is an explicit array (got {n_init}): "
                             "every restart would start from the same centroids")
        inits = [start]
    if tol > 0:  # tol=0 needs no variance (two passes over the data saved)
        tol *= float(np.mean(np.var(x, axis=0)))
    return Spec(x=x, k=k, inits=inits, max_iter=max_iter, tol=tol, history=bool(history))


def best_of(spec: Spec, run_once: Callable[[np.ndarray, np.ndarray, int, float], KMeansResult]) -> KMeansResult:
    """Run Lloyd from every start and keep the run with the lowest inertia (first one on ties).

    The history is dropped from the result unless ``spec.history`` asked for it.
    """
    best = None
    for start in spec.inits:
        result = run_once(spec.x, start, spec.max_iter, spec.tol)
        if best is None or result.inertia < best.inertia:
            best = result
    assert best is not None
    return best if spec.history else replace(best, history=None)


# --8<-- [start:random_init]
def random_init(x: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """Forgy initialisation: k distinct data points chosen uniformly at random."""
    return x[rng.choice(len(x), size=k, replace=False)].copy()
# --8<-- [end:random_init]


# --8<-- [start:kmeans_plus_plus]
def kmeans_plus_plus(x: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """k-means++ (D² seeding): each new centroid is a data point drawn with probability
    proportional to its squared distance to the nearest centroid chosen so far."""
    centroids = [x[rng.integers(len(x))]]
    d2 = np.sum((x - centroids[0]) ** 2, axis=1)  # (n,) squared distance to nearest centroid
    for _ in range(1, k):
        total = d2.sum()
        if total > 0:
            i = rng.choice(len(x), p=d2 / total)
        else:  # every point already coincides with a centroid: any point will do
            i = rng.integers(len(x))
        centroids.append(x[i])
        d2 = np.minimum(d2, np.sum((x - x[i]) ** 2, axis=1))
    return np.array(centroids)
# --8<-- [end:kmeans_plus_plus]
