"""Train a small character RNN on Shakespeare for a few seconds, then let it write.

Run from the repository root: python snippets/char_rnn_sample.py
"""

import numpy as np

from tfnotes.rnn.numpy_rnn import forward, sample
from tfnotes.rnn.params import init_params
from tfnotes.rnn.texts import load_text
from tfnotes.rnn.train import train_tf
from tfnotes.rnn.vocab import Vocab

text = load_text("shakespeare")
vocab = Vocab.from_text(text)
ids = vocab.encode(text)
print(f"{len(text):,} characters, vocabulary of {vocab.size}")

params = init_params(vocab.size, hidden_size=64, seed=0, dtype=np.float32)
result = train_tf(params, ids, n_steps=800, seq_len=25, batch_size=32)    # Adam, global-norm clipping
print(f"trained on {result.n_chars:,} characters: loss {result.losses[0]:.2f} -> "
      f"{result.smooth_losses[-1]:.2f} nats/char, perplexity {result.perplexity:.1f}")

for temperature in (0.5, 1.0, 1.5):
    generated = sample(result.params, None, seed_id=ids[0], n=150, temperature=temperature, seed=0)
    print(f"\n--- temperature {temperature} ---")
    print(text[0] + vocab.decode(generated))

# Warm-up: read a prompt first, so the sample continues it from the state the prompt left behind
prompt = "MENENIUS:\n"
prompt_ids = vocab.encode(prompt)
h = forward(result.params, prompt_ids[:-1]).hs[-1]          # the state after all but the prompt's last character
generated = sample(result.params, h, seed_id=prompt_ids[-1], n=150, temperature=0.5, seed=0)
print("\n--- warm-up on a prompt, temperature 0.5 ---")
print(prompt + vocab.decode(generated))
