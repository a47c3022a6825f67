"""The quickstart's run with the TensorFlow k-means: the ``kmeans-classic`` figure and the TensorFlow page's values."""

from __future__ import annotations

from tfnotes._memo import memo
from tfnotes.runs.kmeans_tutorial import CLASSIC_CALL, classic_data


@memo
def classic_result():
    """The quickstart's call: the TensorFlow k-means on the tutorial data."""
    from tfnotes.kmeans.tf import kmeans

    return kmeans(classic_data(), **CLASSIC_CALL)
