"""Train a tiny RNN on "hello" with plain gradient descent and print what it predicts after each update.

Run from the repository root: python snippets/rnn_hello.py
"""

from tfnotes.rnn.numpy_rnn import forward, loss_and_grads, predict
from tfnotes.rnn.params import count_params, init_params
from tfnotes.rnn.vocab import hello_task

vocab, inputs, targets = hello_task()            # h e l l o  ->  e l l o <end>
params = init_params(vocab.size, hidden_size=8, seed=0)
learning_rate = 0.2
print(f"vocabulary: {vocab.symbols}, parameters: {count_params(params)}")
print(f"inputs:  {vocab.decode(inputs)}   targets: {vocab.decode(targets)}")

loss, grads, _ = loss_and_grads(params, inputs, targets)
print(f"before training   loss {loss:.3f}  predicts {vocab.decode(predict(params, inputs))}")
for update in range(1, 201):
    for key in params:                           # plain gradient descent: step against the gradient
        params[key] -= learning_rate * grads[key]
    loss, grads, _ = loss_and_grads(params, inputs, targets)   # the loss after this update
    guess = predict(params, inputs)
    print(f"after update {update:3d}  loss {loss:.3f}  predicts {vocab.decode(guess)}")
    if (guess == targets).all():
        break

print("after training, step by step (t counts from 1, as in the equations):")
ps = forward(params, inputs).ps
for t, (x, y) in enumerate(zip(inputs, guess)):
    print(f"  t={t + 1}  input {vocab.symbols[x]!r}  ->  {vocab.symbols[y]!r}  (p = {ps[t, y]:.2f})")
