"""The 2016 tutorial setup that several pages share: the data and the quickstart's k-means call.

One place for the settings, so the printed quickstart, the ``kmeans-classic`` and Voronoi figures and the sentences
that quote them cannot drift apart: ``tests/claims/test_kmeans_basics_claims.py`` checks that the quickstart snippet
makes exactly the call in :data:`CLASSIC_CALL`. No algorithm is imported here, so a figure that only needs the data
does not depend on either implementation.
"""

from __future__ import annotations

from tfnotes.data import classic_points

CLASSIC_DATA = {"n": 2000, "seed": 0}  # the tutorial data: classic_points(2000, seed=0)
CLASSIC_CALL = {"k": 4, "init": "k-means++", "n_init": 5, "seed": 0}  # kmeans(x, **CLASSIC_CALL)


def classic_data(with_blob: bool = False):
    """The tutorial data (and, with ``with_blob``, which blob each point came from)."""
    return classic_points(CLASSIC_DATA["n"], seed=CLASSIC_DATA["seed"], with_blob=with_blob)
