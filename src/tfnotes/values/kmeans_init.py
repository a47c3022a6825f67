"""Numbers quoted on the initialisation page (docs/kmeans/initialization.*.md) and its figure texts."""

from __future__ import annotations

import math

import numpy as np

from tfnotes.runs import kmeans as runs
from tfnotes.values import value


@value("kmeans-init")
def init_numbers() -> dict:
    """The six-blob experiment: settings, how the starts fell and how the runs ended, per method."""
    k = len(runs.INIT_CENTERS)
    rows = len({c[1] for c in runs.INIT_CENTERS})
    out = {
        "k": k, "blobs": k, "rows": rows, "per_row": k // rows, "per_blob": runs.INIT_SIZE,
        "runs": len(runs.INIT_SEEDS), "panels": runs.LOCAL_OPTIMA_PANELS,
        # chance that k distinct points drawn uniformly (random init) hit each of k equal blobs once;
        # about k!/k^k, the value for draws with replacement
        "one_per_blob_chance": math.factorial(k) * runs.INIT_SIZE**k / math.perm(k * runs.INIT_SIZE, k),
        "one_per_blob_approx": math.factorial(k) / k**k,
        "best_tol": runs.BEST_TOL,
    }
    for key, init in (("random", "random"), ("kpp", "k-means++")):
        s = runs.init_summary(init)
        out.update({
            f"{key}_one_per_blob": s.one_per_blob, f"{key}_best": s.reached_best, f"{key}_poor": s.poor,
            f"{key}_repaired": s.repaired, f"{key}_one_per_blob_poor": s.one_per_blob_poor,
            f"{key}_best_share": s.reached_best / s.runs, f"{key}_poor_share": s.poor / s.runs,
            f"{key}_one_per_blob_share": s.one_per_blob / s.runs,
            f"{key}_median_iter": s.median_iter, f"{key}_poor_floor": s.worst_poor_floor,
        })
        out[f"{key}_bad_starts"] = s.runs - s.one_per_blob
        out[f"classic_{key}_median_iter"] = float(np.median(runs.classic_iterations(init)))
    out["best_inertia"] = runs.init_summary("random").best
    out["classic_k"] = runs.CLASSIC_K
    out["classic_runs"] = len(runs.CLASSIC_SEEDS)
    return out
