"""The shapes of the "hello" RNN's parameters and arrays, and how many numbers it learns.

Run from the repository root: python snippets/rnn_shapes.py
"""

from tfnotes.rnn.numpy_rnn import forward
from tfnotes.rnn.params import count_params, init_params
from tfnotes.rnn.vocab import hello_task

vocab, inputs, targets = hello_task()            # h e l l o  ->  e l l o <end>
V, H = vocab.size, 8                             # 5 symbols, 8 hidden units
params = init_params(V, H, seed=0)

for key, value in params.items():
    print(f"{key:<5} shape {str(value.shape):<7} {value.size:>3} numbers")
print(f"total: {count_params(params)} (H*V + H*H + V*H + H + V = {H * V + H * H + V * H + H + V})")

fwd = forward(params, inputs)                    # T = 5 steps, starting from h0 = 0
print(f"T = {len(inputs)}: xs {fwd.xs.shape}, hs {fwd.hs.shape}, ys {fwd.ys.shape}, ps {fwd.ps.shape}")
