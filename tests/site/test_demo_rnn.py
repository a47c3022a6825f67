"""The "hello" step-through (docs/assets/javascripts/demos/rnn.js) computes what the package computes.

From the weights the build exported, the browser's forward pass, summed loss, five gradients and the norms
‖∂L/∂h_t‖ equal those of :mod:`tfnotes.rnn.numpy_rnn` to 1e-9 relative, on "hello" and on a longer random sequence;
bad arguments are refused with a message that names them; the buttons work from the keyboard, in Korean.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from tfnotes.demos.strings import STRINGS
from tfnotes.rnn import numpy_rnn
from tfnotes.rnn.params import PARAM_KEYS
from tfnotes.rnn.vocab import hello_task
from tfnotes.runs import rnn as runs

from .test_demos import open_demo

pytestmark = pytest.mark.browser
RTOL = 1e-9  # relative to the largest entry of each array: far above rounding (~1e-15), far below any mistake


def rel_diff(got, want) -> float:
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    assert got.shape == want.shape, (got.shape, want.shape)
    return float(np.max(np.abs(got - want)) / np.max(np.abs(want)))


def exported(built_site) -> dict:
    return json.loads((built_site / "assets" / "demos" / "rnn.json").read_text())


def dh_norms(params, inputs, targets) -> np.ndarray:
    """‖∂L/∂h_t‖ for every step, from the pieces of numpy_rnn: the output's share W_hyᵀ dy_t plus what the later
    steps hand back, W_hhᵀ (dh_raw of step t + 1), as loss_and_grads's loop adds them."""
    fwd = numpy_rnn.forward(params, inputs)
    norms, dh_next = [], np.zeros(params["b_h"].shape)
    for t in reversed(range(len(inputs))):
        dy = fwd.ps[t] - np.eye(len(params["b_y"]))[targets[t]]
        dh = params["W_hy"].T @ dy + dh_next
        norms.append(np.linalg.norm(dh))
        dh_next = params["W_hh"].T @ ((1 - fwd.hs[t + 1] ** 2) * dh)
    return np.array(norms[::-1])


def test_the_export_is_the_model_the_figure_shows(built_site):
    data = exported(built_site)
    params = {key: np.array(data["params"][key]) for key in PARAM_KEYS}
    vocab, inputs, targets = hello_task(end=True)
    assert data["vocab"] == list(vocab.symbols) and data["inputs"] == inputs.tolist()
    assert data["targets"] == targets.tolist()
    assert data["updates"] == runs.HELLO["n_steps"]
    # column-vector convention, as tfnotes.rnn.params stores it: W_xh (H, V), W_hh (H, H), W_hy (V, H)
    H, V = runs.HELLO["hidden_size"], vocab.size
    assert [params[k].shape for k in PARAM_KEYS] == [(H, V), (H, H), (V, H), (H,), (V,)]
    assert np.array_equal(numpy_rnn.forward(params, inputs).ps, runs.hello()["after"])


