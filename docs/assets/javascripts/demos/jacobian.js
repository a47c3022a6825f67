/* The BPTT explorer: how the norm of ∂h_T/∂h_{T−k} = D_T W_hh · D_{T−1} W_hh ⋯ D_{T−k+1} W_hh (D_t = diag(1 − h_t²))
 * changes with the number of steps back k, for a spectral radius and an input-weight scale the reader chooses, and
 * what truncated BPTT with a window of L steps cuts off (every k ≥ L).
 *
 * Data: assets/demos/jacobian.json, written by tfnotes.demos.jacobian: the seed's random matrix W before rescaling
 * (base64 of its little-endian float64 bytes, row-major), its largest |eigenvalue| m, and the id sequence. This script
 * computes exactly what tfnotes.rnn.experiments.gradient_norms does for one radius and one scale, with the same
 * floating-point operations where the package rescales:
 *   W_hh = W · (radius / m)               (recurrent_matrix)
 *   W_xh = input_scale · Z, Z = the first H·V entries of W as an H×V matrix   (init_params draws W_xh first from
 *                                          the same seeded stream), b_h = 0
 *   h_t = tanh(W_xh x_t + W_hh h_{t−1}),  h_0 = 0, then the product of Jacobians of jacobian_norms, one factor more
 *   on the right per step, and its 2-norm: the largest singular value, σ_max(J) = √λ_max(JᵀJ), from a Householder
 *   reduction of JᵀJ to tridiagonal form and Sturm bisection (accurate to rounding, unlike power iteration).
 *
 * API (window.tfnotes.demos.jacobian, also from the browser console):
 *   norms({radius, input_scale, steps, seed}) → [‖∂h_T/∂h_T‖ = 1, ‖∂h_T/∂h_{T−1}‖, …, ‖∂h_T/∂h_0‖] (steps + 1 numbers),
 *       as jacobian_norms returns them; defaults: the controls' values, steps = the exported length, the exported seed
 *   details(options) → {norms, rate, max_abs_h, min_slope}: also the factor per step fitted from k = fit_from on
 *       (growth_rate), the largest |h_t| and the smallest tanh derivative 1 − h_t² of the forward pass
 *   state() → {radius, input_scale, truncation}: the controls' values
 *   element → the demo's root element
 * Bad arguments throw an Error that names the argument and the problem.
 */
