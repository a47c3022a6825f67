"""The claims of the initialisation, choosing-k, failures and real-data pages, computed from the values those pages
print (``[[value ...]]``) or from the same runs their figures draw, so a sentence cannot stay true while the code
changes under it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from tfnotes.data import failure_cases, load_penguins, standardize  # noqa: E402
from tfnotes.kmeans import reference  # noqa: E402
from tfnotes.kmeans._common import kmeans_plus_plus, random_init  # noqa: E402
from tfnotes.kmeans.metrics import adjusted_rand_index, contingency, purity  # noqa: E402
from tfnotes.runs import kmeans as runs  # noqa: E402
from tfnotes.values import get  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


# ---------------------------------------------------------------- initialisation page


@pytest.fixture(scope="module")
def init():
    return get("kmeans-init")


def test_the_best_run_is_far_below_the_poor_ones(init):
    """'the best run is far below the others': every run that misses the best ends at least twice as high."""
    assert init["random_poor_floor"] > 2 * init["best_inertia"]
    assert init["kpp_poor_floor"] > 2 * init["best_inertia"]
    from tfnotes.figures import kmeans_init

    shown = [r.inertia for _, r in kmeans_init.local_optima_picks()]
    assert len(shown) == init["panels"]
    assert shown[0] == pytest.approx(init["best_inertia"]) and min(shown[1:]) > 2 * shown[0]


def test_one_seed_per_blob_is_rare_but_lloyd_repairs_many_other_starts(init):
    """D2: 'often cannot repair'; a perfect start is rare, most others are repaired, still a third end poorly."""
    assert init["one_per_blob_chance"] == pytest.approx(init["one_per_blob_approx"], abs=0.002)  # close to k!/k^k
    assert init["random_one_per_blob"] <= 0.1 * init["runs"]  # rare, as the chance says
    assert init["random_repaired"] > init["random_bad_starts"] / 2  # Lloyd repairs most of the imperfect starts
    assert init["random_best"] == init["random_repaired"] + init["random_one_per_blob"] - init["random_one_per_blob_poor"]
    assert init["random_poor"] >= 0.2 * init["runs"]  # not rare bad luck either
    assert init["random_poor"] + init["random_best"] == init["runs"]


def test_the_counts_match_a_direct_count_of_the_runs(init):
    x, blob = runs.init_blobs()
    for key, method in (("random", "random"), ("kpp", "k-means++")):
        results = runs.init_runs(method)
        assert len(results) == init["runs"]
        best = min(min(r.inertia for r in runs.init_runs(m)) for m in runs.INIT_METHODS)
        one = 0
        for r in results:
            start = r.history.centroids[0]
            # every start is a data point; the blob it came from is the blob of that point
            idx = [int(np.flatnonzero(np.all(x == s, axis=1))[0]) for s in start]
            assert np.array_equal(blob[idx], runs.start_blobs(r))
            one += len(set(blob[idx].tolist())) == init["k"]
        assert one == init[f"{key}_one_per_blob"]
        assert sum(r.inertia <= best * (1 + runs.BEST_TOL) for r in results) == init[f"{key}_best"]


def test_kmeans_plus_plus_misses_the_best_less_often_but_is_not_immune(init):
    assert 1 <= init["kpp_poor"] < init["random_poor"]
    assert init["kpp_poor"] <= 0.2 * init["runs"]  # "a few of its runs"
    assert init["kpp_one_per_blob"] < init["kpp_best"]  # nor does it need a perfect start
    assert init["kpp_repaired"] > 0


def test_kmeans_plus_plus_needs_fewer_iterations_on_these_blobs_but_not_on_the_2016_data(init):
    """D12: 'on these blobs'; the tutorials' data behave otherwise."""
    assert init["kpp_median_iter"] < init["random_median_iter"]
    assert init["classic_kpp_median_iter"] >= init["classic_random_median_iter"]