def test_the_browser_computes_what_numpy_rnn_computes(browser, site_url, built_site):
    data = exported(built_site)
    params = {key: np.array(data["params"][key]) for key in PARAM_KEYS}
    rng = np.random.default_rng(3)
    cases = [(data["inputs"], data["targets"]),
             (rng.integers(0, len(data["vocab"]), 60).tolist(), rng.integers(0, len(data["vocab"]), 60).tolist())]
    context, page, errors = open_demo(browser, site_url, "rnn", "en")
    try:
        exported_back = page.evaluate("() => tfnotes.demos.rnn.params()")
        assert {k: np.array(exported_back[k]).tolist() for k in PARAM_KEYS} == data["params"]
        assert exported_back["vocab"] == data["vocab"]
        for inputs, targets in cases:
            fwd_js, bptt_js = page.evaluate(
                "([i, t]) => [tfnotes.demos.rnn.forward(i), tfnotes.demos.rnn.bptt(i, t)]", [inputs, targets])
            fwd = numpy_rnn.forward(params, inputs)
            loss, grads, _ = numpy_rnn.loss_and_grads(params, inputs, targets)
            assert rel_diff(fwd_js["h"], fwd.hs[1:]) < RTOL
            assert rel_diff(fwd_js["p"], fwd.ps) < RTOL
            assert rel_diff(bptt_js["loss"], loss) < RTOL
            assert sorted(bptt_js["grads"]) == sorted(PARAM_KEYS)
            for key in PARAM_KEYS:
                assert rel_diff(bptt_js["grads"][key], grads[key]) < RTOL, key
            assert rel_diff(bptt_js["dh_norms"], dh_norms(params, inputs, targets)) < RTOL

        def error(call: str) -> str:
            return page.evaluate(f"() => {{ try {{ {call}; return 'no error'; }} catch (e) {{ return e.message; }} }}")

        assert "inputs[1] = 9 is an unknown id" in error("tfnotes.demos.rnn.forward([0, 9])")
        assert "inputs[0]" in error("tfnotes.demos.rnn.forward([1.5])")
        assert "inputs must be an array" in error("tfnotes.demos.rnn.forward('hello')")
        assert "inputs is empty" in error("tfnotes.demos.rnn.forward([])")
        assert "inputs has 2 ids but targets has 1" in error("tfnotes.demos.rnn.bptt([0, 1], [1])")
        assert "targets[0] = -1 is an unknown id" in error("tfnotes.demos.rnn.bptt([0], [-1])")
        assert "temperature must be a positive" in error("tfnotes.demos.rnn.sample([0], {temperature: 0})")
        # sampling: a low temperature follows the trained word; the same seed gives the same ids
        end = data["end_id"]
        assert page.evaluate("() => tfnotes.demos.rnn.sample([0], {temperature: 0.1})") == \
            np.append(data["inputs"][1:], end).tolist()
        twice = page.evaluate("() => [1, 1].map(() => tfnotes.demos.rnn.sample([0, 1], {temperature: 3, seed: 7}))")
        assert twice[0] == twice[1]
        assert errors == []
    finally:
        context.close()


def test_the_buttons_work_from_the_keyboard_in_korean(browser, site_url):
    text = {key: value["ko"] for key, value in STRINGS["rnn"].items()}
    context, page, errors = open_demo(browser, site_url, "rnn", "ko")
    try:
        root = page.locator("#demo-rnn")
        assert root.get_by_role("button", name=text["next"]).is_visible()
        assert root.get_by_role("button", name=text["prev"]).is_disabled()   # step 1: nothing before it
        page.evaluate("() => { const r = document.querySelector('#demo-rnn'); r.tabIndex = -1; r.focus(); }")
        page.keyboard.press("Tab")                                           # the first control that takes focus
        assert page.evaluate("() => document.activeElement.textContent") == text["next"]
        before = root.locator(".tfn-demo__readout").first.inner_text()
        page.keyboard.press("Enter")
        page.keyboard.press("Space")
        assert page.evaluate("() => tfnotes.demos.rnn.state().step") == 3
        after = root.locator(".tfn-demo__readout").first.inner_text()
        assert after != before and after.startswith("시점 3/")
        assert root.locator("li[aria-current]").inner_text() == "l"
        root.locator("input[type=range]").focus()
        page.keyboard.press("ArrowRight")
        state = page.evaluate("() => tfnotes.demos.rnn.state()")
        assert state["temperature"] > 1 and state["sampled"] is None
        page.keyboard.press("Tab")                                           # to the Sample button
        page.keyboard.press("Enter")
        sampled = page.evaluate("() => tfnotes.demos.rnn.state().sampled")
        assert sampled and all(0 <= i < len(hello_task()[0].symbols) for i in sampled)
        assert "hel →" in root.locator("code").inner_text()
        root.get_by_role("button", name=text["next"]).focus()
        page.keyboard.press("Enter")
        page.keyboard.press("Enter")                                         # the last step: Next is disabled there
        assert page.evaluate("() => tfnotes.demos.rnn.state().step") == 5
        assert page.evaluate("() => document.activeElement.textContent") == text["prev"]  # focus handed over, not lost
        assert errors == []
    finally:
        context.close()
