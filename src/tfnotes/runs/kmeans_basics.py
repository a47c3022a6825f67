"""The k-means runs of the first pages (home, chapter opener, Lloyd, TensorFlow), shared by figures and values.

One place for the settings, so the printed quickstart, the ``kmeans-classic`` figure, the Voronoi figure and the
sentences that quote them cannot drift apart: ``tests/claims/test_kmeans_basics_claims.py`` checks that the
quickstart snippet makes exactly the call in :data:`CLASSIC_CALL`.
"""

from __future__ import annotations

from tfnotes._memo import memo
from tfnotes.data import classic_points, gaussian_blobs

CLASSIC_DATA = {"n": 2000, "seed": 0}  # the tutorial data: classic_points(2000, seed=0)
CLASSIC_CALL = {"k": 4, "init": "k-means++", "n_init": 5, "seed": 0}  # kmeans(x, **CLASSIC_CALL)

# Lloyd's steps: three blobs and a deliberately poor start (three points of one blob), so the steps show.
STEPS_BLOBS = {"centers": [(0, 0), (4.5, 0.5), (2, 4)], "stds": [0.8, 0.8, 0.8], "sizes": [120, 120, 120], "seed": 3}
STEPS_START = [0, 1, 2]  # row indices of the starting centroids: the first points, all of blob 0


def classic_data(with_blob: bool = False):
    """The tutorial data (and, with ``with_blob``, which blob each point came from)."""
    return classic_points(CLASSIC_DATA["n"], seed=CLASSIC_DATA["seed"], with_blob=with_blob)


@memo
def classic_result():
    """The quickstart's call: the TensorFlow k-means on the tutorial data."""
    from tfnotes.kmeans.tf import kmeans

    return kmeans(classic_data(), **CLASSIC_CALL)


@memo
def classic_reference():
    """The same call with the NumPy reference (same seed, same starts): the Voronoi figure of the Lloyd page."""
    from tfnotes.kmeans.reference import kmeans

    return kmeans(classic_data(), **CLASSIC_CALL)


def steps_data():
    """(x, true blob of every point, starting centroids) of the Lloyd-steps run."""
    x, blob = gaussian_blobs(STEPS_BLOBS["centers"], STEPS_BLOBS["stds"], STEPS_BLOBS["sizes"],
                             seed=STEPS_BLOBS["seed"])
    return x, blob, x[STEPS_START]


@memo
def steps_run():
    """Lloyd's algorithm (NumPy reference) from the poor start; the figures draw its history."""
    from tfnotes.kmeans.reference import kmeans

    x, _, start = steps_data()
    return kmeans(x, len(start), init=start)
