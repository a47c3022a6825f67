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
    // Skip every element that has a class, except the two kinds below. Material's documented ".*|"
    // would also skip the class-less <p> and <li> that notebook Markdown is made of.
    ignoreHtmlClass: "[^ ]+",
    processHtmlClass: "arithmatex|jp-RenderedMarkdown|jp-MarkdownOutput",
  },
};

document$.subscribe(() => {
  if (!window.MathJax.startup || !window.MathJax.typesetPromise) return; // not loaded yet: it typesets on load
  MathJax.typesetClear();
  MathJax.texReset();
  MathJax.typesetPromise();
});
