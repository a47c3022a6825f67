/* k-means stepper: Lloyd's algorithm one half-step at a time, on the data the build exported
 * (tfnotes.demos.kmeans: the Lloyd page's blobs, the 2016 tutorial data, the failures page's uneven sizes).
 *
 * JavaScript API (drive it from the browser console):
 *
 *   const km = window.tfnotes.demos.kmeans;
 *   km.state()     → {points, centroids, labels, inertia, iteration}
 *                    points and centroids are [x, y] pairs; labels are integers in [0, k), −1 before the first
 *                    assignment; inertia is the current objective, the sum over points of the squared distance
 *                    to their assigned centroid (null before the first assignment); iteration is the number of
 *                    completed updates.
 *   km.reset({k, init, seed, dataset})
 *                    start again: init is an array of k [x, y] points, "random" (Forgy: k distinct data points)
 *                    or "k-means++"; seed (an integer) seeds the random inits; dataset (optional) is one of
 *                    "blobs", "classic", "uneven_sizes". Missing keys keep the current settings. Returns state().
 *   km.assign()    one half-step: every point takes the label of its nearest centroid (after reset, the init
 *                    centroids). Returns state().
 *   km.update()    one half-step: every centroid moves to the mean of its points; an empty cluster's centroid
 *                    jumps to the point farthest from its own centroid, one distinct point per empty cluster,
 *                    exactly as tfnotes.kmeans.reference.update. Returns state().
 *   km.run()       assign and update until an assignment changes no label (that iteration's update included,
 *                    as in tfnotes.kmeans.reference.lloyd), at most max_iter iterations in all. Returns state().
 *   km.element     the demo's root element (set by the runtime).
 *
 * A half-step that has nothing to do (update before an assignment, assign twice in a row) changes nothing.
 * The arithmetic is the reference's: squared distances as dx² + dy², the first nearest centroid on ties, means as
 * sums over the members in data order divided by their count; the tests compare it with NumPy to 1e-9.
 */
