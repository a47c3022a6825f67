"""The BPTT explorer (docs/assets/javascripts/demos/jacobian.js) computes what tfnotes.rnn.experiments computes.

The browser rescales the exported unit-scale matrix and input weights itself, runs the forward pass and the product
of Jacobians, and takes the product's largest singular value; its norms equal gradient_norms's to 1e-9 relative for
radii below, at and above 1 and for small and large input weights, and so do the fitted factor per step
(growth_rate) and the saturation numbers. Bad options are refused by name; the controls work from the keyboard.
"""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest

from tfnotes.demos.strings import STRINGS
from tfnotes.rnn import experiments
from tfnotes.rnn.params import init_params
from tfnotes.runs import rnn as runs

from .test_demos import open_demo

pytestmark = pytest.mark.browser
RTOL = 1e-9           # far above rounding (measured ~1e-12 at radius 2, where the dynamics amplify it)
RADII = (0.8, 1.0, 1.3, 2.0)
SCALES = (0.01, 1.0)  # the page's near-linear and saturated regimes
SIZE = {key: runs.NORMS[key] for key in ("steps_back", "hidden_size", "vocab_size")}


def exported(built_site) -> dict:
    return json.loads((built_site / "assets" / "demos" / "jacobian.json").read_text())


def test_the_export_is_the_experiments_matrix_before_rescaling(built_site):
    data = exported(built_site)
    H, V = data["hidden_size"], data["vocab_size"]
    W = np.frombuffer(base64.b64decode(data["W_unit"]), dtype="<f8").reshape(H, H)
    m = data["W_unit_radius"]
    assert (H, V, data["steps"], data["seed"]) == (SIZE["hidden_size"], SIZE["vocab_size"], SIZE["steps_back"],
                                                   runs.SEED)
    assert np.isclose(np.max(np.abs(np.linalg.eigvals(W))), m, rtol=1e-12)
    for radius in RADII:
        assert np.array_equal(experiments.recurrent_matrix(H, radius, seed=data["seed"]), W * (radius / m))
    for scale in SCALES:
        assert np.array_equal(init_params(V, H, seed=data["seed"], scale=scale)["W_xh"], scale * W.ravel()[:H * V].reshape(H, V))
    assert set(runs.NORMS["input_scales"]) <= set(data["input_scales"])


def test_the_browser_computes_what_gradient_norms_computes(browser, site_url):
    want = experiments.gradient_norms(RADII, input_scales=SCALES, seed=runs.SEED, **SIZE)
    short = experiments.gradient_norms((1.1,), input_scales=(0.3,), seed=runs.SEED,
                                       **{**SIZE, "steps_back": 20})
    context, page, errors = open_demo(browser, site_url, "jacobian", "en")
    try:
        for scale in SCALES:
            for radius in RADII:
                got = page.evaluate("(o) => tfnotes.demos.jacobian.details(o)", {"radius": radius, "input_scale": scale})
                ref = want["norms"][(scale, radius)]
                assert len(got["norms"]) == SIZE["steps_back"] + 1 and got["norms"][0] == 1
                assert np.max(np.abs(np.array(got["norms"]) - ref) / ref) < RTOL, (scale, radius)
                rate = experiments.growth_rate(ref, runs.NORMS["fit_from"])
                assert abs(got["rate"] / rate - 1) < RTOL, (scale, radius)
                assert abs(got["min_slope"] - want["min_slope"][(scale, radius)]) < RTOL
                assert abs(got["max_abs_h"] - want["max_abs_h"][(scale, radius)]) < RTOL
        got = page.evaluate("() => tfnotes.demos.jacobian.norms({radius: 1.1, input_scale: 0.3, steps: 20})")
        ref = short["norms"][(0.3, 1.1)]
        assert len(got) == 21 and np.max(np.abs(np.array(got) - ref) / ref) < RTOL

        def error(options: str) -> str:
            return page.evaluate(f"() => {{ try {{ tfnotes.demos.jacobian.norms({options}); return 'no error'; }}"
                                 " catch (e) { return e.message; } }")

        assert "radius must be a positive finite number, got -1" in error("{radius: -1}")
        assert "input_scale must be a positive finite number" in error("{input_scale: NaN}")
        assert "steps must be an integer from 1 to" in error("{steps: 0}")
        assert "seed 3 has no exported data" in error("{seed: 3}")
        assert "unknown option rho" in error("{rho: 1}")
        assert errors == []
    finally:
        context.close()


def test_the_controls_work_from_the_keyboard_in_korean(browser, site_url, built_site):
    data = exported(built_site)
    text = {key: value["ko"] for key, value in STRINGS["jacobian"].items()}
    context, page, errors = open_demo(browser, site_url, "jacobian", "ko")
    try:
        root = page.locator("#demo-jacobian")
        readout = root.locator(".tfn-demo__readout")
        assert text["radius"] in root.inner_text() and readout.inner_text().startswith("ρ = ")
        page.evaluate("() => { const r = document.querySelector('#demo-jacobian'); r.tabIndex = -1; r.focus(); }")
        page.keyboard.press("Tab")                                        # the radius slider comes first
        assert page.evaluate("() => document.activeElement.id") == "tfn-jac-radius"
        before = readout.inner_text()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("(b) => document.querySelector('#demo-jacobian .tfn-demo__readout').textContent !== b",
                               arg=before)
        state = page.evaluate("() => tfnotes.demos.jacobian.state()")
        assert state["radius"] == pytest.approx(data["radius"]["value"] + data["radius"]["step"])
        shown = page.evaluate("() => tfnotes.demos.jacobian.norms({})")  # the controls' values
        want = experiments.gradient_norms((state["radius"],), input_scales=(data["input_scale"],), seed=runs.SEED,
                                          **SIZE)["norms"][(data["input_scale"], state["radius"])]
        assert np.max(np.abs(np.array(shown) - want) / want) < RTOL
        page.keyboard.press("Tab")                                        # the input scale
        page.keyboard.press("Tab")                                        # the truncation window
        assert page.evaluate("() => document.activeElement.id") == "tfn-jac-trunc"
        cut = root.locator(".tfn-jac__cut")
        width = float(cut.get_attribute("width"))
        page.keyboard.press("ArrowLeft")
        assert page.evaluate("() => tfnotes.demos.jacobian.state().truncation") == data["truncation"] - 1
        assert float(cut.get_attribute("width")) > width                  # a shorter window cuts off more
        assert f"L = {data['truncation'] - 1}" in readout.inner_text()
        assert errors == []
    finally:
        context.close()
