"""The NumPy-reference runs of the first k-means pages (Lloyd's steps, the Voronoi cells), shared by figures and values.

The TensorFlow run of the quickstart is in :mod:`tfnotes.runs.kmeans_classic`, the shared settings in
:mod:`tfnotes.runs.kmeans_tutorial`, so each figure depends only on the implementation it draws.
"""

from __future__ import annotations

from tfnotes._memo import memo
from tfnotes.data import gaussian_blobs
from tfnotes.runs.kmeans_tutorial import CLASSIC_CALL, classic_data

# Lloyd's steps: three blobs and a deliberately poor start (three points of one blob), so the steps show.
STEPS_BLOBS = {"centers": [(0, 0), (4.5, 0.5), (2, 4)], "stds": [0.8, 0.8, 0.8], "sizes": [120, 120, 120], "seed": 3}
STEPS_START = [0, 1, 2]  # row indices of the starting centroids: the first points, all of blob 0


@memo
def classic_reference():
    """The quickstart's call with the NumPy reference (same seed, same starts): the Voronoi figure of the Lloyd page."""
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
    return kmeans(x, len(start), init=start, history=True)