def test_the_figure_prints_the_counts(init):
    from tfnotes.figures import STYLE, kmeans_init

    with plt.style.context(STYLE):
        fig = kmeans_init.init_compare("en")
    try:
        text = "\n".join(t.get_text() for ax in fig.axes for t in ax.texts)
    finally:
        plt.close(fig)
    n = init["runs"]
    assert f"one start per blob {init['random_one_per_blob']}/{n}, best reached {init['random_best']}/{n}" in text
    assert f"one start per blob {init['kpp_one_per_blob']}/{n}, best reached {init['kpp_best']}/{n}" in text


@pytest.mark.covers("src/tfnotes/kmeans/_common.py:random_init")
def test_random_init_picks_k_distinct_data_points():
    x, _ = runs.init_blobs()
    rng = np.random.default_rng(0)
    for _ in range(20):
        start = random_init(x, 6, rng)
        rows = {int(np.flatnonzero(np.all(x == s, axis=1))[0]) for s in start}
        assert len(rows) == 6  # distinct points of the data
    first = [tuple(random_init(x, 1, rng)[0]) for _ in range(2000)]
    assert len(set(first)) > 0.9 * len(x)  # uniform: nearly every point gets drawn


@pytest.mark.covers("src/tfnotes/kmeans/_common.py:kmeans_plus_plus")
def test_kmeans_plus_plus_draws_in_proportion_to_the_squared_distance():
    x = np.array([[0.0, 0.0], [1.0, 0.0], [3.0, 0.0]])
    rng = np.random.default_rng(0)
    # after the first centroid at x[0] (chosen 1/3 of the time), D² = (0, 1, 9): x[2] follows 9 times in 10
    follows = [kmeans_plus_plus(x, 2, rng) for _ in range(6000)]
    after_first = [c[1, 0] for c in follows if c[0, 0] == 0.0]
    assert np.mean(np.array(after_first) == 3.0) == pytest.approx(0.9, abs=0.03)
    assert np.all([len({tuple(p) for p in c}) == 2 for c in follows])  # D² = 0 for a chosen point: never twice
    same = np.zeros((2, 2))  # fewer distinct points than k: the total == 0 branch still returns k centroids
    assert kmeans_plus_plus(same, 2, rng).shape == (2, 2)


# ---------------------------------------------------------------- choosing k


@pytest.fixture(scope="module")
def choose():
    return get("kmeans-choose-k")


def test_the_best_inertia_never_rises_but_a_single_lloyd_run_can(choose):
    """D3: the figure's multi-start curve falls at every k; a single random start per k can rise."""
    assert choose["monotone"] is True
    fits = runs.elbow_fits()
    curve = [fits[k].inertia for k in runs.CHOOSE_KS]
    assert np.all(np.diff(curve) <= 0)
    assert choose["n_init"] > 1
    assert choose["rise_inertia_next"] > choose["rise_inertia_k"]
    x = runs.choose_blobs()
    one = {k: reference.kmeans(x, k, init="random", n_init=1, seed=choose["rise_seed"]).inertia
           for k in (choose["rise_k"], choose["rise_k_next"])}
    assert one[choose["rise_k_next"]] == pytest.approx(choose["rise_inertia_next"])
    assert one[choose["rise_k_next"]] > one[choose["rise_k"]]


def test_the_elbow_and_the_silhouette_both_point_at_the_number_of_blobs(choose):
    assert choose["elbow_k"] == choose["blobs"]
    assert choose["silhouette_best_k"] == choose["elbow_k"]
    assert choose["k_min"] == min(runs.CHOOSE_KS) and choose["k_max"] == max(runs.CHOOSE_KS)


def test_the_silhouette_does_not_improve_just_because_k_grows(choose):
    x, fits = runs.choose_blobs(), runs.elbow_fits()
    from tfnotes.kmeans.metrics import silhouette_score

    assert silhouette_score(x, fits[max(runs.CHOOSE_KS)].labels) < choose["silhouette_best"]


def test_the_silhouette_bands_are_even_with_hardly_any_negative_values(choose):
    assert choose["silhouette_negative_share"] < 0.01
    assert choose["band_max"] <= 1.1 * choose["band_min"]


def test_the_silhouette_peak_memory_is_several_n_by_n_matrices(choose):
    """D23: the included code holds more than one n×n array at a time."""
    assert 1.5 < choose["peak_matrices"] < 4
    assert choose["peak_gb"] == pytest.approx(choose["peak_matrices"] * choose["matrix_mb"] / 1000)


