"""tfnotes: the tested code behind the k-means and RNN/BPTT site.

Subpackages: :mod:`tfnotes.kmeans`, :mod:`tfnotes.rnn`, :mod:`tfnotes.data`, :mod:`tfnotes.figures`.
TensorFlow is imported lazily (see :mod:`tfnotes._tf`), so NumPy-only code stays quick to import.
"""

__version__ = "0.1.0"
