"""Numbers quoted on the real-data page (docs/kmeans/real-data.*.md) and its figure texts."""

from __future__ import annotations

import numpy as np

from tfnotes.data import _read_csv, load_faithful, load_penguins, standardize
from tfnotes.kmeans.metrics import adjusted_rand_index, contingency, purity, silhouette_score
from tfnotes.runs import kmeans as runs
from tfnotes.values import value


def _slope(normal: np.ndarray) -> float:
    return float(abs(normal[1] / normal[0]))


@value("kmeans-real")
def real_numbers() -> dict:
    """Facts of the two shipped data sets, the k-means settings and what the fits show."""
    penguins = load_penguins()
    names = list(penguins.feature_names)
    sd = dict(zip(names, penguins.x.std(axis=0)))
    var = dict(zip(names, penguins.x.var(axis=0)))
    unscaled, scaled = runs.penguin_fits()
    species = list(np.unique(penguins.target))
    table = contingency(penguins.target, unscaled.labels)  # rows: species (sorted), columns: clusters
    gentoo, small = species.index("Gentoo"), [species.index("Adelie"), species.index("Chinstrap")]
    gentoo_split = np.sort(table[gentoo])[::-1]
    shared = int(np.argmax(table[small].sum(axis=0)))  # the cluster most Adélie + Chinstrap share
    plane = list(runs.PENGUIN_PLANE)
    faithful = load_faithful()
    f_sd = faithful.x.std(axis=0)
    f_unscaled, f_scaled = runs.faithful_fits()
    changed = int(min(np.sum(f_unscaled.labels != f_scaled.labels), np.sum(f_unscaled.labels == f_scaled.labels)))
    return {
        "penguins": len(penguins.x), "dropped": len(_read_csv("penguins.csv")) - len(penguins.x), "features": len(names), "species": len(species), "k": runs.PENGUIN_K,
        "n_init": runs.REAL_N_INIT,
        "sd_mass": sd["body_mass_g"], "sd_depth": sd["bill_depth_mm"], "sd_flipper": sd["flipper_length_mm"],
        "var_mass": var["body_mass_g"], "var_depth": var["bill_depth_mm"], "var_flipper": var["flipper_length_mm"],
        "mass_share": var["body_mass_g"] / sum(var.values()),
        "ari_unscaled": adjusted_rand_index(penguins.target, unscaled.labels),
        "ari_scaled": adjusted_rand_index(penguins.target, scaled.labels),
        "purity_unscaled": purity(penguins.target, unscaled.labels),
        "kg_vs_g_ari": adjusted_rand_index(unscaled.labels, runs.penguin_kilogram_fit().labels),
        "purity_scaled": purity(penguins.target, scaled.labels),
        "gentoo_big_part": int(gentoo_split[0]), "gentoo_second_part": int(gentoo_split[1]),
        "small_shared": int(table[small, shared].sum()), "small_total": int(table[small].sum()),
        "plane_silhouette": silhouette_score(standardize(penguins.x[:, plane])[0], penguins.target),
        "eruptions": len(faithful.x), "faithful_k": runs.FAITHFUL_K,
        "sd_eruption": float(f_sd[0]), "sd_waiting": float(f_sd[1]), "var_factor": float((f_sd[1] / f_sd[0]) ** 2),
        "faithful_changed": changed,
        # slope of each border's normal in the original units (waiting per eruption minute): a large slope means
        # the border only asks about waiting time (nearly horizontal); standardised, the normal turns
        "faithful_normal_slope_unscaled": _slope(f_unscaled.centroids[1] - f_unscaled.centroids[0]),
        "faithful_normal_slope_scaled": _slope((f_scaled.centroids[1] - f_scaled.centroids[0]) / f_sd),
    }
