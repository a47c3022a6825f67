"""Numbers quoted by the vanishing/exploding-gradient page: the Jacobian experiment, clipping, truncated BPTT.

Settings are read from the code that uses them (the run settings in :mod:`tfnotes.runs.rnn`, the trainers'
defaults), results from the runs the figures draw, so a sentence cannot disagree with the figure next to it.
"""

from __future__ import annotations

import inspect

import numpy as np

from tfnotes.rnn import experiments
from tfnotes.rnn.params import init_params
from tfnotes.rnn.train import MAX_NORM, train_numpy, train_tf
from tfnotes.runs import rnn as runs
from tfnotes.values import value


def _tag(radius: float) -> str:
    """0.9 -> "09", 1.0 -> "10", 2.0 -> "20": the radius in a key."""
    return f"{round(radius * 10):02d}"


def _default(fn, name: str):
    return inspect.signature(fn).parameters[name].default


@value("rnn-vanishing")
def vanishing() -> dict:
    """‖∂h_T/∂h_{T-k}‖ for each radius, with small (``lin``) and large (``sat``) input weights.

    Keys: the settings (``steps``, ``hidden``, ``vocab``, ``input_lin``, ``input_sat``, ``fit_from``, ``rho_09`` ...
    the radii), per regime and radius the norm at the last step (``lin_09_end``) and the fitted factor per step
    (``lin_09_rate``), the largest singular value of each ``W_hh`` (``sigma_09``), how far the small-input runs with
    radius at most 1.1 stay from saturation (``lin_max_h``, ``lin_min_slope``), the peak of the radius-0.9 curve
    (``lin_09_peak``) and how many powers of ten separate the radius-1.1 and radius-0.9 curves at the end
    (``lin_decades``).
    """
    s = runs.NORMS
    res = runs.gradient_norms()
    lin, sat = s["input_scales"]
    out = {"steps": s["steps_back"], "hidden": s["hidden_size"], "vocab": s["vocab_size"], "input_lin": lin,
           "input_sat": sat, "fit_from": s["fit_from"]}
    for radius in s["radii"]:
        tag = _tag(radius)
        out[f"rho_{tag}"] = radius
        out[f"sigma_{tag}"] = res["sigma_max"][radius]
        for regime, scale in (("lin", lin), ("sat", sat)):
            norms = res["norms"][(scale, radius)]
            out[f"{regime}_{tag}_end"] = float(norms[-1])
            out[f"{regime}_{tag}_rate"] = experiments.growth_rate(norms, s["fit_from"])
    near_one = [r for r in s["radii"] if r <= 1.1]
    out["lin_max_h"] = max(res["max_abs_h"][(lin, r)] for r in near_one)
    out["lin_min_slope"] = min(res["min_slope"][(lin, r)] for r in near_one)
    out["lin_big_max_h"] = min(res["max_abs_h"][(lin, r)] for r in s["radii"] if r > 1.1)
    out["lin_09_peak"] = float(np.max(res["norms"][(lin, 0.9)]))
    out["lin_decades"] = float(np.log10(out["lin_11_end"] / out["lin_09_end"]))
    W = init_params(s["vocab_size"], s["hidden_size"], seed=runs.SEED)["W_hh"]       # the chapter's starting W_hh
    out["init_scale"] = _default(init_params, "scale")
    out["init_rho"] = float(np.max(np.abs(np.linalg.eigvals(W))))
    out["init_sigma"] = float(np.linalg.norm(W, 2))
    return out


@value("rnn-clipping")
def clipping() -> dict:
    """How often global-norm clipping fired in the real-text page's TensorFlow run, and the trainers' limits.

    ``grad_norms`` are norms of the gradient of the loss summed over ``B·T`` characters; dividing by ``B·T`` gives
    the norm of the mean loss's gradient, which the trainer clips at ``limit``. Whether clipping fired is read from
    the factors the trainer applied (``clip_scales``), so a change to the trainer's rule changes these numbers.
    """
    settings = runs.TEXT_RUNS["shakespeare"]
    if settings["backend"] != "tf":
        raise ValueError("the clipping numbers describe the TensorFlow run of the Shakespeare text")
    B, T = settings["batch_size"], settings["seq_len"]
    limit = settings.get("max_norm", MAX_NORM)
    summed = np.asarray(runs.text_runs()["shakespeare"]["grad_norms"])
    per_char = summed / (B * T)
    scales = np.asarray(runs.text_runs()["shakespeare"]["clip_scales"])
    fired = scales < 1.0
    numpy_limit = _default(train_numpy, "clip_value")
    return {
        "limit": limit, "batch": B, "seq_len": T, "chars": B * T, "updates": len(per_char),
        "fires": int(fired.sum()), "share": float(fired.mean()),
        "first": int(np.argmax(fired)) + 1 if fired.any() else 0,                  # 1-based update numbers
        "last": int(len(fired) - np.argmax(fired[::-1])) if fired.any() else 0,
        "max_cut": float(1 - scales.min()),                                        # how much the worst one shrank
        "median": float(np.median(per_char)), "max": float(per_char.max()),
        "sum_median": float(np.median(summed)), "sum_min": float(summed.min()),
        "sum_share_numpy_limit": float(np.mean(summed > numpy_limit)),
        "tf_default": _default(train_tf, "max_norm"), "numpy_limit": numpy_limit,
        "numpy_seq_len": _default(train_numpy, "seq_len"),
    }


@value("rnn-clip-demo")
def clip_demo() -> dict:
    """The 2-D example of the figure rnn-clipping (:func:`experiments.clipping_example`)."""
    return experiments.clipping_example()


@value("rnn-tbptt")
def tbptt() -> dict:
    """The truncated-BPTT diagram's windows and the chapter's default window length."""
    windows = experiments.truncation_windows()
    before, after = "".join(windows).split("\n")                 # the diagram's text has one line break
    return {"windows": len(windows), "window_len": len(windows[0]), "seq_len": _default(train_numpy, "seq_len"),
            "before_break": before, "after_break": after}
