"""Each snippet runs exactly as shown (from the repo root, as a reader would) and prints the right values."""

from __future__ import annotations

import re
import subprocess
import sys

import numpy as np
import pytest

from tfnotes.data import classic_points, load_penguins, standardize
from tfnotes.kmeans.metrics import adjusted_rand_index
from tfnotes.kmeans.reference import kmeans as np_kmeans


def run(root, name: str) -> str:
    proc = subprocess.run([sys.executable, f"snippets/{name}"], cwd=root, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert not re.search(r"oneDNN|absl|cuda|WARNING", proc.stdout + proc.stderr, re.I), proc.stderr[-2000:]
    return proc.stdout


@pytest.mark.covers("snippets/kmeans_quickstart.py")
def test_kmeans_quickstart_prints_the_centroids_and_inertia_of_the_reference(root):
    out = run(root, "kmeans_quickstart.py")
    expected = np_kmeans(classic_points(2000, seed=0), 4, n_init=5, seed=0)
    centroids = np.array([[float(v) for v in row] for row in re.findall(r"\[\s*(-?[\d.]+)\s+(-?[\d.]+)\]", out)])
    np.testing.assert_allclose(centroids, expected.centroids, atol=1e-3)
    assert float(re.search(r"inertia: ([\d.]+)", out).group(1)) == pytest.approx(expected.inertia, abs=0.01)
    sizes = [int(s) for s in re.search(r"cluster sizes: \[([\d, ]+)\]", out).group(1).split(",")]
    assert sizes == np.bincount(expected.labels).tolist()


def test_kmeans_penguins_prints_agreement_that_scaling_improves(root):
    out = run(root, "kmeans_penguins.py")
    scores = {name: (float(a), float(p)) for name, a, p in
              re.findall(r"(\w+): ARI = ([\d.]+), purity = ([\d.]+)", out)}
    data = load_penguins()
    for name, x in (("unscaled", data.x), ("standardised", standardize(data.x)[0])):
        expected = adjusted_rand_index(data.target, np_kmeans(x, 3, n_init=10, seed=0).labels)
        assert scores[name][0] == pytest.approx(expected, abs=1e-3)
    assert scores["standardised"][0] > scores["unscaled"][0] + 0.3


@pytest.mark.covers("snippets/kmeans_bounds.py")
def test_kmeans_bounds_prints_what_the_tensorflow_page_says(root):
    """Iteration 0 scores every point; from iteration 3 on, fewer than one point in ten; the total adds up."""
    out = run(root, "kmeans_bounds.py")
    rows = [int(m.replace(",", "")) for m in re.findall(r"iteration +\d+: +([\d,]+) points scored", out)]
    last = int(re.search(r"last assignment: ([\d,]+) points", out).group(1).replace(",", ""))
    share = float(re.search(r"all assignments: ([\d.]+)% of the distances", out).group(1))
    n = 1_000_000
    assert len(rows) == 15 and rows[0] == n
    assert all(m < n / 10 for m in rows[3:]), rows
    assert share == pytest.approx(100 * (sum(rows) + last) / (16 * n), abs=0.05)