def test_float32_far_from_the_origin_gives_the_float64_silhouette(choose):
    assert choose["far_f32_error"] < 1e-4


def test_kmeans_invents_clusters_in_uniform_data(choose):
    """D39: structureless data still get k clusters and a positive silhouette, below the real blobs'."""
    x = runs.uniform_points()
    for k, r in runs.uniform_fits().items():
        assert len(np.unique(r.labels)) == k
    assert 0.2 < choose["uniform_best"] < choose["silhouette_best"]
    assert choose["uniform_n"] == len(x)


# ---------------------------------------------------------------- failures


@pytest.fixture(scope="module")
def fail():
    return get("kmeans-failures")


def test_the_failure_figure_has_a_ground_truth_row(fail):
    """D10: top row true groups, bottom row k-means."""
    from tfnotes.figures import STYLE, kmeans_failures

    with plt.style.context(STYLE):
        fig = kmeans_failures.failures("en")
    try:
        assert len(fig.axes) == 2 * fail["cases"]
        titles = [ax.get_title() for ax in fig.axes]
        assert all("true groups" in t for t in titles[: fail["cases"]])
        assert all("k-means result" in t and "ARI" in t for t in titles[fail["cases"]:])
    finally:
        plt.close(fig)
    x, truth, _ = failure_cases()["wrong_k"]
    assert set(kmeans_failures.matched(truth, runs.failure_fits()["wrong_k"][3].labels)) <= set(truth)


def test_the_upper_two_sheared_ellipses_get_mixed(fail):
    assert abs(fail["anisotropic_upper_ari"]) < 0.05  # "no better than chance"
    assert fail["anisotropic_ari"] < 0.8


def test_the_wide_blob_loses_points_to_its_tight_neighbours(fail):
    assert fail["unequal_wide_lost_share"] > 0.2
    assert fail["unequal_wide_lost_share"] + fail["unequal_wide_kept_share"] == pytest.approx(1.0)


def test_a_wide_populous_blob_swallows_small_tight_ones_but_size_alone_is_fine(fail):
    """D9: ARI about chance; the truth has higher inertia; the true start does not help; tight uneven blobs are fine."""
    assert fail["uneven_sizes_ari"] < 0.1
    assert fail["uneven_kmeans_inertia"] < 0.7 * fail["uneven_true_inertia"]
    assert fail["uneven_from_truth_ari"] < 0.1
    assert fail["uneven_from_truth_inertia"] == pytest.approx(fail["uneven_kmeans_inertia"], rel=0.01)
    assert fail["uneven_tight_ari"] > 0.99
    assert fail["uneven_big"] >= 10 * fail["uneven_small"]
    x, truth, k, result = runs.failure_fits()["uneven_sizes"]
    table = contingency(truth, result.labels)
    big = int(np.argmax(table.sum(axis=1)))
    for small in set(range(len(table))) - {big}:
        cluster = int(np.argmax(table[small]))
        assert table[big, cluster] > table[small, cluster]  # swallowed: the big blob's points dominate its cluster
    xt, tt = runs.tight_uneven()
    assert np.array_equal(np.bincount(tt), np.bincount(truth))  # same sizes
    np.testing.assert_allclose(runs.true_centroids(xt, tt), runs.true_centroids(x, truth), atol=0.6)  # same centres


def test_wrong_k_returns_k_clusters_from_data_that_meet_the_assumptions(fail):
    x, truth, k, result = runs.failure_fits()["wrong_k"]
    assert len(np.unique(result.labels)) == fail["wrong_k_k"] < fail["wrong_k_groups"]
    assert fail["wrong_k_ari"] < 1


# ---------------------------------------------------------------- real data


@pytest.fixture(scope="module")
def real():
    return get("kmeans-real")


def test_body_mass_makes_the_distance(real):
    assert real["mass_share"] > 0.99
    assert real["var_factor"] > 100
    data = load_penguins()
    assert real["penguins"] == len(data.x) and real["dropped"] == 2  # PROVENANCE: two rows without measurements
    assert real["features"] == data.x.shape[1] and real["species"] == len(set(data.target))


