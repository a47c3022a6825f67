"""Numbers quoted on the failures page (docs/kmeans/failures.*.md) and its figure texts."""

from __future__ import annotations

import numpy as np

from tfnotes.kmeans.metrics import adjusted_rand_index, contingency
from tfnotes.runs import kmeans as runs
from tfnotes.values import value


def upper_pair(x: np.ndarray, truth: np.ndarray) -> tuple[int, int]:
    """The two true groups of the anisotropic case whose centres lie highest (largest mean y)."""
    centres = runs.true_centroids(x, truth)
    a, b = np.argsort(-centres[:, 1])[:2]
    return int(a), int(b)


@value("kmeans-failures")
def failure_numbers() -> dict:
    """Settings, ARI per case and the facts the page states about each case."""
    fits = runs.failure_fits()
    out: dict = {"n_init": runs.FAIL_N_INIT, "cases": len(fits)}
    for name, (x, truth, k, result) in fits.items():
        out[f"{name}_ari"] = adjusted_rand_index(truth, result.labels)
        out[f"{name}_k"] = k
        out[f"{name}_groups"] = len(np.unique(truth))

    # anisotropic: the upper two ellipses get mixed (ARI of k-means restricted to their points)
    x, truth, _, result = fits["anisotropic"]
    pair = np.isin(truth, upper_pair(x, truth))
    out["anisotropic_upper_ari"] = adjusted_rand_index(truth[pair], result.labels[pair])

    # unequal variance: share of the wide blob's points that k-means gives to the tight neighbours' clusters
    x, truth, _, result = fits["unequal_variance"]
    table = contingency(truth, result.labels)  # rows: true groups 0 (tight), 1 (wide), 2 (tight)
    wide = int(np.argmax([x[truth == j].std(axis=0).mean() for j in range(len(table))]))
    own = int(np.argmax(table[wide]))  # the wide blob's own cluster: where most of its points go
    tight_clusters = [int(np.argmax(table[j])) for j in range(len(table)) if j != wide]
    out["unequal_wide_lost_share"] = float(table[wide, tight_clusters].sum() / table[wide].sum())
    out["unequal_wide_kept_share"] = float(table[wide, own] / table[wide].sum())

    # uneven sizes: sizes, the inertia of the truth against k-means', Lloyd from the true centroids,
    # and the same sizes with every blob tight (well separated): fine
    x, truth, k, result = fits["uneven_sizes"]
    sizes = np.bincount(truth)
    out.update({"uneven_big": int(sizes.max()), "uneven_small": int(sizes.min()),
                "uneven_small_count": int(np.sum(sizes < sizes.max())),
                "uneven_true_inertia": runs.partition_inertia(x, truth), "uneven_kmeans_inertia": result.inertia})
    variants = runs.uneven_variants()
    out["uneven_from_truth_ari"] = adjusted_rand_index(truth, variants["from_truth"].labels)
    out["uneven_from_truth_inertia"] = variants["from_truth"].inertia
    xt, tt, rt = variants["tight"]
    out["uneven_tight_ari"] = adjusted_rand_index(tt, rt.labels)
    out["uneven_small_std"] = runs.UNEVEN_SMALL_STD
    return out