(function () {
  "use strict";

  // SVG units; the width follows the demo's width (one unit = one CSS pixel) so that the text stays legible
  const PLOT = { minWidth: 320, maxWidth: 680, height: 320, left: 62, right: 14, top: 14, bottom: 46 };

  /* ---- numbers from the export ---- */

  function decodeDoubles(base64) {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const view = new DataView(bytes.buffer);
    return Float64Array.from({ length: bytes.length / 8 }, (_, i) => view.getFloat64(8 * i, true));
  }

  /* ---- the experiment: flat row-major Float64Arrays ---- */

  function hiddenStates(Whh, Wxh, inputs, H, V) {
    const hs = [new Float64Array(H)]; // hs[t] = h_t, hs[0] = h_0 = 0
    for (const id of inputs) {
      const prev = hs[hs.length - 1], h = new Float64Array(H);
      for (let i = 0; i < H; i++) {
        let s = 0;
        for (let j = 0; j < H; j++) s += Whh[i * H + j] * prev[j];
        h[i] = Math.tanh(Wxh[i * V + id] + s); // W_xh x_t is column id of W_xh; b_h = 0 adds nothing
      }
      hs.push(h);
    }
    return hs;
  }

  /* J ← J · (D W), D = diag(d): one factor more on the right. */
  function timesStep(J, d, W, n) {
    const M = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) M[i * n + j] = d[i] * W[i * n + j];
    const out = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let l = 0; l < n; l++) {
        const a = J[i * n + l];
        if (a === 0) continue;
        for (let j = 0; j < n; j++) out[i * n + j] += a * M[l * n + j];
      }
    }
    return out;
  }

  /* The largest singular value of the n×n matrix J: √ of the largest eigenvalue of JᵀJ. */
  function norm2(J, n) {
    const A = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        let s = 0;
        for (let l = 0; l < n; l++) s += J[l * n + i] * J[l * n + j];
        A[i * n + j] = A[j * n + i] = s;
      }
    }
    const { d, e } = tridiagonal(A, n);
    return Math.sqrt(Math.max(largestEigenvalue(d, e), 0));
  }

  /* Householder reduction of the symmetric A (overwritten) to tridiagonal T = QᵀAQ: diagonal d, off-diagonal e. */
  function tridiagonal(A, n) {
    const v = new Float64Array(n), p = new Float64Array(n), e = new Float64Array(Math.max(n - 1, 0));
    for (let k = 0; k < n - 2; k++) {
      let norm = 0;
      for (let i = k + 1; i < n; i++) norm = Math.hypot(norm, A[i * n + k]);
      const alpha = A[(k + 1) * n + k] > 0 ? -norm : norm;
      e[k] = alpha;
      if (norm === 0) continue;
      let vv = 0;
      for (let i = k + 1; i < n; i++) v[i] = A[i * n + k] - (i === k + 1 ? alpha : 0);
      for (let i = k + 1; i < n; i++) vv += v[i] * v[i];
      if (vv === 0) continue;
      const scale = 1 / Math.sqrt(vv);
      for (let i = k + 1; i < n; i++) v[i] *= scale;
      // A22 ← H A22 H with H = I − 2vvᵀ: p = A22 v, w = p − (vᵀp) v, A22 ← A22 − 2(v wᵀ + w vᵀ)
      let c = 0;
      for (let i = k + 1; i < n; i++) {
        let s = 0;
        for (let j = k + 1; j < n; j++) s += A[i * n + j] * v[j];
        p[i] = s;
        c += v[i] * s;
      }
      for (let i = k + 1; i < n; i++) p[i] -= c * v[i];
      for (let i = k + 1; i < n; i++) {
        for (let j = k + 1; j < n; j++) A[i * n + j] -= 2 * (v[i] * p[j] + p[i] * v[j]);
      }
    }
    if (n >= 2) e[n - 2] = A[(n - 1) * n + n - 2];
    return { d: Float64Array.from({ length: n }, (_, i) => A[i * n + i]), e };
  }

  /* The largest eigenvalue of the symmetric tridiagonal (d, e), by bisection on Sturm counts. */
  function largestEigenvalue(d, e) {
    const n = d.length;
    let lo = Infinity, hi = -Infinity;
    for (let i = 0; i < n; i++) { // Gershgorin discs bound every eigenvalue
      const r = (i > 0 ? Math.abs(e[i - 1]) : 0) + (i < n - 1 ? Math.abs(e[i]) : 0);
      lo = Math.min(lo, d[i] - r);
      hi = Math.max(hi, d[i] + r);
    }
    const below = (x) => { // how many eigenvalues are < x
      let count = 0, q = 1;
      for (let i = 0; i < n; i++) {
        q = d[i] - x - (i > 0 ? (e[i - 1] * e[i - 1]) / q : 0);
        if (q === 0) q = -Number.EPSILON * (Math.abs(d[i]) + Math.abs(x) + Number.MIN_VALUE);
        if (q < 0) count++;
      }
      return count;
    };
    for (let iter = 0; iter < 200; iter++) {
      const mid = lo + (hi - lo) / 2;
      if (mid <= lo || mid >= hi) break; // the interval is down to neighbouring doubles
      if (below(mid) === n) hi = mid; else lo = mid;
    }
    return hi;
  }

  /* experiments.jacobian_norms on the rescaled model, with what gradient_norms also records. */
  function experiment(base, radius, inputScale, steps) {
    const { W, m, H, V } = base;
    const c = radius / m;
    const Whh = W.map((w) => w * c);
    const Wxh = W.subarray(0, H * V).map((z) => inputScale * z);
    const hs = hiddenStates(Whh, Wxh, base.inputs.slice(0, steps), H, V);
    let J = new Float64Array(H * H);
    for (let i = 0; i < H; i++) J[i * H + i] = 1;
    const norms = [1];
    let maxAbs = 0, minSlope = Infinity;
    for (let k = 1; k <= steps; k++) {
      const h = hs[steps - k + 1];
      const d = h.map((x) => 1 - x ** 2);
      J = timesStep(J, d, Whh, H);
      norms.push(norm2(J, H));
      h.forEach((x, i) => { maxAbs = Math.max(maxAbs, Math.abs(x)); minSlope = Math.min(minSlope, d[i]); });
    }
    return { norms, max_abs_h: maxAbs, min_slope: minSlope };
  }

  /* experiments.growth_rate: exp of the slope of the least-squares line through log(norms[k]), k ≥ start. */
  function growthRate(norms, start) {
    const ks = norms.map((_, k) => k).slice(start), ys = norms.slice(start).map(Math.log);
    if (ks.length < 2) return NaN;
    const kMean = ks.reduce((a, b) => a + b, 0) / ks.length, yMean = ys.reduce((a, b) => a + b, 0) / ys.length;
    let num = 0, den = 0;
    ks.forEach((k, i) => { num += (k - kMean) * (ys[i] - yMean); den += (k - kMean) ** 2; });
    return Math.exp(num / den);
  }

  /* ---- the page ---- */

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (_, key) => values[key]);
  }

  const SUPERSCRIPT = { "-": "⁻", 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹" };
  const power = (e) => "10" + String(e).replace(/./g, (c) => SUPERSCRIPT[c]);

  /* SVG text children for a label in which _{…} marks a subscript. */
  function subscripts(ui, label) {
    return label.split(/_\{([^}]*)\}/).map((part, i) => (i % 2
      ? ui.svg("tspan", { class: "tfn-jac__sub", dy: 3, text: part })
      : ui.svg("tspan", { dy: i ? -3 : 0, text: part })));
  }

  function setup({ root, data, t, ui }) {
    const base = { W: decodeDoubles(data.W_unit), m: data.W_unit_radius, H: data.hidden_size, V: data.vocab_size,
      inputs: data.inputs };
    if (base.W.length !== base.H * base.H) throw new Error(`jacobian: W has ${base.W.length} entries, not H² = ${base.H ** 2}`);
    const K = data.steps;
    const decimals = (x) => Math.max(0, -Math.floor(Math.log10(x) + 1e-9));
    const sci = (x) => {
      if (x >= 1e-2 && x < 1e4) return ui.format(x, x < 1 ? 3 : 2);
      const e = Math.floor(Math.log10(x)), mant = x / 10 ** e;
      return `${ui.format(mant, 2)} × ${power(e)}`;
    };

    function options(o = {}) {
      if (typeof o !== "object" || o === null) throw new TypeError("jacobian: options must be an object {radius, input_scale, steps, seed}");
      const known = ["radius", "input_scale", "steps", "seed"];
      const extra = Object.keys(o).filter((key) => !known.includes(key));
      if (extra.length) throw new TypeError(`jacobian: unknown option ${extra.join(", ")}; known: ${known.join(", ")}`);
      const { radius = +radiusInput.value, input_scale: scale = +scaleSelect.value, steps = K, seed = data.seed } = o;
      for (const [name, x] of [["radius", radius], ["input_scale", scale]]) {
        if (typeof x !== "number" || !Number.isFinite(x) || x <= 0) throw new RangeError(`jacobian: ${name} must be a positive finite number, got ${x}`);
      }
      if (!Number.isInteger(steps) || steps < 1 || steps > K) throw new RangeError(`jacobian: steps must be an integer from 1 to ${K}, got ${steps}`);
      if (seed !== data.seed) throw new RangeError(`jacobian: seed ${seed} has no exported data; this page's seed is ${data.seed}`);
      return { radius, scale, steps };
    }

    function details(o) {
      const { radius, scale, steps } = options(o);
      const out = experiment(base, radius, scale, steps);
      return { ...out, rate: growthRate(out.norms, data.fit_from) };
    }

    /* controls */
    const r = data.radius;
    const radiusInput = ui.el("input", { type: "range", id: "tfn-jac-radius", min: r.min, max: r.max, step: r.step,
      value: r.value, oninput: schedule });
    const radiusOut = ui.el("output", { for: "tfn-jac-radius" });
    const scaleSelect = ui.el("select", { id: "tfn-jac-scale", onchange: schedule },
      data.input_scales.map((s) => ui.el("option", { value: s, selected: s === data.input_scale,
        text: ui.format(s, decimals(s)) })));
    const truncInput = ui.el("input", { type: "range", id: "tfn-jac-trunc", min: 1, max: K, step: 1,
      value: data.truncation, oninput: () => draw() });
    const truncOut = ui.el("output", { for: "tfn-jac-trunc" });
    const plot = ui.svg("svg", { class: "tfn-jac__plot", role: "img", "aria-label": t("plot").replace(/_\{([^}]*)\}/g, "_$1") });
    let width = PLOT.maxWidth;
    const readout = ui.el("p", { class: "tfn-demo__readout", "aria-live": "polite" });
    root.append(
      ui.el("div", { class: "tfn-demo__controls" }, [
        ui.el("label", {}, [t("radius"), radiusInput, radiusOut]),
        ui.el("label", {}, [t("input_scale"), scaleSelect]),
        ui.el("label", {}, [t("truncation"), truncInput, truncOut])]),
      plot, readout);

    let result = null, pending = false;
    function schedule() {
      radiusOut.textContent = ui.format(+radiusInput.value, 2);
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => { pending = false; result = details({}); draw(); });
    }

    const x = (k) => PLOT.left + (k / K) * (width - PLOT.left - PLOT.right);

    function draw() {
      const L = +truncInput.value;
      width = Math.round(Math.min(Math.max(root.clientWidth || PLOT.maxWidth, PLOT.minWidth), PLOT.maxWidth));
      plot.setAttribute("viewBox", `0 0 ${width} ${PLOT.height}`);
      truncOut.textContent = String(L);
      radiusOut.textContent = ui.format(+radiusInput.value, 2);
      const { norms, rate, min_slope: minSlope } = result;
      const logs = norms.map(Math.log10);
      let lo = Math.floor(Math.min(0, ...logs)), hi = Math.ceil(Math.max(0, ...logs));
      if (hi - lo < 2) { lo -= 1; hi += 1; }
      const y = (v) => PLOT.top + ((hi - Math.log10(v)) / (hi - lo)) * (PLOT.height - PLOT.top - PLOT.bottom);
      const every = Math.ceil((hi - lo) / 8);
      const bottom = PLOT.height - PLOT.bottom;
      const nodes = [ui.svg("rect", { class: "tfn-jac__cut", x: x(L), y: PLOT.top, width: Math.max(x(K) - x(L), 0),
        height: bottom - PLOT.top })];
      if (L < K) nodes.push(ui.svg("text", { x: x(K) - 4, y: PLOT.top + 14, "text-anchor": "end", class: "tfn-jac__note",
        text: t("cut") }));
      for (let e = Math.ceil(lo / every) * every; e <= hi; e += every) { // multiples of the step: 10⁰ always drawn
        nodes.push(ui.svg("line", { class: e === 0 ? "tfn-jac__one" : "tfn-jac__grid", x1: PLOT.left, x2: x(K), y1: y(10 ** e), y2: y(10 ** e) }),
          ui.svg("text", { x: PLOT.left - 6, y: y(10 ** e) + 4, "text-anchor": "end", text: power(e) }));
      }
      const xStep = K > 20 ? 10 : K > 10 ? 5 : 1;
      for (let k = 0; k <= K; k += xStep) {
        nodes.push(ui.svg("line", { class: "tfn-jac__axis", x1: x(k), x2: x(k), y1: bottom, y2: bottom + 4 }),
          ui.svg("text", { x: x(k), y: bottom + 16, "text-anchor": "middle", text: String(k) }));
      }
      nodes.push(
        ui.svg("line", { class: "tfn-jac__axis", x1: PLOT.left, x2: x(K), y1: bottom, y2: bottom }),
        ui.svg("line", { class: "tfn-jac__axis", x1: PLOT.left, x2: PLOT.left, y1: PLOT.top, y2: bottom }),
        ui.svg("text", { x: (PLOT.left + x(K)) / 2, y: PLOT.height - 8, "text-anchor": "middle", text: t("x_axis") }),
        ui.svg("text", { x: 14, y: (PLOT.top + bottom) / 2, "text-anchor": "middle",
          transform: `rotate(-90 14 ${(PLOT.top + bottom) / 2})` }, subscripts(ui, t("y_axis"))),
        ui.svg("polyline", { class: "tfn-jac__curve", points: norms.map((v, k) => `${x(k)},${y(v)}`).join(" ") }),
        ui.svg("circle", { class: "tfn-jac__mark", cx: x(Math.min(L, K)), cy: y(norms[Math.min(L, K)]), r: 4 }));
      plot.replaceChildren(...nodes);
      readout.textContent = fill(t("readout"), { radius: ui.format(+radiusInput.value, 2),
        scale: ui.format(+scaleSelect.value, decimals(+scaleSelect.value)), K, end: sci(norms[K]),
        from: data.fit_from, rate: ui.format(rate, 3), slope: minSlope < 0.01 ? sci(minSlope) : ui.format(minSlope, 3), L,
        cut: sci(norms[L]) });
    }

    result = details({});
    draw();
    let lastWidth = root.clientWidth;
    new ResizeObserver(() => { // redraw at the new width (the plot's units are CSS pixels)
      if (root.clientWidth !== lastWidth) { lastWidth = root.clientWidth; draw(); }
    }).observe(root);

    return {
      norms: (o) => details(o).norms,
      details,
      state: () => ({ radius: +radiusInput.value, input_scale: +scaleSelect.value, truncation: +truncInput.value }),
    };
  }

  window.tfnotes.demo.define("jacobian", setup);
})();
