"""The k-means stepper on the Lloyd page computes what the package computes: from the same starting centroids the
browser's half-steps give the NumPy reference's labels, centroids and inertia, its empty-cluster policy is the
package's, its k-means++ is the package's algorithm fed by the browser's own random stream, it works from the
keyboard, and its readout speaks the page's language. The generic demo checks (budget, axe, fallback) are in
test_demos.py."""

from __future__ import annotations

import inspect
import json
import math
import re

import numpy as np
import pytest

from tfnotes.data import failure_cases
from tfnotes.demos import kmeans as kmeans_demo
from tfnotes.demos.strings import STRINGS
from tfnotes.kmeans import reference
from tfnotes.kmeans._common import kmeans_plus_plus
from tfnotes.runs import kmeans_basics, kmeans_tutorial
from tests.site.test_demos import open_demo

pytestmark = pytest.mark.browser

TEXT = STRINGS["kmeans"]
ITERATIONS = 10  # Lloyd iterations compared step by step
TOL = 1e-9  # centroids: browser vs NumPy, absolute


@pytest.fixture(scope="module")
def data(built_site):
    return json.loads((built_site / "assets" / "demos" / "kmeans.json").read_text())


@pytest.fixture(scope="module")
def pages(browser, site_url):
    """One loaded page per language, opened on first use and shared by the tests of this file."""
    opened = {}

    def get(lang):
        if lang not in opened:
            opened[lang] = open_demo(browser, site_url, "kmeans", lang)
        return opened[lang][1]

    yield get
    for context, _, errors in opened.values():
        context.close()
        assert errors == [], f"console errors: {errors}"


def steps(page, dataset, init, n):
    """reset from ``init`` on ``dataset``, then n × (assign, update); the state after every half-step."""
    return page.evaluate("""([dataset, init, n]) => {
        const km = window.tfnotes.demos.kmeans;
        const out = [km.reset({dataset, k: init.length, init, seed: 0})];
        for (let i = 0; i < n; i++) { out.push(km.assign()); out.push(km.update()); }
        return out;
    }""", [dataset, init.tolist(), n])


def readout(page) -> str:
    return page.locator("#demo-kmeans .tfn-km__readout").inner_text()


def test_the_exported_data_are_the_pages_data(data):
    x, _, start = kmeans_basics.steps_data()
    sets = data["datasets"]
    assert data["order"] == ["blobs", "classic", kmeans_demo.FAILURE_CASE]
    assert np.array_equal(sets["blobs"]["points"], x) and np.array_equal(sets["blobs"]["start"], start)
    assert np.array_equal(sets["classic"]["points"], kmeans_tutorial.classic_data())
    uneven, _, k = failure_cases(seed=0)[kmeans_demo.FAILURE_CASE]
    assert np.array_equal(sets[kmeans_demo.FAILURE_CASE]["points"], uneven)
    assert [sets[name]["k"] for name in data["order"]] == [len(start), kmeans_tutorial.CLASSIC_CALL["k"], k]
    assert data["max_iter"] == inspect.signature(reference.kmeans).parameters["max_iter"].default
    for name, d in sets.items():
        p = np.array(d["points"])
        assert d["x_range"][0] < p[:, 0].min() and p[:, 0].max() < d["x_range"][1], name
        assert d["y_range"][0] < p[:, 1].min() and p[:, 1].max() < d["y_range"][1], name
        assert f"data_{name}" in TEXT


def test_browser_steps_equal_the_numpy_reference_from_the_same_start(data, pages):
    page = pages("en")
    for name in data["order"]:
        d = data["datasets"][name]
        x = np.array(d["points"])
        start = x[: d["k"]]  # the first k points: for the blobs, the figure's poor start
        states = steps(page, name, start, ITERATIONS)
        assert states[0]["inertia"] is None and states[0]["labels"] == [-1] * len(x) and states[0]["iteration"] == 0
        assert np.array_equal(states[0]["points"], x) and np.array_equal(states[0]["centroids"], start)
        c = start
        for i in range(ITERATIONS):
            after_assign, after_update = states[1 + 2 * i], states[2 + 2 * i]
            labels, d2 = reference.assign(x, c)
            assert after_assign["labels"] == labels.tolist(), f"{name}: labels differ at iteration {i + 1}"
            assert after_assign["inertia"] == pytest.approx(d2.sum(), rel=1e-12)
            c = reference.update(x, labels, d2, len(c))
            assert np.abs(np.array(after_update["centroids"]) - c).max() <= TOL, f"{name}: iteration {i + 1}"
            assert after_update["inertia"] == pytest.approx(np.sum((x - c[labels]) ** 2), rel=1e-12)
            assert after_update["iteration"] == i + 1 and after_update["labels"] == labels.tolist()
        assert states[-1]["inertia"] < states[1]["inertia"]


