"""k-means: the TensorFlow implementation (:func:`kmeans`) and the NumPy reference (:mod:`.reference`).

``from tfnotes.kmeans import kmeans`` imports TensorFlow (a few seconds) only when first used, so
``tfnotes.kmeans.reference`` and the metrics stay quick to import on their own.
"""

from __future__ import annotations

import importlib
from typing import Any

from tfnotes.kmeans._common import KMeansHistory, KMeansResult

__all__ = ["kmeans", "KMeansResult", "KMeansHistory"]

# Names loaded on first use, and the module each comes from. tfnotes._deps reads this table, so
# `from tfnotes.kmeans import kmeans` counts as depending on tfnotes.kmeans.tf, while the NumPy-only
# modules of this package do not.
_LAZY = {"kmeans": "tfnotes.kmeans.tf"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'tfnotes.kmeans' has no attribute {name!r}")
