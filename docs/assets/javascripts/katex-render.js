// Formulas with KaTeX, served by this site (docs/assets/vendor/katex, copied from the npm package at
// set-up): no CDN. pymdownx.arithmatex (generic mode) wraps Markdown math in .arithmatex elements as
// \( \) and \[ \]; executed notebooks keep $ and $$ inside .jp-RenderedMarkdown, which Material's
// documented set-up does not look at. Only those elements are scanned, so a "$" elsewhere stays text.
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
    root.querySelectorAll(".arithmatex, .jp-RenderedMarkdown").forEach(function (el) {
      renderMathInElement(el, {
        delimiters: DELIMITERS,
        throwOnError: false,
        errorCallback: function (message, error) { console.error(message, error); }
      });
    });
  }

  document$.subscribe(function (doc) { render(doc.body || document.body); });
})();
