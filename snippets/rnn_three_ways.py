"""One set of parameters, three implementations: NumPy, TensorFlow's GradientTape, Keras SimpleRNN.

Run from the repository root: python snippets/rnn_three_ways.py
"""

import numpy as np

from tfnotes.rnn import keras_rnn, numpy_rnn, tf_rnn
from tfnotes.rnn.params import PARAM_KEYS, init_params
from tfnotes.rnn.vocab import hello_task

vocab, inputs, targets = hello_task()                     # h e l l o  ->  e l l o <end>
params = init_params(vocab.size, 8, seed=0, scale=0.5)    # float64: one dict feeds all three

# 1. NumPy: forward pass and BPTT written by hand
logits_np = numpy_rnn.forward(params, inputs).ys
loss_np, grads_np, h_np = numpy_rnn.loss_and_grads(params, inputs, targets)

# 2. TensorFlow: the same equations, gradients recorded by tf.GradientTape
loss_tf, grads_tf, h_tf = tf_rnn.loss_and_grads(params, inputs, targets)

# 3. Keras: SimpleRNN + Dense, our matrices copied in (transposed)
model = keras_rnn.model_from_params(params)
logits_keras = keras_rnn.logits(model, inputs)
p_keras = numpy_rnn.softmax(logits_keras)
loss_keras = -np.sum(np.log(p_keras[np.arange(len(targets)), targets]))

print("loss (nats)")
for name, loss in (("NumPy", loss_np), ("TensorFlow", loss_tf), ("Keras", loss_keras)):
    print(f"  {name:<11} {loss:.12f}")
print("logits at t=1, the first step")
print("  NumPy      ", np.array2string(logits_np[0], precision=4))
print("  Keras      ", np.array2string(logits_keras[0], precision=4))

grad_gap = max(np.max(np.abs(grads_np[k] - grads_tf[k])) for k in PARAM_KEYS)
print("largest differences")
print(f"  logits, NumPy vs Keras:          {np.max(np.abs(logits_np - logits_keras)):.1e}")
print(f"  gradients, NumPy vs TensorFlow:  {grad_gap:.1e}")
print(f"  h_T, NumPy vs TensorFlow:        {np.max(np.abs(h_np - h_tf)):.1e}")
print(f"  loss, NumPy vs TensorFlow:       {abs(loss_np - loss_tf):.1e}")
print(f"  loss, NumPy vs Keras:            {abs(loss_np - loss_keras):.1e}")
