"""Element-wise clipping against global-norm clipping on one real BPTT gradient: size and direction.

Run from the repository root: python snippets/rnn_clipping.py
"""

import numpy as np

from tfnotes.rnn.numpy_rnn import loss_and_grads
from tfnotes.rnn.params import init_params
from tfnotes.rnn.train import clip_by_global_norm, clip_elementwise, global_norm
from tfnotes.rnn.vocab import hello_task


def flat(grads):
    """All gradient entries as one long vector, to measure its direction."""
    return np.concatenate([g.ravel() for g in grads.values()])


def cosine(a, b):
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


vocab, inputs, targets = hello_task()
params = init_params(vocab.size, 8, seed=0, scale=1.0)   # large weights: a large gradient
_, grads, _ = loss_and_grads(params, inputs, targets)
limit = 1.0

print(f"before clipping: global norm {global_norm(grads):.3f}")
for name, clip in (("element-wise", clip_elementwise), ("global norm", clip_by_global_norm)):
    clipped, _ = clip(grads, limit)
    norm, cos = global_norm(clipped), cosine(flat(clipped), flat(grads))
    print(f"{name:>12} at {limit}: global norm {norm:.3f}, cosine with the original {cos:.4f}")
