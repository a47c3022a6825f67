"""What the vanishing/exploding page says about its numbers, checked on the values it prints.

Each test names the sentence it guards (docs/rnn/vanishing.*.md and the captions of its figures).
"""

import pytest

from tfnotes.values import get

RADII = ("09", "10", "11", "15", "20")


@pytest.fixture(scope="module")
def v():
    return get("rnn-vanishing")


@pytest.fixture(scope="module")
def clip():
    return get("rnn-clipping")


def test_the_experiment_uses_min_char_rnn_sizes_and_small_and_large_input_weights(v):
    assert (v["steps"], v["hidden"], v["vocab"]) == (50, 100, 58)
    assert v["input_lin"] < 0.1 <= 1 <= v["input_sat"]
    assert [v[f"rho_{r}"] for r in RADII] == [0.9, 1.0, 1.1, 1.5, 2.0]


def test_near_linear_regime_keeps_tanh_unsaturated(v):
    # "no state gets beyond |h| = …, so every tanh derivative is at least … and D_j is close to I"
    assert v["lin_max_h"] < 0.7 and v["lin_min_slope"] > 0.5
    assert v["lin_min_slope"] == pytest.approx(1 - v["lin_max_h"] ** 2)


def test_in_the_near_linear_regime_the_radius_sets_the_rate(v):
    # "the fitted factors per step are …" (the radii themselves) and the caption's vanish / grow exponentially
    for r in ("09", "10", "11"):
        assert v[f"lin_{r}_rate"] == pytest.approx(v[f"rho_{r}"], abs=0.01)
    assert v["lin_09_end"] < 0.1 and 1 < v["lin_10_end"] < 10 and v["lin_11_end"] > 100       # alt text
    # "about … powers of ten apart" although "the radii differ only slightly"
    assert v["lin_decades"] > 3
    assert v["lin_decades"] == pytest.approx(round(v["lin_decades"]), abs=0.5)


def test_the_sufficient_condition_fails_at_radius_09_and_the_gradient_vanishes_anyway(v):
    # "the norm at radius 0.9 still rises to … because that matrix's largest singular value is …"
    assert v["lin_09_peak"] > 1 and v["sigma_09"] > 1 and v["lin_09_end"] < 0.1


def test_large_radii_saturate_the_state_themselves_and_grow_far_slower_than_the_radius(v):
    assert v["lin_big_max_h"] > 0.99
    assert v["lin_15_rate"] < 0.8 * v["rho_15"] and v["lin_20_rate"] < 0.7 * v["rho_20"]
    assert v["lin_15_end"] > v["lin_11_end"] and v["lin_20_end"] > v["lin_15_end"]            # alt: "more steeply"


def test_saturation_makes_every_radius_up_to_15_vanish_and_only_20_grows(v):
    for r in ("09", "10", "11", "15"):
        assert v[f"sat_{r}_end"] < 1e-2 and v[f"sat_{r}_rate"] < 1
    assert v["sat_20_end"] > 1                                                                  # "only … grows"
    # the alt text's order: steep falls for 0.9-1.1, a smaller fall for 1.5
    assert v["sat_09_end"] < v["sat_10_end"] < v["sat_11_end"] < v["sat_15_end"]


def test_every_matrix_meets_the_necessary_condition_for_exploding(v):
    # "their largest singular values run from … to …, all above 1" (and ρ ≤ σ_max)
    sigmas = [v[f"sigma_{r}"] for r in RADII]
    assert min(sigmas) == v["sigma_09"] > 1 and max(sigmas) == v["sigma_20"]
    assert all(v[f"sigma_{r}"] >= v[f"rho_{r}"] for r in RADII)


def test_the_chapter_initialisation_starts_with_a_small_spectral_radius(v):
    # "… gives a spectral radius of only …: gradients start out vanishing fast"
    assert v["init_scale"] == v["input_lin"]
    assert v["init_rho"] < 0.5 and v["init_rho"] <= v["init_sigma"] < 1


def test_clipping_limits_refer_to_sum_and_mean_as_the_page_says(clip):
    assert clip["numpy_limit"] == 5.0 and clip["numpy_seq_len"] == 25     # min-char-rnn's limit and window
    assert clip["tf_default"] == clip["limit"] == 1.0                      # d2l's limit for a mean loss
    assert clip["chars"] == clip["batch"] * clip["seq_len"]


def test_clipping_rarely_fires_in_the_real_text_run(clip):
    # "clipping … fired on x of them (y %), all between update a and b, and shortened none by more than z %"
    assert 0 < clip["fires"] <= clip["updates"] and clip["share"] == pytest.approx(clip["fires"] / clip["updates"])
    assert clip["share"] < 0.05                                            # "a guard that hardly ever acts"
    assert 1 <= clip["first"] <= clip["last"] <= clip["updates"]
    assert clip["max"] > clip["limit"] and clip["max_cut"] == pytest.approx(1 - clip["limit"] / clip["max"])
    assert clip["max_cut"] < 0.5
    # "there was no explosion to stop": the largest gradient is within a small factor of the typical one
    assert clip["max"] < 3 * clip["median"]


def test_a_limit_on_the_summed_gradient_would_rescale_every_update(clip):
    # "whose norm never fell below …, it would have fired on 100 % of the updates"
    assert clip["sum_min"] > clip["numpy_limit"] and clip["sum_share_numpy_limit"] == 1.0
    assert clip["sum_median"] == pytest.approx(clip["median"] * clip["chars"], rel=1e-6)


def test_the_clipping_diagram_changes_direction_only_element_wise():
    d = get("rnn-clip-demo")
    assert d["norm"] > d["limit"]
    assert d["norm_angle"] == pytest.approx(d["angle"]) and d["norm_norm"] == pytest.approx(d["limit"])
    assert d["elem_angle"] > d["angle"] + 10 and d["elem_norm"] > d["limit"]


def test_the_truncation_diagram_uses_short_windows_and_the_chapter_default_is_min_char_rnns():
    t = get("rnn-tbptt")
    assert t["windows"] * t["window_len"] == len(t["before_break"]) + 1 + len(t["after_break"])
    assert t["window_len"] < t["seq_len"] == 25


def test_the_radius_09_curve_peaks_in_the_first_few_steps_then_falls_straight(v):
    """"In the first few steps the norm at radius 0.9 still rises to …" and the alt text's "rises a little over the
    first steps, to …, then falls in a straight line": the peak comes before the fitted range starts, and from
    there on every step shrinks the norm."""
    import numpy as np

    from tfnotes.runs import rnn as runs

    lin = runs.NORMS["input_scales"][0]
    norms = np.asarray(runs.gradient_norms()["norms"][(lin, 0.9)])
    peak = int(np.argmax(norms))
    assert 0 < peak < v["fit_from"] and norms[peak] == v["lin_09_peak"]
    assert np.all(np.diff(norms[v["fit_from"]:]) < 0)
