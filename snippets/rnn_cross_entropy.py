"""Cross-entropy of the "hello" RNN, step by step, before and after training; the sum and the perplexity.

Run from the repository root: python snippets/rnn_cross_entropy.py
"""

import numpy as np

from tfnotes.rnn.numpy_rnn import forward, loss_and_grads, perplexity
from tfnotes.rnn.params import init_params
from tfnotes.rnn.train import train_hello
from tfnotes.rnn.vocab import hello_task

vocab, inputs, targets = hello_task()            # h e l l o  ->  e l l o <end>
T = len(inputs)
untrained = init_params(vocab.size, hidden_size=8, seed=0)
_, result = train_hello(hidden_size=8, n_steps=300, seed=0)

for name, params in (("untrained", untrained), ("trained", result.params)):
    ps = forward(params, inputs).ps
    p_target = ps[np.arange(T), targets]         # the probability given to the right answer
    print(f"{name}:")
    for t in range(T):
        x, y = vocab.symbols[inputs[t]], vocab.symbols[targets[t]]
        print(f"  t={t + 1}  {x!r} -> {y!r:8}  p = {p_target[t]:.3f}   -log p = {-np.log(p_target[t]):.3f}")
    loss, _, _ = loss_and_grads(params, inputs, targets)
    print(f"  sum {loss:.3f} nats, mean {loss / T:.3f} nats/step, perplexity {perplexity(loss, T):.2f}")

print(f"a uniform guess: ln {vocab.size} = {np.log(vocab.size):.3f} nats/step, perplexity {vocab.size}")
