"""The 2016 tutorials' k-means loop, translated line by line to eager TensorFlow 2.

Kept as close to the 2016 code as TF 2 allows (broadcast distances, one ``tf.where``/``tf.gather``/``tf.reduce_mean``
per cluster, a Python loop), so a reader can lay the two side by side. No restarts, and an empty cluster still
becomes NaN, as it did in 2016: :mod:`tfnotes.kmeans.tf` is the version to use. The arguments are checked as
:func:`tfnotes.kmeans.kmeans` checks them, by a wrapper below the part the page shows.
The tests check that from the same start it returns the NumPy reference's labels and centroids.
"""

import functools

import numpy as np

from tfnotes._tf import tensorflow
from tfnotes.kmeans._common import prepare

tensorflow()  # imports TensorFlow with its start-up log lines silenced (your own code does not need this)

# --8<-- [start:loop]
import tensorflow as tf  # noqa: E402  (TensorFlow 2: eager, no Session)


def lloyd_2016_style(points, start, max_steps=100):
    """points (n, d), start (k, d) -> centroids (k, d), assignments (n,), number of assignment steps."""
    vectors = tf.constant(points)  # (n, d)
    centroids = tf.Variable(start)  # (k, d); 2016: tf.Variable(tf.slice(tf.random_shuffle(vectors), ...))
    k = start.shape[0]
    previous = None
    for step in range(max_steps):  # 2016: for step in xrange(100): sess.run([update_centroids, ...])
        expanded_vectors = tf.expand_dims(vectors, 0)  # (1, n, d)
        expanded_centroids = tf.expand_dims(centroids, 1)  # (k, 1, d)
        distances = tf.reduce_sum(  # 2016: tf.sub(...), reduction_indices=2
            tf.square(expanded_vectors - expanded_centroids), axis=2)  # (k, n)
        assignments = tf.argmin(distances, axis=0)  # (n,) index of the nearest centroid
        if previous is not None and bool(tf.reduce_all(assignments == previous)):
            break  # no point changed cluster: the means would not move either
        means = tf.concat([  # 2016: tf.concat(0, [...]), reduction_indices=[1]
            tf.reduce_mean(tf.gather(vectors, tf.reshape(tf.where(tf.equal(assignments, c)), [1, -1])), axis=1)
            for c in range(k)], axis=0)  # (k, d): the mean of every cluster
        centroids.assign(means)  # 2016: update_centroids = tf.assign(centroids, means)
        previous = assignments
    return centroids.numpy(), assignments.numpy(), step + 1
# --8<-- [end:loop]


def _checked(loop):
    """Bad input gets the package's clear errors (shape, NaN, k > n, ...), not a TensorFlow stack trace."""

    @functools.wraps(loop)
    def checked(points, start, max_steps=100):
        k = np.shape(start)[0] if np.ndim(start) == 2 else 1  # a start that is not (k, d) fails in prepare
        spec = prepare(points, k, start if np.ndim(start) == 2 else np.asarray(start), 1, max_steps, 0.0, 0)
        return loop(spec.x, spec.inits[0], spec.max_iter)

    return checked


lloyd_2016_style = _checked(lloyd_2016_style)
