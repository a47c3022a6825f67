// Formulas with KaTeX, served by this site (docs/assets/vendor/katex, copied from the npm package at
// set-up): no CDN. pymdownx.arithmatex (generic mode) wraps Markdown math in .arithmatex elements as
// \( \) and \[ \]; executed notebooks keep $ and $$ inside .jp-RenderedMarkdown, which Material's
// documented set-up does not look at. Only those elements are scanned, so a "$" elsewhere stays text. A heading
// with math reaches the table of contents as plain text (\( \) without the .arithmatex wrapper): the navigation
// links that hold such text are scanned too.
// A formula KaTeX cannot parse is logged as a console error, which the browser tests fail on.
(function () {
  "use strict";
  var DELIMITERS = [
    { left: "$$", right: "$$", display: true },
    { left: "\\[", right: "\\]", display: true },
    { left: "\\(", right: "\\)", display: false },
    { left: "$", right: "$", display: false }
  ];

  function render(root) {
    var math = Array.prototype.slice.call(root.querySelectorAll(".arithmatex, .jp-RenderedMarkdown"));
    root.querySelectorAll(".md-nav__link").forEach(function (el) {
      if (el.textContent.indexOf("\\(") !== -1) math.push(el);
    });
    math.forEach(function (el) {
      renderMathInElement(el, {
        delimiters: DELIMITERS,
        throwOnError: false,
        errorCallback: function (message, error) { console.error(message, error); }
      });
    });
  }

  document$.subscribe(function (doc) { render(doc.body || document.body); });
})();