def test_standardising_lifts_ari_and_purity_a_long_way(real):
    assert real["ari_scaled"] > real["ari_unscaled"] + 0.3
    assert real["purity_scaled"] > real["purity_unscaled"] + 0.1


def test_unscaled_clusters_are_weight_classes_gentoo_split_in_two(real):
    data = load_penguins()
    unscaled, scaled = runs.penguin_fits()
    mass = data.x[:, list(data.feature_names).index("body_mass_g")]
    ranges = sorted((mass[unscaled.labels == j].min(), mass[unscaled.labels == j].max()) for j in range(3))
    assert all(hi <= nxt_lo for (_, hi), (nxt_lo, _) in zip(ranges, ranges[1:]))  # light, middle, heavy
    gentoo = int(np.sum(data.target == "Gentoo"))
    assert real["gentoo_second_part"] >= 0.3 * gentoo  # two real parts, not one cluster and strays
    assert real["gentoo_big_part"] + real["gentoo_second_part"] >= 0.95 * gentoo
    assert real["small_shared"] > 0.5 * real["small_total"]
    # standardised: Gentoo comes out cleanly, the remaining errors are between Adélie and Chinstrap
    table = contingency(data.target, scaled.labels)  # rows Adelie, Chinstrap, Gentoo
    gentoo_cluster = int(np.argmax(table[2]))
    assert table[2, gentoo_cluster] == gentoo and table[:2, gentoo_cluster].sum() == 0


def test_a_unit_is_a_choice_that_changes_the_clustering(real):
    assert real["kg_vs_g_ari"] < 0.5


def test_the_unscaled_faithful_border_only_asks_about_waiting_time(real):
    """'close to a horizontal line' unscaled; standardised, the border turns."""
    assert real["faithful_normal_slope_unscaled"] > 5
    assert real["faithful_normal_slope_scaled"] < real["faithful_normal_slope_unscaled"] / 10


def test_the_penguin_figure_shows_the_gentoo_split_in_two_colours():
    from tfnotes.figures import kmeans_real

    data, (unscaled, _) = load_penguins(), runs.penguin_fits()
    truth = np.searchsorted(kmeans_real.SPECIES, data.target)
    shown = kmeans_real._match(unscaled.labels, truth)
    assert len(np.unique(shown)) == len(np.unique(unscaled.labels))  # no two clusters share a colour
    gentoo_colours = np.bincount(shown[data.target == "Gentoo"])
    assert np.sort(gentoo_colours)[-2] >= 0.3 * gentoo_colours.sum()


def test_the_figure_plane_separates_the_species_well(real):
    assert real["plane_silhouette"] > 0.4


def test_old_faithful_only_a_handful_of_points_change_cluster(real):
    assert 0 < real["faithful_changed"] <= 0.05 * real["eruptions"]


@pytest.mark.covers("snippets/kmeans_penguins.py", "src/tfnotes/data/__init__.py:penguins",
                    "src/tfnotes/data/__init__.py:standardize")
def test_the_penguin_snippet_prints_the_scores_the_page_quotes(real):
    proc = subprocess.run([sys.executable, "snippets/kmeans_penguins.py"], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    scores = {name: (float(a), float(p)) for name, a, p in
              re.findall(r"(\w+): ARI = ([\d.]+), purity = ([\d.]+)", proc.stdout)}
    assert scores["unscaled"] == pytest.approx((real["ari_unscaled"], real["purity_unscaled"]), abs=1e-3)
    assert scores["standardised"] == pytest.approx((real["ari_scaled"], real["purity_scaled"]), abs=1e-3)
    data = load_penguins()
    z, mean, std = standardize(data.x)
    np.testing.assert_allclose(z.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(z.std(axis=0), 1)
    np.testing.assert_allclose(z * std + mean, data.x)
    assert set(data.target) == {"Adelie", "Chinstrap", "Gentoo"} and not np.isnan(data.x).any()
    assert adjusted_rand_index(data.target, runs.penguin_fits()[1].labels) == pytest.approx(real["ari_scaled"])
    assert purity(data.target, runs.penguin_fits()[0].labels) == pytest.approx(real["purity_unscaled"])