def test_run_stops_where_the_reference_loop_stops(data, pages):
    page = pages("en")
    x = np.array(data["datasets"]["blobs"]["points"])
    start = np.array(data["datasets"]["blobs"]["start"])
    final = page.evaluate("""(init) => { const km = window.tfnotes.demos.kmeans;
        km.reset({dataset: "blobs", k: init.length, init}); return km.run(); }""", start.tolist())
    ref = reference.lloyd(x, start, max_iter=data["max_iter"], tol=0.0)
    assert ref.converged and final["iteration"] == ref.n_iter
    assert final["labels"] == ref.labels.tolist()
    assert np.abs(np.array(final["centroids"]) - ref.centroids).max() <= TOL
    assert final["inertia"] == pytest.approx(ref.inertia, rel=1e-12)
    again = page.evaluate("() => { const km = window.tfnotes.demos.kmeans; km.assign(); return km.state(); }")
    assert again["labels"] == final["labels"] and again["iteration"] == final["iteration"]  # a fixed point


def test_empty_clusters_follow_the_package_policy(data, pages):
    page = pages("en")
    x = np.array(data["datasets"]["blobs"]["points"])
    crafted = {  # start -> the clusters it empties in the first assignment
        # two centroids far away from every point: clusters 1 and 3 of four get no points
        "far": (np.array([x[0], [40.0, 40.0], x[200], [-40.0, 40.0]]), [1, 3]),
        # a centroid twice: every point is as near to copy 0 as to copy 1 and takes the first (np.argmin's rule)
        "twice": (np.array([x[0], x[0], x[200]]), [1]),
    }
    for name, (init, empty) in crafted.items():
        states = steps(page, "blobs", init, 1)
        labels, d2 = reference.assign(x, init)
        assert sorted(set(range(len(init))) - set(labels.tolist())) == empty, name  # the start does empty them
        assert states[1]["labels"] == labels.tolist(), name
        expected = reference.update(x, labels, d2, len(init))
        got = np.array(states[2]["centroids"])
        farthest = np.argsort(-d2, kind="stable")
        for rank, j in enumerate(empty):  # the r-th empty cluster takes the r-th worst-served point
            assert np.array_equal(got[j], x[farthest[rank]]), f"{name}: cluster {j}"
        assert np.abs(got - expected).max() <= TOL, name
        status = page.locator("#demo-kmeans .tfn-km__status").inner_text()
        for j in empty:  # the readout numbers clusters from 1
            assert TEXT["empty"]["en"].replace("{j}", str(j + 1)) in status, name


