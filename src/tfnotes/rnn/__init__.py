"""A vanilla character-level RNN and backpropagation through time (BPTT), three ways.

- :mod:`~tfnotes.rnn.vocab`: characters <-> ids <-> one-hot vectors; the "hello" task.
- :mod:`~tfnotes.rnn.params`: the parameter dict ``W_xh, W_hh, W_hy, b_h, b_y``.
- :mod:`~tfnotes.rnn.numpy_rnn`: forward pass, loss and BPTT by hand in NumPy; sampling.
- :mod:`~tfnotes.rnn.gradcheck`: BPTT against finite differences and against GradientTape.
- :mod:`~tfnotes.rnn.tf_rnn`: the same model with ``tf.GradientTape``, eager and compiled.
- :mod:`~tfnotes.rnn.keras_rnn`: the same model as Keras ``SimpleRNN`` + ``Dense``.
- :mod:`~tfnotes.rnn.train`: truncated BPTT, clipping, Adagrad/Adam, the NumPy and TF trainers.
- :mod:`~tfnotes.rnn.experiments`: the numbers behind the chapter's figures.
- :mod:`~tfnotes.rnn.texts`: the shipped public-domain training texts.
- :mod:`~tfnotes.rnn.bench`: training throughput, NumPy against TensorFlow and Keras.

Importing this package (and the NumPy modules) does not import TensorFlow; ``tf_rnn``,
``keras_rnn`` and the TF trainer do, on first use.
"""
