"""Argument checks for the RNN code.

Like :mod:`tfnotes._checks`, every message starts with the argument's name, so a reader who passes a
bad sequence or a mis-shaped matrix learns what to fix instead of meeting a NumPy broadcasting error
twenty lines later.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from tfnotes._checks import non_negative_float

PARAM_KEYS = ("W_xh", "W_hh", "W_hy", "b_h", "b_y")


def param_shapes(vocab_size: int, hidden_size: int) -> dict[str, tuple[int, ...]]:
    """The shape every parameter must have (column-vector convention: ``h = W_xh x + ...``)."""
    V, H = vocab_size, hidden_size
    return {"W_xh": (H, V), "W_hh": (H, H), "W_hy": (V, H), "b_h": (H,), "b_y": (V,)}


def check_params(params: Any) -> tuple[int, int]:
    """Validate an RNN parameter dict and return ``(vocab_size, hidden_size)``.

    ``params`` must be a dict with exactly the keys ``W_xh, W_hh, W_hy, b_h, b_y``, holding finite
    float arrays of one dtype whose shapes agree with ``W_xh``'s ``(hidden_size, vocab_size)``.
    """
    if not isinstance(params, dict):
        raise TypeError(f"params must be a dict of arrays with keys {PARAM_KEYS}, got {type(params).__name__}")
    missing = [k for k in PARAM_KEYS if k not in params]
    extra = sorted(str(k) for k in params if k not in PARAM_KEYS)
    if missing or extra:
        raise ValueError(f"params must have exactly the keys {PARAM_KEYS}; missing {missing}, unexpected {extra}")
    for key in PARAM_KEYS:
        value = params[key]
        if not isinstance(value, np.ndarray) or not np.issubdtype(value.dtype, np.floating):
            got = value.dtype if isinstance(value, np.ndarray) else type(value).__name__
            raise TypeError(f"params[{key!r}] must be a float NumPy array, got {got}")
    if params["W_xh"].ndim != 2 or 0 in params["W_xh"].shape:
        raise ValueError(f"params['W_xh'] must be a non-empty 2-D array (hidden_size, vocab_size), "
                         f"got shape {params['W_xh'].shape}")
    hidden_size, vocab_size = params["W_xh"].shape
    dtype = params["W_xh"].dtype
    for key, shape in param_shapes(vocab_size, hidden_size).items():
        value = params[key]
        if value.shape != shape:
            raise ValueError(f"params[{key!r}] must have shape {shape}, got {value.shape}")
        if value.dtype != dtype:
            raise TypeError(f"params[{key!r}] has dtype {value.dtype} but params['W_xh'] has {dtype}; "
                            "use one float dtype for all parameters")
        if not np.all(np.isfinite(value)):
            bad = int(value.size - np.count_nonzero(np.isfinite(value)))
            raise ValueError(f"params[{key!r}] contains {bad} NaN or infinite value(s)")
    return vocab_size, hidden_size


def check_ids(name: str, ids: Any, vocab_size: int, *, ndim: int = 1) -> np.ndarray:
    """Return ``ids`` as a non-empty int64 array of rank ``ndim`` with every entry in ``[0, vocab_size)``."""
    if isinstance(ids, (str, bytes)):
        raise TypeError(f"{name} must hold integer character ids, got a string; encode it with Vocab.encode first")
    arr = np.asarray(ids)
    if arr.size == 0:
        raise ValueError(f"{name} is empty; need at least one character id")
    if not (np.issubdtype(arr.dtype, np.integer) and arr.dtype != bool):
        raise TypeError(f"{name} must hold integer character ids, got dtype {arr.dtype}")
    if arr.ndim != ndim:
        raise ValueError(f"{name} must be {ndim}-D, got shape {arr.shape}")
    low, high = int(arr.min()), int(arr.max())
    if low < 0 or high >= vocab_size:
        bad = low if low < 0 else high
        raise ValueError(f"{name} contains id {bad}, outside the vocabulary [0, {vocab_size})")
    return arr.astype(np.int64)


def check_sequence_pair(inputs: Any, targets: Any, vocab_size: int, *, ndim: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Validate ``inputs`` and ``targets`` as id sequences of the same shape."""
    inputs = check_ids("inputs", inputs, vocab_size, ndim=ndim)
    targets = check_ids("targets", targets, vocab_size, ndim=ndim)
    if inputs.shape != targets.shape:
        what = "length" if ndim == 1 else "shape"
        got = (len(inputs), len(targets)) if ndim == 1 else (inputs.shape, targets.shape)
        raise ValueError(f"inputs and targets must have the same {what}, got {got[0]} and {got[1]}")
    return inputs, targets


def check_state(name: str, h: Any, shape: tuple[int, ...], dtype: np.dtype) -> np.ndarray:
    """Return a hidden state of the given shape and dtype; ``None`` means all zeros."""
    if h is None:
        return np.zeros(shape, dtype=dtype)
    arr = np.asarray(h)
    if not (np.issubdtype(arr.dtype, np.floating) or np.issubdtype(arr.dtype, np.integer)):
        raise TypeError(f"{name} must hold real numbers, got dtype {arr.dtype}")
    if arr.shape != shape:
        raise ValueError(f"{name} must have shape {shape}, got {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or infinite values")
    return arr.astype(dtype)


def check_scores(name: str, y: Any) -> np.ndarray:
    """Scores for a softmax: a non-empty, finite real array of rank >= 1 (float arrays are returned as they are)."""
    if isinstance(y, (str, bytes)) or y is None:
        raise TypeError(f"{name} must be an array of real numbers, got {type(y).__name__}")
    arr = np.asarray(y)
    if arr.dtype == bool or not (np.issubdtype(arr.dtype, np.floating) or np.issubdtype(arr.dtype, np.integer)):
        raise TypeError(f"{name} must hold real numbers, got dtype {arr.dtype}")
    if arr.ndim == 0 or arr.shape[-1] == 0:
        raise ValueError(f"{name} must have at least one score along its last axis, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or infinite values")
    return arr


def check_grads(grads: Any) -> dict[str, np.ndarray]:
    """A gradient dict: every value a float NumPy array (any keys, so clipping works on any parameter set)."""
    if not isinstance(grads, dict):
        raise TypeError(f"grads must be a dict of float NumPy arrays, got {type(grads).__name__}")
    if not grads:
        raise ValueError("grads is empty; need at least one gradient array")
    for key, value in grads.items():
        if not isinstance(value, np.ndarray) or not np.issubdtype(value.dtype, np.floating):
            got = value.dtype if isinstance(value, np.ndarray) else type(value).__name__
            raise TypeError(f"grads[{key!r}] must be a float NumPy array, got {got}")
    return grads


def check_temperature(temperature: Any) -> float:
    """Sampling temperature: a finite number > 0 (0 would divide the logits by zero)."""
    if isinstance(temperature, bool) or not isinstance(temperature, numbers.Real):
        raise TypeError(f"temperature must be a real number, got {type(temperature).__name__} {temperature!r}")
    if not np.isfinite(temperature) or temperature <= 0:
        raise ValueError(f"temperature must be a finite number > 0, got {temperature}")
    return float(temperature)


def check_float_dtype(name: str, dtype: Any) -> np.dtype:
    """Accept float32 or float64 (anything else is refused rather than silently converted)."""
    dt = np.dtype(dtype)
    if dt not in (np.float32, np.float64):
        raise TypeError(f"{name} must be float32 or float64, got {dt}")
    return dt


def check_loss_sum(loss_sum: Any) -> float:
    """A summed cross-entropy: finite and >= 0."""
    return non_negative_float("loss_sum", loss_sum)
