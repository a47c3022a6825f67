"""Cluster the tutorial data with the TensorFlow k-means and print what it found."""

import numpy as np

from tfnotes.data import classic_points
from tfnotes.kmeans import kmeans

x = classic_points(2000, seed=0)  # (2000, 2): two Gaussian blobs
result = kmeans(x, k=4, init="k-means++", n_init=5, seed=0)

np.set_printoptions(precision=3, suppress=True)
print("centroids:")
print(result.centroids)
print(f"inertia: {result.inertia:.2f}")
print(f"iterations: {result.n_iter}, cluster sizes: {np.bincount(result.labels).tolist()}")
