"""k-means: the TensorFlow implementation (:func:`kmeans`) and the NumPy reference (:mod:`.reference`).

``from tfnotes.kmeans import kmeans`` imports TensorFlow (a few seconds) only when first used, so
``tfnotes.kmeans.reference`` and the metrics stay quick to import on their own.
"""

from __future__ import annotations

from typing import Any

from tfnotes.kmeans._common import KMeansHistory, KMeansResult

__all__ = ["kmeans", "KMeansResult", "KMeansHistory"]


def __getattr__(name: str) -> Any:
    if name == "kmeans":
        from tfnotes.kmeans.tf import kmeans

        return kmeans
    raise AttributeError(f"module 'tfnotes.kmeans' has no attribute {name!r}")
