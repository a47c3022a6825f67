/* Shared runtime of the in-browser demos (plain JavaScript, no library: the demos need a few SVG elements,
 * buttons and number formatting, which the DOM already gives).
 *
 * A demo script calls tfnotes.demo.define(name, setup). When the page is ready, for the root element
 * <div class="tfn-demo" data-demo="NAME" data-src="…/assets/demos/NAME.json"> that tfnotes.site.demos wrote,
 * this runtime reads the UI text the page embedded in its own language, fetches the data the build exported,
 * shows the root and calls setup({root, data, t, lang, ui}). setup builds the demo and returns its API, which
 * becomes window.tfnotes.demos[NAME] (with .element = the root); tfnotes.demo.ready(NAME) resolves to it.
 */
(function () {
  "use strict";
  const tfn = (window.tfnotes = window.tfnotes || {});
  tfn.demos = tfn.demos || {};
  if (tfn.demo) return; // this file is included once per demo on the page
  const SVG = "http://www.w3.org/2000/svg";
  const waiting = {};

  function deferred(name) {
    if (!waiting[name]) {
      let resolve, reject;
      const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
      waiting[name] = { promise, resolve, reject };
    }
    return waiting[name];
  }

  /* An element with attributes (on* keys become listeners) and children (strings become text). */
  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    return fill(node, attrs, children);
  }

  function svg(tag, attrs, children) {
    return fill(document.createElementNS(SVG, tag), attrs, children);
  }

  function fill(node, attrs, children) {
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
      else if (key === "text") node.textContent = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of [].concat(children || [])) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  /* A number for the readout, in the page's language, with a fixed number of decimals. */
  function formatter(lang) {
    const cache = {};
    return (x, digits = 3) => {
      if (!Number.isFinite(x)) return String(x);
      const key = digits;
      cache[key] = cache[key] || new Intl.NumberFormat(lang === "ko" ? "ko-KR" : "en-US",
        { minimumFractionDigits: digits, maximumFractionDigits: digits });
      return cache[key].format(x).replace("-", "\u2212");
    };
  }

  /* A seeded generator of uniform numbers in [0, 1) (mulberry32): the browser's own stream, so "random"
   * starts are repeatable in the browser; they are not NumPy's stream, and the tests start from explicit
   * numbers when they compare with the package. */
  function rng(seed) {
    let a = (seed >>> 0) || 0x9e3779b9;
    return function () {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /* The demo palette is the figures' (Okabe–Ito), read from CSS so that the dark palette can adjust it. */
  function colors(root) {
    const style = getComputedStyle(root);
    return Array.from({ length: 8 }, (_, i) => style.getPropertyValue(`--tfn-demo-c${i}`).trim());
  }

  const ui = { el, svg, rng, colors };

  async function start(root, name, setup) {
    const lang = root.dataset.lang || document.documentElement.lang || "en";
    const strings = JSON.parse(root.querySelector(".tfn-demo__strings").textContent);
    const t = (key) => {
      if (!(key in strings)) throw new Error(`demo ${name}: no UI text for ${key}`);
      return strings[key];
    };
    const status = el("p", { class: "tfn-demo__status", role: "status", text: t("loading") });
    root.append(status);
    root.hidden = false;
    let data;
    try {
      const response = await fetch(root.dataset.src);
      if (!response.ok) throw new Error(`${response.status} ${root.dataset.src}`);
      data = await response.json();
    } catch (error) {
      status.textContent = t("failed");
      throw error;
    }
    status.remove();
    const api = setup({ root, data, t, lang, ui: { ...ui, format: formatter(lang) } });
    api.element = root;
    tfn.demos[name] = api;
    root.dataset.ready = "true";
    performance.mark(`tfnotes:demo-ready:${name}`); // read by the benchmark (python -m tfnotes.site.bench)
    root.dispatchEvent(new CustomEvent("tfnotes:demo-ready", { bubbles: true, detail: { name } }));
    return api;
  }

  tfn.demo = {
    define(name, setup) {
      const run = () => {
        const root = document.querySelector(`.tfn-demo[data-demo="${name}"]`);
        if (!root) return;
        start(root, name, setup).then(deferred(name).resolve, (error) => {
          deferred(name).reject(error);
          console.error(`demo ${name}:`, error);
        });
      };
      if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
      else run();
    },
    ready(name) {
      return deferred(name).promise;
    },
    ui,
  };
})();
