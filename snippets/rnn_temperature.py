"""One step of the trained "hello" RNN at several temperatures, and what sampling then writes.

Run from the repository root: python snippets/rnn_temperature.py
"""

import numpy as np

from tfnotes.rnn.numpy_rnn import forward, sample, softmax
from tfnotes.rnn.train import train_hello

vocab, result = train_hello(hidden_size=8, n_steps=300, seed=0)
params = result.params
inputs = vocab.encode("hell")                    # read h, e, l, l ...
y = forward(params, inputs).ys[-1]               # ... the scores for what follows the second l

print("p(next | hell)  " + "".join(f"{s:>7}" for s in vocab.symbols))
for tau in (0.5, 1.0, 2.0, 5.0):
    p = softmax(y / tau)                         # softmax(y / tau)
    print(f"tau = {tau:<4}       " + "".join(f"{v:7.3f}" for v in p))

h = vocab.encode("h")[0]
print("argmax from 'h':", "h" + vocab.decode(sample(params, None, h, 5, argmax=True)))
for tau in (1.0, 2.0, 3.0):
    words = ["h" + vocab.decode(sample(params, None, h, 5, temperature=tau, seed=s)) for s in range(4)]
    print(f"sampled, tau = {tau}: {'  '.join(words)}")
