"""k-means: the TensorFlow implementation (:func:`kmeans`) and the NumPy reference (:mod:`.reference`).

``from tfnotes.kmeans import kmeans`` imports TensorFlow (a few seconds) only when first used, so
``tfnotes.kmeans.reference`` and the metrics stay quick to import on their own.
"""

from __future__ import annotations

import importlib
from typing import Any

from tfnotes.kmeans._common import KMeansHistory, KMeansResult

__all__ = ["kmeans", "KMeansResult", "KMeansHistory"]


def __getattr__(name: str) -> Any:
    if name == "kmeans":
        # importlib rather than an import statement: tfnotes._deps reads import statements, and the
        # NumPy-only modules of this package must not count as depending on the TensorFlow one.
        return importlib.import_module("tfnotes.kmeans.tf").kmeans
    raise AttributeError(f"module 'tfnotes.kmeans' has no attribute {name!r}")
