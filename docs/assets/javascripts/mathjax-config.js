// MathJax 3, served by this site (docs/assets/vendor/mathjax, copied from the npm package at set-up).
// Material's documented configuration, plus the classes of executed notebooks: mkdocs-jupyter renders
// notebook Markdown inside .jp-RenderedMarkdown with $...$ left as is, which that configuration ignores.
window.MathJax = {
  tex: {
    inlineMath: [["\\(", "\\)"], ["$", "$"]],
    displayMath: [["\\[", "\\]"], ["$$", "$$"]],
    processEscapes: true,
    processEnvironments: true,
  },
  options: {
    ignoreHtmlClass: ".*|",
    processHtmlClass: "arithmatex|jp-RenderedMarkdown|jp-MarkdownOutput",
  },
};

document$.subscribe(() => {
  if (!window.MathJax.startup || !window.MathJax.typesetPromise) return; // not loaded yet: it typesets on load
  MathJax.startup.output.clearCache();
  MathJax.typesetClear();
  MathJax.texReset();
  MathJax.typesetPromise();
});