(function () {
  "use strict";

  // ---------------------------------------------------------------- the algorithm (pure functions)

  function dist2(p, c) {
    const dx = p[0] - c[0], dy = p[1] - c[1];
    return dx * dx + dy * dy;
  }

  /* Assignment step: the index of the nearest centroid for every point (the first one on ties, as np.argmin),
   * and the squared distance to it. */
  function assignStep(points, centroids) {
    const labels = new Array(points.length), d2 = new Array(points.length);
    points.forEach((p, i) => {
      let best = 0, bestD = dist2(p, centroids[0]);
      for (let j = 1; j < centroids.length; j++) {
        const d = dist2(p, centroids[j]);
        if (d < bestD) { best = j; bestD = d; }
      }
      labels[i] = best;
      d2[i] = bestD;
    });
    return { labels, d2 };
  }

  /* Point indices by squared distance to their own centroid, largest first, ties in index order
   * (np.argsort(-d2, kind="stable")). */
  function worstServedFirst(d2) {
    return d2.map((_, i) => i).sort((a, b) => d2[b] - d2[a] || a - b);
  }

  /* Update step: every centroid moves to the mean of its points. Empty-cluster policy of the package
   * (tfnotes.kmeans.reference.update): the j-th empty cluster, in cluster order, takes the j-th worst-served
   * point (farthest from its own centroid, with d2 from the assignment just made). */
  function updateStep(points, labels, d2, k) {
    const sums = Array.from({ length: k }, () => [0, 0]), counts = new Array(k).fill(0);
    points.forEach((p, i) => {
      const j = labels[i];
      sums[j][0] += p[0];
      sums[j][1] += p[1];
      counts[j] += 1;
    });
    const farthest = worstServedFirst(d2), empty = [];
    const centroids = sums.map((s, j) => {
      if (counts[j] > 0) return [s[0] / counts[j], s[1] / counts[j]];
      empty.push(j);
      return points[farthest[empty.length - 1]].slice();
    });
    return { centroids, empty };
  }

  function inertiaOf(points, centroids, labels) {
    let total = 0;
    points.forEach((p, i) => { total += dist2(p, centroids[labels[i]]); });
    return total;
  }

  /* The inits of tfnotes.kmeans._common, drawn from the browser's seeded stream rand = ui.rng(seed)
   * (mulberry32). The algorithms are the package's; the stream is not NumPy's default_rng (PCG64), so the same
   * seed gives other starting centroids here than in Python. Comparisons with the package start from explicit
   * centroids (reset({init: [[x, y], ...]})). */

  /* Forgy: k distinct data points chosen uniformly (rng.choice(n, k, replace=False); here a partial
   * Fisher–Yates shuffle). */
  function randomInit(points, k, rand) {
    const index = points.map((_, i) => i);
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(rand() * (points.length - i));
      [index[i], index[j]] = [index[j], index[i]];
    }
    return index.slice(0, k).map((i) => points[i].slice());
  }

  /* k-means++ (D² seeding): the first centroid is a uniform data point; each next one is a data point drawn
   * with probability proportional to its squared distance to the nearest centroid so far; when all those
   * distances are 0, any point (uniform). */
  function kmeansPlusPlus(points, k, rand) {
    const n = points.length;
    const first = points[Math.floor(rand() * n)];
    const centroids = [first.slice()];
    const d2 = points.map((p) => dist2(p, first));
    while (centroids.length < k) {
      const total = d2.reduce((a, b) => a + b, 0);
      const i = total > 0 ? drawWeighted(d2, total, rand) : Math.floor(rand() * n);
      centroids.push(points[i].slice());
      points.forEach((p, m) => { d2[m] = Math.min(d2[m], dist2(p, points[i])); });
    }
    return centroids;
  }

  /* An index drawn with probability weights[i] / total (rng.choice(n, p=weights / total): the first index whose
   * cumulative weight exceeds a uniform target; points of weight 0 are never drawn). */
  function drawWeighted(weights, total, rand) {
    const target = rand() * total;
    let cumulative = 0, last = -1;
    for (let i = 0; i < weights.length; i++) {
      if (weights[i] <= 0) continue;
      cumulative += weights[i];
      last = i;
      if (cumulative > target) return i;
    }
    return last; // rounding: the target fell past the last cumulative sum
  }

  // ---------------------------------------------------------------- checks of the API's arguments

  function checkK(k, n) {
    if (!Number.isInteger(k) || k < 1 || k > n) {
      throw new RangeError(`kmeans.reset: k must be an integer from 1 to the number of points (${n}), got ${k}`);
    }
  }

  function checkCentroids(init, k) {
    if (init.length !== k) throw new RangeError(`kmeans.reset: init has ${init.length} points, k is ${k}`);
    init.forEach((c, j) => {
      if (!Array.isArray(c) || c.length !== 2 || !c.every(Number.isFinite)) {
        throw new TypeError(`kmeans.reset: init[${j}] must be an [x, y] pair of finite numbers, got ${JSON.stringify(c)}`);
      }
    });
    return init.map((c) => [c[0], c[1]]);
  }

  // ---------------------------------------------------------------- the demo

  function setup({ root, data, t, ui }) {
    const fmt = (key, values) => t(key).replace(/\{(\w+)\}/g, (_, name) => values[name]);
    const names = data.order;
    const s = {}; // the stepper's state; see reset()
    let timer = null; // the Run button's animation

    // ---- state transitions

    function reset(options) {
      if (options === null || typeof options !== "object") throw new TypeError("kmeans.reset: pass an object {k, init, seed, dataset}");
      const name = options.dataset === undefined ? s.name : options.dataset;
      if (!names.includes(name)) throw new RangeError(`kmeans.reset: dataset must be one of ${names.join(", ")}, got ${name}`);
      const set = data.datasets[name];
      const init = options.init === undefined ? s.init : options.init;
      const fallbackK = Array.isArray(init) ? init.length : set.k;
      const k = options.k === undefined ? (name === s.name && s.k ? s.k : fallbackK) : options.k;
      const seed = options.seed === undefined ? s.seed : options.seed;
      checkK(k, set.points.length);
      if (!Number.isInteger(seed) || seed < 0) throw new RangeError(`kmeans.reset: seed must be an integer ≥ 0, got ${seed}`);
      let centroids;
      if (Array.isArray(init)) centroids = checkCentroids(init, k);
      else if (init === "random") centroids = randomInit(set.points, k, ui.rng(seed));
      else if (init === "k-means++") centroids = kmeansPlusPlus(set.points, k, ui.rng(seed));
      else if (init === "click") centroids = []; // placed by hand on the plot (the UI's own mode)
      else throw new RangeError(`kmeans.reset: init must be an array of k [x, y] points, "random" or "k-means++", got ${init}`);
      stop();
      Object.assign(s, {
        name, set, points: set.points, k, seed, init, centroids,
        labels: null, d2: null, phase: "start", iteration: 0, inertia: null, changed: null,
        history: [], paths: centroids.map((c) => [c]), converged: false, limit: false, empty: [],
      });
      render(true);
      return state();
    }

    function placed() {
      return s.centroids.length === s.k;
    }

    function assign() {
      if (!placed() || s.phase === "assigned") return state();
      const previous = s.labels;
      const { labels, d2 } = assignStep(s.points, s.centroids);
      s.changed = previous ? labels.reduce((n, label, i) => n + (label !== previous[i]), 0) : null;
      s.converged = s.changed === 0;
      Object.assign(s, { labels, d2, phase: "assigned", inertia: d2.reduce((a, b) => a + b, 0), empty: [] });
      s.history.push({ step: "assign", n: s.iteration + 1, inertia: s.inertia });
      render(false);
      return state();
    }

    function update() {
      if (s.phase !== "assigned") return state();
      const { centroids, empty } = updateStep(s.points, s.labels, s.d2, s.k);
      s.centroids = centroids;
      s.empty = empty;
      s.iteration += 1;
      s.phase = "updated";
      s.inertia = inertiaOf(s.points, centroids, s.labels);
      centroids.forEach((c, j) => s.paths[j].push(c));
      s.history.push({ step: "update", n: s.iteration, inertia: s.inertia });
      render(false);
      return state();
    }

    /* One half-step of Run; false when Run is done. */
    function runStep() {
      if (!placed() || (s.converged && s.phase === "updated")) return false;
      if (s.iteration >= data.max_iter) {
        s.limit = true;
        render(false);
        return false;
      }
      if (s.phase === "assigned") update();
      else assign();
      return !(s.converged && s.phase === "updated");
    }

    function run() {
      stop();
      while (runStep()) { /* half-steps until the labels stop changing or the limit */ }
      return state();
    }

    function state() {
      return {
        points: s.points.map((p) => p.slice()),
        centroids: s.centroids.map((c) => c.slice()),
        labels: s.labels ? s.labels.slice() : s.points.map(() => -1),
        inertia: s.inertia,
        iteration: s.iteration,
      };
    }

    // ---- the view

    const W = 600, PAD = { left: 34, right: 8, top: 8, bottom: 24 };
    const id = (suffix) => `tfn-km-${suffix}`;

    const option = (value, text) => ui.el("option", { value, text });
    const datasetSelect = ui.el("select", { id: id("data"), onchange: fromControls },
      names.map((name) => option(name, t(`data_${name}`))));
    const kInput = ui.el("input", { id: id("k"), class: "tfn-km__number", type: "number", min: 1, max: 8, step: 1, inputmode: "numeric", onchange: fromControls });
    const initSelect = ui.el("select", { id: id("init"), onchange: fromControls }, [
      option("figure", t("init_figure")), option("random", t("init_random")),
      option("k-means++", t("init_kpp")), option("click", t("init_click")),
    ]);
    const seedInput = ui.el("input", { id: id("seed"), class: "tfn-km__number", type: "number", min: 0, step: 1, inputmode: "numeric", onchange: fromControls });
    const labelled = (input, key) => ui.el("label", { for: input.id }, [t(key), input]);
    const button = (key, onclick) => ui.el("button", { type: "button", class: `tfn-km__${key}`, text: t(key), onclick });
    const assignButton = button("assign", () => { stop(); assign(); });
    const updateButton = button("update", () => { stop(); update(); });
    const runButton = button("run", toggleRun);
    const controls = ui.el("div", { class: "tfn-km__controls", role: "group", "aria-label": t("controls") }, [
      ui.el("div", { class: "tfn-demo__controls" }, [
        labelled(datasetSelect, "dataset"), labelled(kInput, "k"), labelled(initSelect, "init"), labelled(seedInput, "seed"),
      ]),
      ui.el("div", { class: "tfn-demo__controls" }, [
        assignButton, updateButton, runButton, button("reset", () => fromControls()),
      ]),
    ]);

    const layers = {
      frame: ui.svg("g", { class: "tfn-km__frame" }),
      points: ui.svg("g", { class: "tfn-km__points" }),
      paths: ui.svg("g", { class: "tfn-km__paths" }),
      centroids: ui.svg("g", { class: "tfn-km__centroids" }),
      cursor: ui.svg("g", { class: "tfn-km__cursor", visibility: "hidden" }, [
        ui.svg("line", { x1: -9, x2: 9, y1: 0, y2: 0 }), ui.svg("line", { x1: 0, x2: 0, y1: -9, y2: 9 }),
      ]),
    };
    const plot = ui.svg("svg", { class: "tfn-km__plot", role: "img", "aria-label": t("plot"), onclick: placeByClick, onkeydown: placeByKey },
      Object.values(layers));

    const summary = ui.el("p", { class: "tfn-km__summary" });
    const status = ui.el("p", { class: "tfn-km__status" });
    const sizes = ui.el("table", { class: "tfn-km__sizes" });
    const spark = ui.svg("svg", { class: "tfn-km__spark", viewBox: "0 0 200 40", "aria-hidden": "true" });
    const history = ui.el("ol", { class: "tfn-km__history", tabindex: 0, "aria-label": t("history") });
    const readout = ui.el("div", { class: "tfn-demo__readout tfn-km__readout" }, [
      ui.el("div", { "aria-live": "polite" }, [summary, status]),
      sizes,
      ui.el("p", { class: "tfn-km__caption", id: id("history"), text: t("history") }),
      spark, history,
    ]);
    root.append(controls, ui.el("div", { class: "tfn-km__body" }, [plot, readout]));

    let geometry = null; // data → SVG coordinates for the current data set

    function scales(set) {
      const [x0, x1] = set.x_range, [y0, y1] = set.y_range;
      const scale = (W - PAD.left - PAD.right) / (x1 - x0); // equal aspect, as the page's figures
      const height = PAD.top + PAD.bottom + (y1 - y0) * scale;
      return {
        height,
        x: (x) => PAD.left + (x - x0) * scale,
        y: (y) => PAD.top + (y1 - y) * scale,
        invert: (px, py) => [x0 + (px - PAD.left) / scale, y1 - (py - PAD.top) / scale],
        set,
      };
    }

    /* A tick step of 1, 2 or 5 times a power of ten, about six ticks over the range. */
    function tickStep(span) {
      const raw = span / 6, power = 10 ** Math.floor(Math.log10(raw));
      return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= raw);
    }

    function ticks([lo, hi]) {
      const step = tickStep(hi - lo), out = [];
      for (let v = Math.ceil(lo / step) * step; v <= hi; v += step) out.push(Math.round(v / step) * step);
      return out;
    }

    function drawFrame(g) {
      const { set } = g, [x0, x1] = set.x_range, [y0, y1] = set.y_range;
      const digits = (range) => (tickStep(range[1] - range[0]) < 1 ? 1 : 0);
      const children = [ui.svg("rect", { x: g.x(x0), y: g.y(y1), width: g.x(x1) - g.x(x0), height: g.y(y0) - g.y(y1) })];
      for (const v of ticks(set.x_range)) {
        children.push(ui.svg("line", { class: "tfn-km__grid", x1: g.x(v), x2: g.x(v), y1: g.y(y0), y2: g.y(y1) }));
        children.push(ui.svg("text", { x: g.x(v), y: g.y(y0) + 15, "text-anchor": "middle", text: ui.format(v, digits(set.x_range)) }));
      }
      for (const v of ticks(set.y_range)) {
        children.push(ui.svg("line", { class: "tfn-km__grid", x1: g.x(x0), x2: g.x(x1), y1: g.y(v), y2: g.y(v) }));
        children.push(ui.svg("text", { x: g.x(x0) - 5, y: g.y(v) + 4, "text-anchor": "end", text: ui.format(v, digits(set.y_range)) }));
      }
      layers.frame.replaceChildren(...children);
    }

    function drawPoints(g) {
      const r = s.points.length > 1000 ? 2.6 : 3.6;
      layers.points.replaceChildren(...s.points.map((p) => ui.svg("circle", { cx: g.x(p[0]), cy: g.y(p[1]), r })));
    }

    const color = (j) => `var(--tfn-demo-c${j % 8})`;

    function colourPoints() {
      const circles = layers.points.children;
      for (let i = 0; i < circles.length; i++) {
        circles[i].style.fill = s.labels ? color(s.labels[i]) : "";
      }
    }

    /* A cross like the figures' centroid marker (matplotlib's "X"), filled with the cluster's colour. */
    function cross(x, y, j) {
      const a = 3, b = 8; // half-width of an arm, half-length of the cross
      const d = `M${x - b + a},${y - b}L${x},${y - a}L${x + b - a},${y - b}L${x + b},${y - b + a}L${x + a},${y}` +
        `L${x + b},${y + b - a}L${x + b - a},${y + b}L${x},${y + a}L${x - b + a},${y + b}L${x - b},${y + b - a}` +
        `L${x - a},${y}L${x - b},${y - b + a}Z`;
      return ui.svg("path", { d, style: `fill: ${color(j)}` });
    }

    function drawCentroids(g) {
      layers.paths.replaceChildren(...s.paths.map((path) =>
        ui.svg("polyline", { points: path.map((c) => `${g.x(c[0])},${g.y(c[1])}`).join(" ") })));
      layers.centroids.replaceChildren(...s.centroids.map((c, j) => cross(g.x(c[0]), g.y(c[1]), j)));
    }

    function drawReadout() {
      const none = t("none");
      const parts = [
        [t("iteration"), ui.format(s.iteration, 0)],
        [t("inertia"), s.inertia === null ? none : ui.format(s.inertia, 2)],
        [t("changed"), s.changed === null ? "\u2013" : ui.format(s.changed, 0)],
      ];
      summary.replaceChildren(...parts.flatMap(([label, value], i) => [
        i ? " · " : "", ui.el("span", { class: "tfn-km__key", text: `${label}: ` }), ui.el("b", { class: `tfn-km__value`, text: value }),
      ]));
      status.textContent = statusText();
      const counts = new Array(s.k).fill(0);
      if (s.labels) s.labels.forEach((label) => { counts[label] += 1; });
      sizes.replaceChildren(
        ui.el("caption", { text: t("sizes") }),
        ui.el("tbody", {}, counts.map((count, j) => ui.el("tr", {}, [
          ui.el("th", { scope: "row" }, [ui.el("span", { class: "tfn-km__swatch", style: `background: ${color(j)}`, "aria-hidden": "true" }),
            fmt("cluster", { j: j + 1 })]),
          ui.el("td", { text: s.labels ? ui.format(count, 0) : none }),
        ]))));
      history.replaceChildren(...s.history.map((h) => ui.el("li", {}, [
        `${fmt(h.step === "assign" ? "after_assign" : "after_update", { n: h.n })}: `, ui.el("b", { text: ui.format(h.inertia, 2) }),
      ])));
      history.hidden = s.history.length === 0;
      history.scrollTop = history.scrollHeight;
      drawSpark();
    }

    function statusText() {
      if (!placed()) return fmt("place", { n: s.k - s.centroids.length });
      const notes = s.empty.map((j) => fmt("empty", { j: j + 1 }));
      if (s.limit) notes.push(fmt("max_reached", { n: data.max_iter }));
      else if (s.converged) notes.push(t("converged"));
      else notes.push(t(s.phase === "assigned" ? "next_update" : "next_assign"));
      return notes.join(" ");
    }

    function drawSpark() {
      const values = s.history.map((h) => h.inertia);
      if (values.length < 2) { spark.replaceChildren(); return; }
      const lo = Math.min(...values), hi = Math.max(...values), span = hi - lo || 1;
      const xy = values.map((v, i) => [4 + (192 * i) / (values.length - 1), 36 - (32 * (v - lo)) / span]);
      spark.replaceChildren(ui.svg("polyline", { points: xy.map((p) => p.join(",")).join(" ") }),
        ...xy.map(([x, y], i) => ui.svg("circle", { cx: x, cy: y, r: 2, class: s.history[i].step })));
    }

    function render(full) {
      if (full || !geometry || geometry.set !== s.set) {
        geometry = scales(s.set);
        plot.setAttribute("viewBox", `0 0 ${W} ${geometry.height}`);
        drawFrame(geometry);
        drawPoints(geometry);
        syncControls();
      }
      colourPoints();
      drawCentroids(geometry);
      drawReadout();
      const placing = !placed();
      plot.classList.toggle("is-placing", placing);
      plot.setAttribute("tabindex", placing ? 0 : -1);
      plot.setAttribute("role", placing ? "application" : "img");
      plot.setAttribute("aria-label", placing ? fmt("place", { n: s.k - s.centroids.length }) : t("plot"));
      if (!placing) layers.cursor.setAttribute("visibility", "hidden");
      [assignButton, updateButton, runButton].forEach((b) => { b.disabled = placing; }); // nothing to do until all k are placed
    }

    // ---- controls

    function initChoice() {
      if (Array.isArray(s.init)) return s.set.start && sameCentroids(s.init, s.set.start) ? "figure" : "click";
      return s.init;
    }

    function sameCentroids(a, b) {
      return a.length === b.length && a.every((c, j) => c[0] === b[j][0] && c[1] === b[j][1]);
    }

    function syncControls() {
      datasetSelect.value = s.name;
      kInput.value = s.k;
      initSelect.querySelector('option[value="figure"]').disabled = !s.set.start;
      initSelect.value = initChoice();
      seedInput.value = s.seed;
    }

    /* Reset from what the controls say (a changed data set brings its own k). */
    function fromControls(event) {
      const name = datasetSelect.value, set = data.datasets[name];
      const newData = name !== s.name;
      let k = newData ? set.k : Math.round(Number(kInput.value));
      if (!Number.isFinite(k)) k = s.k;
      k = Math.min(Math.max(k, 1), Number(kInput.max), set.points.length);
      let choice = initSelect.value;
      if (choice === "figure" && (!set.start || (!newData && event && event.target === kInput && k !== set.start.length))) {
        choice = "k-means++";
      }
      if (choice === "figure") k = set.start.length;
      const seed = Math.max(0, Math.round(Number(seedInput.value)) || 0);
      reset({ dataset: name, k, seed, init: choice === "figure" ? set.start : choice });
    }

    function toggleRun() {
      if (timer) { stop(); return; }
      const reduced = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      if (reduced) { run(); return; }
      if (!runStep()) return;
      runButton.textContent = t("stop");
      timer = window.setInterval(() => { if (!runStep()) stop(); }, 350);
    }

    function stop() {
      if (!timer) return;
      window.clearInterval(timer);
      timer = null;
      runButton.textContent = t("run");
    }

    // ---- placing centroids by hand (init "click")

    function place(c) {
      if (placed()) return;
      s.centroids.push(c);
      s.paths.push([c]);
      s.init = s.centroids.map((p) => p.slice());
      render(false);
    }

    function svgPoint(event) {
      const m = plot.getScreenCTM().inverse();
      const p = new DOMPoint(event.clientX, event.clientY).matrixTransform(m);
      return [p.x, p.y];
    }

    function placeByClick(event) {
      if (placed()) return;
      place(geometry.invert(...svgPoint(event)));
    }

    let cursor = null; // the keyboard cross-hair, in data coordinates

    function placeByKey(event) {
      if (placed()) return;
      const { x_range: xr, y_range: yr } = s.set;
      if (!cursor) cursor = [(xr[0] + xr[1]) / 2, (yr[0] + yr[1]) / 2];
      const step = (event.shiftKey ? 0.1 : 0.02) * (xr[1] - xr[0]);
      const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
      if (moves[event.key]) {
        cursor = [Math.min(Math.max(cursor[0] + moves[event.key][0], xr[0]), xr[1]),
          Math.min(Math.max(cursor[1] + moves[event.key][1], yr[0]), yr[1])];
      } else if (event.key === "Enter" || event.key === " ") {
        place(cursor.slice());
      } else {
        return;
      }
      event.preventDefault();
      layers.cursor.setAttribute("transform", `translate(${geometry.x(cursor[0])},${geometry.y(cursor[1])})`);
      layers.cursor.setAttribute("visibility", placed() ? "hidden" : "visible");
    }

    plot.addEventListener("focus", () => {
      if (placed()) return;
      const { x_range: xr, y_range: yr } = s.set;
      cursor = cursor || [(xr[0] + xr[1]) / 2, (yr[0] + yr[1]) / 2];
      layers.cursor.setAttribute("transform", `translate(${geometry.x(cursor[0])},${geometry.y(cursor[1])})`);
      layers.cursor.setAttribute("visibility", "visible");
    });
    plot.addEventListener("blur", () => layers.cursor.setAttribute("visibility", "hidden"));

    // On load: the page figure's data and start, so the first steps redraw the figure's panels.
    const first = data.datasets[names[0]];
    reset({ dataset: names[0], k: first.start ? first.start.length : first.k, seed: 0,
      init: first.start ? first.start : "k-means++" });
    return { state, reset, assign, update, run };
  }

  window.tfnotes.demo.define("kmeans", setup);
})();
