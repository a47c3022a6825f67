"""The "hello" step-through: the trained weights of the page's "hello" model, for the browser.

The model is the one the figure ``rnn-hello-softmax`` shows after training (:func:`tfnotes.runs.rnn.hello`):
:func:`tfnotes.rnn.train.train_hello` with the settings of :data:`tfnotes.runs.rnn.HELLO` and the chapter's seed.
The browser steps through ``h e l l o`` with these weights, recomputes the forward pass and BPTT
(``docs/assets/javascripts/demos/rnn.js``) and samples continuations with its own seeded stream.

The weights are exported as :mod:`tfnotes.rnn.params` stores them, which is already the chapter's column-vector
convention (``W_xh`` is ``(H, V)``, ``W_hh`` ``(H, H)``, ``W_hy`` ``(V, H)``): nothing is transposed.
"""

from __future__ import annotations

from tfnotes.rnn.params import PARAM_KEYS
from tfnotes.rnn.train import train_hello
from tfnotes.rnn.vocab import hello_task
from tfnotes.runs import rnn as runs

# The temperature control (softmax of y / temperature when sampling), the longest continuation sampled, and the
# seed of the browser's sampling stream.
TEMPERATURE = {"min": 0.1, "max": 3.0, "step": 0.1, "value": 1.0}
SAMPLE_LENGTH = 20
SAMPLE_SEED = runs.SEED


def export() -> dict:
    vocab, inputs, targets = hello_task(end=True)
    trained_vocab, result = train_hello(hidden_size=runs.HELLO["hidden_size"], n_steps=runs.HELLO["n_steps"],
                                        seed=runs.SEED)
    if trained_vocab.symbols != vocab.symbols:
        raise ValueError(f"the trained model's vocabulary {trained_vocab.symbols} is not the task's {vocab.symbols}")
    return {
        "vocab": list(vocab.symbols),
        "end_id": vocab.end_id,
        "inputs": inputs,
        "targets": targets,
        "params": {key: result.params[key] for key in PARAM_KEYS},
        "updates": len(result.losses),
        "temperature": TEMPERATURE,
        "sample_length": SAMPLE_LENGTH,
        "sample_seed": SAMPLE_SEED,
    }