def mulberry32(seed: int):
    """The browser's stream ui.rng(seed) (common.js), bit for bit."""
    mask = 0xFFFFFFFF
    state = (seed & mask) or 0x9E3779B9

    def imul(a, b):
        return (a * b) & mask

    def uniform():
        nonlocal state
        state = (state + 0x6D2B79F5) & mask
        t = imul(state ^ (state >> 15), state | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & mask
        return ((t ^ (t >> 14)) & mask) / 2**32

    return uniform


class BrowserStream:
    """The two draws kmeans_plus_plus asks of a NumPy Generator, made from the browser's uniforms."""

    def __init__(self, seed: int):
        self.uniform = mulberry32(seed)

    def integers(self, n: int) -> int:
        return math.floor(self.uniform() * n)

    def choice(self, n: int, p: np.ndarray) -> int:
        u = self.uniform()
        cumulative = np.cumsum(p)
        return int(np.flatnonzero((cumulative > u) & (p > 0))[0])


def test_kmeans_plus_plus_is_the_package_algorithm_on_the_browser_stream(data, pages):
    page = pages("en")
    for name, seed in (("blobs", 0), ("classic", 7), (kmeans_demo.FAILURE_CASE, 123)):
        d = data["datasets"][name]
        got = page.evaluate("""([dataset, k, seed]) =>
            window.tfnotes.demos.kmeans.reset({dataset, k, seed, init: "k-means++"}).centroids""", [name, d["k"], seed])
        expected = kmeans_plus_plus(np.array(d["points"]), d["k"], BrowserStream(seed))
        assert np.array_equal(got, expected), f"{name}, seed {seed}"


def test_random_starts_are_seeded_distinct_points_and_bad_arguments_are_named(data, pages):
    page = pages("en")
    x = np.array(data["datasets"]["classic"]["points"])
    first, again, other = page.evaluate("""() => { const km = window.tfnotes.demos.kmeans;
        const draw = (seed) => km.reset({dataset: "classic", k: 6, seed, init: "random"}).centroids;
        return [draw(5), draw(5), draw(6)]; }""")
    assert first == again and first != other
    rows = [int(np.flatnonzero((x == c).all(axis=1))[0]) for c in first]  # each one a data point
    assert len(set(rows)) == 6
    errors = page.evaluate("""() => { const km = window.tfnotes.demos.kmeans;
        const message = (options) => { try { km.reset(options); return null; } catch (e) { return `${e.name}: ${e.message}`; } };
        return [message({k: 0, init: "random"}), message({k: 2, init: [[0, 0]]}), message({k: 1, init: [[0, NaN]]}),
                message({k: 2, init: "forgy"}), message({dataset: "nope"}), message({k: 2, init: "random", seed: -1})]; }""")
    assert errors[0].startswith("RangeError") and "k must be an integer from 1" in errors[0]
    assert "init has 1 points, k is 2" in errors[1]
    assert errors[2].startswith("TypeError") and "init[0]" in errors[2]
    assert 'init must be an array of k [x, y] points, "random" or "k-means++"' in errors[3]
    assert "dataset must be one of blobs, classic" in errors[4]
    assert "seed must be an integer" in errors[5]


def test_the_keyboard_reaches_assign_and_update_and_the_readout_follows(data, pages):
    page = pages("ko")
    start = data["datasets"]["blobs"]["start"]
    page.evaluate("(init) => window.tfnotes.demos.kmeans.reset({dataset: 'blobs', k: init.length, init})", start)
    before = readout(page)
    page.evaluate("() => { const root = document.getElementById('demo-kmeans'); root.tabIndex = -1; root.focus(); }")
    for _ in range(12):  # Tab from the top of the demo until the Assign button has focus
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('tfn-km__assign')"):
            break
    else:
        pytest.fail("Tab never reached the Assign button")
    assert page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") == "solid"  # focus is visible
    page.keyboard.press("Enter")
    state = page.evaluate("() => window.tfnotes.demos.kmeans.state()")
    x = np.array(data["datasets"]["blobs"]["points"])
    labels, d2 = reference.assign(x, np.array(start))
    assert state["labels"] == labels.tolist() and state["iteration"] == 0
    after = readout(page)
    assert after != before and f"{d2.sum():,.2f}" in after
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.classList.contains('tfn-km__update')")
    page.keyboard.press(" ")
    assert page.evaluate("() => window.tfnotes.demos.kmeans.state().iteration") == 1
    assert TEXT["after_update"]["ko"].replace("{n}", "1") in readout(page)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_readout_shows_numbers_in_the_page_language(data, pages, lang):
    page = pages(lang)
    d = data["datasets"]["blobs"]
    x, start = np.array(d["points"]), np.array(d["start"])
    steps(page, "blobs", start, 1)
    labels, d2 = reference.assign(x, start)
    c = reference.update(x, labels, d2, len(start))
    text = readout(page)
    after_update = np.sum((x - c[labels]) ** 2)
    assert f"{TEXT['inertia'][lang]}: {after_update:,.2f}" in text  # the grouping and decimals of ko-KR / en-US
    assert f"{TEXT['after_assign'][lang].replace('{n}', '1')}: {d2.sum():,.2f}" in text
    for j, size in enumerate(np.bincount(labels, minlength=len(start))):
        assert re.search(rf"{re.escape(TEXT['cluster'][lang].replace('{j}', str(j + 1)))}\s+{size}\b", text)
    ticks = page.locator("#demo-kmeans .tfn-km__frame text").all_text_contents()
    negative = [tick for tick in ticks if tick.startswith("\u2212")]
    assert negative and not any("-" in tick for tick in ticks)  # the minus sign, not a hyphen
