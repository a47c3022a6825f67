/* The "hello" step-through: the trained "hello" model of the page reads h, e, l, l, o one step at a time; the demo
 * shows the one-hot input x_t, the hidden state h_t, the next-character probabilities p_t and the prediction, and
 * samples a continuation at a chosen temperature with the browser's own seeded stream (ui.rng).
 *
 * Data: assets/demos/rnn.json, written by tfnotes.demos.rnn (the weights the figure rnn-hello-softmax was drawn
 * with). The weights follow the chapter's column-vector convention, exactly as tfnotes.rnn.params stores them:
 *   h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h),   y_t = W_hy h_t + b_y,   p_t = softmax(y_t)
 *   W_xh: H×V, W_hh: H×H, W_hy: V×H, b_h: H, b_y: V   (nothing is transposed on the way).
 *
 * API (window.tfnotes.demos.rnn, also from the browser console; ids are integers 0 … V−1 in the order of vocab):
 *   params()                  → {W_xh, W_hh, W_hy, b_h, b_y, vocab}: copies, nested arrays
 *   forward(inputs)           → {h: T×H, p: T×V}, from h_0 = 0 (row t is the step that reads inputs[t])
 *   bptt(inputs, targets)     → {loss, grads, dh_norms}: the summed cross-entropy (nats), its gradient for each of
 *                               the five parameters (same keys and shapes as params()), and for every step t the
 *                               norm ‖∂L/∂h_t‖ of the whole gradient reaching h_t (from the output at t and from
 *                               the later steps), as tfnotes.rnn.numpy_rnn.loss_and_grads computes them
 *   sample(prefix, {temperature = 1, seed = 1, length}) → ids sampled after reading prefix (stops at <end>)
 *   state()                   → {step, temperature, sampled}: what the demo shows (step counts from 1)
 *   element                   → the demo's root element
 * Bad arguments throw an Error that names the argument and the problem.
 */
