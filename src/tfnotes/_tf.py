"""Import TensorFlow once, quietly.

TensorFlow prints absl, oneDNN and CUDA-stub lines on a CPU-only machine even with
``TF_CPP_MIN_LOG_LEVEL=3``: some come from C++ before Python logging exists. They would leak into
the build log and into executed notebooks, so every module of this package gets TensorFlow from
:func:`tensorflow` below, which silences them in one place. No library does this for us: TensorFlow
has no switch for the lines its C++ runtime writes straight to file descriptor 2 at import time.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import sys
from types import ModuleType

_ENV = {
    "TF_CPP_MIN_LOG_LEVEL": "3",  # C++ INFO/WARNING/ERROR lines
    "TF_ENABLE_ONEDNN_OPTS": "0",  # the "oneDNN custom operations are on" banner and its rounding changes
    "CUDA_VISIBLE_DEVICES": "",  # no GPU probing on CPU machines: no cuInit / cuDNN-factory lines
    "KERAS_BACKEND": "tensorflow",
    # Tensors and XLA buffers from a pool that keeps freed memory: with the default allocator every large buffer
    # is fresh memory from the kernel, and a k-means call on 1M points spent a fifth of its time in page faults.
    "TF_CPU_ALLOCATOR_USE_BFC": "true",
}


@contextlib.contextmanager
def _stderr_silenced():
    """Point file descriptor 2 at /dev/null for the duration (C++ writes bypass sys.stderr)."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):  # no real fd 2 (some embedded interpreters): nothing to silence
        yield
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def tensorflow() -> ModuleType:
    """Return the ``tensorflow`` module, imported once with its start-up noise silenced."""
    if "tensorflow" in sys.modules:
        return sys.modules["tensorflow"]
    for key, value in _ENV.items():
        os.environ.setdefault(key, value)
    # Keras (imported by TensorFlow) imports scikit-learn, when it is installed, for its scikit-learn wrappers, which
    # nothing here uses: 0.7 s of every process that imports TensorFlow. Hidden while TensorFlow imports (Keras then
    # sees it as absent, as in an environment without it); importable again afterwards.
    hide_sklearn = "sklearn" not in sys.modules
    if hide_sklearn:
        sys.modules["sklearn"] = None  # type: ignore[assignment]  # `import sklearn` raises ImportError
    try:
        with _stderr_silenced():
            tf = importlib.import_module("tensorflow")
            # Touch the runtime once so lazily printed device-registration lines are also swallowed.
            tf.config.list_physical_devices("CPU")
    finally:
        if hide_sklearn and sys.modules.get("sklearn", 0) is None:
            del sys.modules["sklearn"]
    tf.get_logger().setLevel(logging.ERROR)
    logging.getLogger("absl").setLevel(logging.ERROR)
    tf.autograph.set_verbosity(0)
    return tf
