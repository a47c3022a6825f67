"""The shipped data sets load as documented and match the checksums in PROVENANCE.md."""

import hashlib
import re
from importlib import resources

import numpy as np
import pytest

from tfnotes.data import (classic_points, failure_cases, gaussian_blobs, load_faithful, load_penguins,
                          standardize)


def test_penguins_have_342_complete_rows_of_three_species():
    data = load_penguins()
    assert data.x.shape == (342, 4) and np.all(np.isfinite(data.x))
    assert dict(zip(*np.unique(data.target, return_counts=True))) == {"Adelie": 151, "Chinstrap": 68, "Gentoo": 123}
    assert 2700 <= data.x[:, 3].min() and data.x[:, 3].max() <= 6300  # body mass in grams


def test_faithful_has_272_eruptions_in_minutes():
    data = load_faithful()
    assert data.x.shape == (272, 2)
    assert data.x[:, 0].std() == pytest.approx(1.139, abs=1e-3)
    assert data.x[:, 1].std() == pytest.approx(13.570, abs=1e-3)


@pytest.mark.parametrize("name", ["penguins.csv", "faithful.csv"])
def test_shipped_files_match_their_provenance_checksum(name):
    provenance = resources.files("tfnotes.data").joinpath("PROVENANCE.md").read_text(encoding="utf-8")
    section = provenance.split(f"## {name}")[1].split("\n## ")[0]
    expected = re.search(r"sha256\*\*: `([0-9a-f]{64})`", section).group(1)
    actual = hashlib.sha256(resources.files("tfnotes.data").joinpath(name).read_bytes()).hexdigest()
    assert actual == expected


def test_standardize_gives_zero_mean_unit_std_and_inverts():
    x = load_penguins().x
    z, mean, std = standardize(x)
    np.testing.assert_allclose(z.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(z.std(axis=0), 1, atol=1e-12)
    np.testing.assert_allclose(z * std + mean, x)
    with pytest.raises(ValueError, match=r"x has constant column\(s\) \[1\]"):
        standardize(np.column_stack([np.arange(5.0), np.ones(5)]))


def test_generators_are_deterministic_per_seed():
    np.testing.assert_array_equal(classic_points(100, seed=3), classic_points(100, seed=3))
    assert not np.array_equal(classic_points(100, seed=3), classic_points(100, seed=4))
    x = classic_points(20000, seed=0)
    near_origin = np.linalg.norm(x, axis=1) < np.linalg.norm(x - [3, 1], axis=1)
    assert 0.45 < near_origin.mean() < 0.55  # half the points from each blob
    x, y = gaussian_blobs([(0, 0), (5, 5)], [1, 2], [10, 30], seed=1)
    assert x.shape == (40, 2) and np.bincount(y).tolist() == [10, 30]
    with pytest.raises(ValueError, match="same length"):
        gaussian_blobs([(0, 0)], [1, 2], [10, 10])
    assert set(failure_cases()) == {"anisotropic", "unequal_variance", "uneven_sizes", "wrong_k"}