(function () {
  "use strict";

  const KEYS = ["W_xh", "W_hh", "W_hy", "b_h", "b_y"];
  const WIDTH = 200, TOP = 44, ROW = 20, LEFT = 40, BAR = 120; // one panel's SVG units

  /* ---- the model: plain arrays, one line per equation ---- */

  const zeros = (n) => new Array(n).fill(0);
  const dot = (a, b) => a.reduce((s, ai, i) => s + ai * b[i], 0);
  const copy = (x) => (Array.isArray(x) ? x.map(copy) : x);

  function softmax(y) {
    const m = Math.max(...y);
    const e = y.map((v) => Math.exp(v - m));
    const z = e.reduce((s, v) => s + v, 0);
    return e.map((v) => v / z);
  }

  function step(P, id, hPrev) {
    const h = P.b_h.map((b, i) => Math.tanh(P.W_xh[i][id] + dot(P.W_hh[i], hPrev) + b)); // W_xh x_t is column id
    const y = P.b_y.map((b, v) => dot(P.W_hy[v], h) + b);
    return { h, y };
  }

  function run(P, ids) {
    const hs = [zeros(P.b_h.length)]; // hs[t] is the state before reading ids[t]
    const ys = [];
    for (const id of ids) {
      const out = step(P, id, hs[hs.length - 1]);
      hs.push(out.h);
      ys.push(out.y);
    }
    return { hs, ys, ps: ys.map(softmax) };
  }

  function backward(P, ids, targets) {
    const { hs, ys, ps } = run(P, ids);
    const V = P.b_y.length, H = P.b_h.length;
    const grads = { W_xh: P.W_xh.map((r) => zeros(r.length)), W_hh: P.W_hh.map((r) => zeros(H)),
      W_hy: P.W_hy.map((r) => zeros(H)), b_h: zeros(H), b_y: zeros(V) };
    let loss = 0;
    for (let t = 0; t < ids.length; t++) {
      const m = Math.max(...ys[t]);
      const logZ = m + Math.log(ys[t].reduce((s, v) => s + Math.exp(v - m), 0));
      loss += logZ - ys[t][targets[t]];
    }
    const dhNorms = zeros(ids.length);
    let dhNext = zeros(H);
    for (let t = ids.length - 1; t >= 0; t--) {
      const h = hs[t + 1], hPrev = hs[t];
      const dy = ps[t].map((p, v) => p - (v === targets[t] ? 1 : 0)); // ∂L/∂y_t = p_t − onehot(target_t)
      dy.forEach((d, v) => { grads.b_y[v] += d; h.forEach((hj, j) => { grads.W_hy[v][j] += d * hj; }); });
      const dh = h.map((_, j) => dy.reduce((s, d, v) => s + P.W_hy[v][j] * d, 0) + dhNext[j]); // W_hyᵀ dy + future
      dhNorms[t] = Math.sqrt(dot(dh, dh));
      const dRaw = dh.map((d, i) => (1 - h[i] * h[i]) * d); // through tanh
      dRaw.forEach((d, i) => {
        grads.b_h[i] += d;
        grads.W_xh[i][ids[t]] += d;
        hPrev.forEach((hj, j) => { grads.W_hh[i][j] += d * hj; });
      });
      dhNext = hPrev.map((_, j) => dRaw.reduce((s, d, i) => s + P.W_hh[i][j] * d, 0)); // W_hhᵀ dRaw → step t − 1
    }
    return { loss, grads, dh_norms: dhNorms };
  }

  /* The first id whose cumulative probability passes u (u uniform in [0, 1)). */
  function pick(p, u) {
    let acc = 0;
    for (let id = 0; id < p.length - 1; id++) {
      acc += p[id];
      if (u < acc) return id;
    }
    return p.length - 1;
  }

  /* One sampled continuation: read prefix, then feed each drawn id back in, until <end> or `length` ids. */
  function sampleIds(P, prefix, temperature, random, length, endId) {
    const read = run(P, prefix);
    let h = read.hs[prefix.length], y = read.ys[prefix.length - 1];
    const out = [];
    while (out.length < length) {
      const id = pick(softmax(y.map((v) => v / temperature)), random());
      out.push(id);
      if (id === endId) break;
      ({ h, y } = step(P, id, h));
    }
    return out;
  }

  /* ---- argument checks: every message names the argument ---- */

  function checkIds(name, ids, V) {
    if (!Array.isArray(ids)) throw new TypeError(`rnn: ${name} must be an array of character ids, got ${typeof ids}`);
    if (ids.length === 0) throw new RangeError(`rnn: ${name} is empty; need at least one character id`);
    ids.forEach((id, i) => {
      if (!Number.isInteger(id)) throw new TypeError(`rnn: ${name}[${i}] = ${JSON.stringify(id)} is not an integer id`);
      if (id < 0 || id >= V) throw new RangeError(`rnn: ${name}[${i}] = ${id} is an unknown id; ids run from 0 to ${V - 1}`);
    });
    return ids.slice();
  }

  function checkPositive(name, x) {
    if (typeof x !== "number" || !Number.isFinite(x) || x <= 0) {
      throw new RangeError(`rnn: ${name} must be a positive finite number, got ${x}`);
    }
    return x;
  }

  /* ---- the page ---- */

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (_, key) => values[key]);
  }

  function setup({ root, data, t, ui }) {
    const P = data.params;
    const vocab = data.vocab, V = vocab.length, H = P.b_h.length;
    const inputs = data.inputs, targets = data.targets, T = inputs.length;
    const fwd = run(P, inputs);
    const seed = data.sample_seed;
    const fmt = (x, d = 2) => ui.format(x, d);
    let current = 1, random = ui.rng(seed), sampled = null;

    const buttons = {
      prev: ui.el("button", { type: "button", text: t("prev"), onclick: () => show(current - 1) }),
      next: ui.el("button", { type: "button", text: t("next"), onclick: () => show(current + 1) }),
      reset: ui.el("button", { type: "button", text: t("reset"), onclick: reset }),
    };
    const sequence = ui.el("ol", { class: "tfn-rnn__seq", "aria-label": t("sequence") },
      inputs.map((id) => ui.el("li", { text: vocab[id] })));
    const panels = { x: panel(t("input"), t("input_note"), V), h: panel(t("hidden"), t("hidden_note"), H),
      p: panel(t("probs"), t("probs_note"), V, "tfn-rnn__bar--target") };
    const mid = (LEFT + WIDTH) / 2; // the hidden panel's zero
    panels.h.svg.append(ui.svg("line", { x1: mid, x2: mid, y1: TOP - 2, y2: TOP + H * ROW, class: "tfn-rnn__axis" }));
    const readout = ui.el("p", { class: "tfn-demo__readout", "aria-live": "polite" });
    const temp = data.temperature;
    const slider = ui.el("input", { type: "range", min: temp.min, max: temp.max, step: temp.step, value: temp.value,
      id: "tfn-rnn-temperature", oninput: () => { tempValue.textContent = fmt(+slider.value, 1); } });
    const tempValue = ui.el("output", { for: "tfn-rnn-temperature", text: fmt(temp.value, 1) });
    const sampleButton = ui.el("button", { type: "button", text: t("sample"), onclick: sampleOnce });
    const sampleText = ui.el("p", { class: "tfn-demo__readout", "aria-live": "polite", text: t("sample_hint") });

    root.append(
      ui.el("div", { class: "tfn-demo__controls" }, [buttons.prev, buttons.next, buttons.reset, sequence]),
      ui.el("div", { class: "tfn-rnn__panels" }, [panels.x.svg, panels.h.svg, panels.p.svg]),
      readout,
      ui.el("div", { class: "tfn-demo__controls" },
        [ui.el("label", {}, [t("temperature"), slider, tempValue]), sampleButton]),
      sampleText);
    show(1);

    /* An SVG panel: a title, a note (after a colour swatch if `swatch` names a bar class), one row per entry. */
    function panel(title, note, rows, swatch) {
      const svg = ui.svg("svg", { viewBox: `0 0 ${WIDTH} ${TOP + rows * ROW + 4}`, role: "img", "aria-label": title });
      svg.append(ui.svg("text", { x: 0, y: 14, class: "tfn-rnn__title", text: title }));
      if (swatch) svg.append(ui.svg("rect", { x: 0, y: 22, width: 10, height: 10, class: `tfn-rnn__bar ${swatch}` }));
      svg.append(ui.svg("text", { x: swatch ? 14 : 0, y: 31, class: "tfn-rnn__note", text: note }));
      return { svg, rows: Array.from({ length: rows }, (_, r) => {
        const g = ui.svg("g", { transform: `translate(0 ${TOP + r * ROW})` });
        const item = { label: ui.svg("text", { x: LEFT - 6, y: 12, "text-anchor": "end" }),
          bar: ui.svg("rect", { y: 2, height: 13 }), value: ui.svg("text", { y: 12 }) };
        g.append(item.label, item.bar, item.value);
        svg.append(g);
        return item;
      }) };
    }

    function symbol(id) {
      return vocab[id];
    }

    function draw() {
      const s = current - 1;
      const x = inputs[s], h = fwd.hs[current], p = fwd.ps[s];
      const pred = p.indexOf(Math.max(...p));
      panels.x.rows.forEach((row, v) => {
        row.label.textContent = symbol(v);
        setBar(row, LEFT, v === x ? 24 : 0, v === x ? "tfn-rnn__bar tfn-rnn__bar--on" : "tfn-rnn__bar");
        row.value.setAttribute("x", LEFT + 30);
        row.value.textContent = v === x ? "1" : "0";
      });
      panels.h.rows.forEach((row, i) => {
        const w = Math.abs(h[i]) * (WIDTH - mid - 4);
        row.label.textContent = String(i + 1);
        setBar(row, h[i] < 0 ? mid - w : mid, w, h[i] < 0 ? "tfn-rnn__bar tfn-rnn__bar--neg" : "tfn-rnn__bar tfn-rnn__bar--pos");
        row.value.setAttribute("x", h[i] < 0 ? mid + 4 : mid - 4);
        row.value.setAttribute("text-anchor", h[i] < 0 ? "start" : "end");
        row.value.textContent = fmt(h[i], 2);
      });
      panels.p.rows.forEach((row, v) => {
        row.label.textContent = symbol(v);
        setBar(row, LEFT, p[v] * BAR, v === targets[s] ? "tfn-rnn__bar tfn-rnn__bar--target" : "tfn-rnn__bar");
        row.value.setAttribute("x", LEFT + 4 + p[v] * BAR);
        row.value.textContent = fmt(p[v], 2) + (v === pred ? " ◀" : "");
      });
      Array.from(sequence.children).forEach((li, i) => {
        if (i === s) li.setAttribute("aria-current", "step");
        else li.removeAttribute("aria-current");
      });
      readout.textContent = fill(t("readout"), { t: current, T, x: symbol(x), y: symbol(targets[s]),
        pred: symbol(pred), p: fmt(p[pred], 3), pt: fmt(p[targets[s]], 3), loss: fmt(-Math.log(p[targets[s]]), 3) });
      // a button that is about to be disabled while it has focus would drop the focus to <body>: hand it over
      const focused = document.activeElement;
      if (current === 1 && focused === buttons.prev) buttons.next.focus();
      if (current === T && focused === buttons.next) buttons.prev.focus();
      buttons.prev.disabled = current === 1;
      buttons.next.disabled = current === T;
    }

    function setBar(row, x, width, cls) {
      row.bar.setAttribute("x", x);
      row.bar.setAttribute("width", Math.max(width, 0));
      row.bar.setAttribute("class", cls);
    }

    function show(n) {
      current = Math.min(Math.max(n, 1), T);
      sampled = null;
      sampleText.textContent = t("sample_hint");
      draw();
    }

    function reset() {
      random = ui.rng(seed);
      slider.value = temp.value;
      tempValue.textContent = fmt(temp.value, 1);
      show(1);
      buttons.next.focus();
    }

    function sampleOnce() {
      const prefix = inputs.slice(0, current);
      sampled = sampleIds(P, prefix, +slider.value, random, data.sample_length, data.end_id);
      sampleText.replaceChildren(fill(t("sampled"), { temperature: fmt(+slider.value, 1) }), " ",
        ui.el("code", { text: `${prefix.map(symbol).join("")} → ${sampled.map(symbol).join("")}` }));
    }

    return {
      params: () => ({ ...Object.fromEntries(KEYS.map((k) => [k, copy(P[k])])), vocab: vocab.slice() }),
      forward(ids) {
        const out = run(P, checkIds("inputs", ids, V));
        return { h: out.hs.slice(1), p: out.ps };
      },
      bptt(ids, tgts) {
        const a = checkIds("inputs", ids, V), b = checkIds("targets", tgts, V);
        if (a.length !== b.length) {
          throw new RangeError(`rnn: inputs has ${a.length} ids but targets has ${b.length}; they must be the same length`);
        }
        return backward(P, a, b);
      },
      sample(prefix, { temperature = 1, seed: s = seed, length = data.sample_length } = {}) {
        if (!Number.isInteger(length) || length < 1) throw new RangeError(`rnn: length must be a positive integer, got ${length}`);
        return sampleIds(P, checkIds("prefix", prefix, V), checkPositive("temperature", temperature), ui.rng(s),
          length, data.end_id);
      },
      state: () => ({ step: current, temperature: +slider.value, sampled: sampled && sampled.slice() }),
    };
  }

  window.tfnotes.demo.define("rnn", setup);
})();
